import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import StratusApp
import StratusCore
import StratusOpenStack
import Testing

/// A whole cloud (real SQLite in a temp directory, every route, every
/// middleware) driven in process through Hummingbird's router test client.
struct TestCloud {
    static let adminPassword = "correct horse battery staple"

    let client: any TestClientProtocol
    let cloud: StratusCloud

    static func run(
        bootImages: (any BootImageSource)? = nil, configure: (inout StratusConfiguration) -> Void = { _ in },
        _ body: @Sendable (TestCloud) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("stratus-test-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var configuration = StratusConfiguration()
        configuration.dataDirectory = directory
        configuration.adminPassword = adminPassword
        configuration.passwordRounds = 1000  // tests need no brute-force resistance
        configuration.simulatedHosts = 0  // tests register hosts themselves, deterministically
        configure(&configuration)
        let cloud = try await StratusCloud.open(configuration, port: 5000, bootImages: bootImages)
        var logger = Logger(label: "stratus-test")
        logger.logLevel = .warning
        let application = try await StratusServer.makeApplication(cloud, port: 5000, logger: logger)
        try await application.test(.router) { client in
            try await body(TestCloud(client: client, cloud: cloud))
        }
    }

    /// Sends a request and decodes the JSON body (nil when empty).
    func send(
        _ method: HTTPRequest.Method, _ path: String, token: String? = nil, json: JSONValue? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> Reply {
        var headers = extra
        if let token { headers[HTTPField.Name("X-Auth-Token")!] = token }
        var body: ByteBuffer?
        if let json {
            headers[.contentType] = "application/json"
            body = ByteBuffer(data: try JSONEncoder().encode(json))
        }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: body)
        let data = Data(buffer: response.body)
        let decoded = data.isEmpty ? nil : try JSONDecoder().decode(JSONValue.self, from: data)
        return Reply(status: response.status, headers: response.headers, json: decoded)
    }

    /// Issues a project-scoped password token; returns the secret.
    func token(user: String = "admin", password: String = adminPassword, project: String? = "admin") async throws -> String {
        let reply = try await send(.post, "/identity/v3/auth/tokens", json: Self.passwordAuth(user, password, project))
        try #require(reply.status == .created, "token for \(user): \(reply.status) \(String(describing: reply.json))")
        return try #require(reply.headers[HTTPField.Name("X-Subject-Token")!])
    }

    static func passwordAuth(_ user: String, _ password: String, _ project: String?) -> JSONValue {
        var auth: [String: JSONValue] = [
            "identity": ["methods": ["password"], "password": [
                "user": ["name": .string(user), "domain": ["id": "default"], "password": .string(password)],
            ]],
        ]
        if let project {
            auth["scope"] = ["project": ["name": .string(project), "domain": ["id": "default"]]]
        }
        return ["auth": .object(auth)]
    }

    /// Creates a user with a role on a (new or existing) project; returns ids.
    func makeUser(
        _ name: String, role: String, project: String, adminToken: String
    ) async throws -> (userID: String, projectID: String) {
        var projectID = try await send(.get, "/identity/v3/projects?name=\(project)", token: adminToken)
            .json?["projects"]?.arrayValue?.first?["id"]?.stringValue
        if projectID == nil {
            let created = try await send(.post, "/identity/v3/projects", token: adminToken,
                                         json: ["project": ["name": .string(project), "domain_id": "default"]])
            try #require(created.status == .created)
            projectID = created.json?["project"]?["id"]?.stringValue
        }
        let project = try #require(projectID)
        let user = try await send(.post, "/identity/v3/users", token: adminToken, json: [
            "user": ["name": .string(name), "password": .string("pw-\(name)"), "default_project_id": .string(project)],
        ])
        try #require(user.status == .created, "create user: \(String(describing: user.json))")
        let userID = try #require(user.json?["user"]?["id"]?.stringValue)
        let roleID = try #require(try await send(.get, "/identity/v3/roles?name=\(role)", token: adminToken)
            .json?["roles"]?.arrayValue?.first?["id"]?.stringValue)
        let grant = try await send(.put, "/identity/v3/projects/\(project)/users/\(userID)/roles/\(roleID)", token: adminToken)
        try #require(grant.status == .noContent)
        return (userID, project)
    }
}

struct Reply {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var json: JSONValue?

    var errorMessage: String? { json?["error"]?["message"]?.stringValue }
}

extension JSONValue {
    var arrayValue: [JSONValue]? {
        if case .array(let values) = self { return values }
        return nil
    }
}
