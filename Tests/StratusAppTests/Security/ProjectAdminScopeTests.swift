import Foundation
import HTTPTypes
import StratusAgent
import StratusCore
import StratusOpenStack
import Testing

/// Report 2 of the hardening issue, replayed: a user holding `admin` on project
/// "alpha" only, with a token scoped to alpha, tries every escalation the report
/// found. Each is refused and changes nothing; the admin project's `admin` and a
/// system-scoped `admin` keep their cloud-wide powers.
@Suite("Scoped administration: a project's admin administers that project only")
struct ProjectAdminScopeTests {
    static let imageID = "5a7c0e1e-57a7-4000-8000-7e57000000a1"

    struct World {
        var cloud: TestCloud
        var admin: String
        var alphaAdmin: String
        var alphaAdminID: String
        var alphaID: String
        var bob: String
        var bobID: String
        var betaID: String
        var adminUserID: String
        var adminProjectID: String
        var adminRoleID: String
    }

    static func world(_ cloud: TestCloud) async throws -> World {
        for host in SimulatedHosts.make(count: 1) { try await cloud.cloud.compute.registerHost(host) }
        let admin = try await cloud.token()
        let (alphaAdminID, alphaID) = try await cloud.makeUser("alpha-admin", role: "admin", project: "alpha", adminToken: admin)
        let (bobID, betaID) = try await cloud.makeUser("bob", role: "member", project: "beta", adminToken: admin)
        let me = try await cloud.send(.get, "/identity/v3/auth/tokens", token: admin,
                                      headers: [HTTPField.Name("X-Subject-Token")!: admin])
        let adminUserID = try #require(me.json?["token"]?["user"]?["id"]?.stringValue)
        let adminProjectID = try #require(me.json?["token"]?["project"]?["id"]?.stringValue)
        let adminRoleID = try #require(try await cloud.send(.get, "/identity/v3/roles?name=admin", token: admin)
            .json?["roles"]?.arrayValue?.first?["id"]?.stringValue)
        return World(
            cloud: cloud, admin: admin,
            alphaAdmin: try await cloud.token(user: "alpha-admin", password: "pw-alpha-admin", project: "alpha"),
            alphaAdminID: alphaAdminID, alphaID: alphaID,
            bob: try await cloud.token(user: "bob", password: "pw-bob", project: "beta"), bobID: bobID, betaID: betaID,
            adminUserID: adminUserID, adminProjectID: adminProjectID, adminRoleID: adminRoleID)
    }

    static func refused(_ reply: Reply) -> Bool { reply.status == .forbidden || reply.status == .notFound }

    @Test("identity: no grants beyond alpha, no users, no other project's password or project")
    func identityEscalationsAreRefused() async throws {
        try await TestCloud.run { cloud in
            let w = try await Self.world(cloud)
            let attempts: [(HTTPRequest.Method, String, JSONValue?)] = [
                (.put, "/identity/v3/projects/\(w.adminProjectID)/users/\(w.alphaAdminID)/roles/\(w.adminRoleID)", nil),
                (.put, "/identity/v3/system/users/\(w.alphaAdminID)/roles/\(w.adminRoleID)", nil),
                (.put, "/identity/v3/projects/\(w.betaID)/users/\(w.alphaAdminID)/roles/\(w.adminRoleID)", nil),
                (.post, "/identity/v3/users", ["user": ["name": "mallory", "password": "pw-mallory"]]),
                (.patch, "/identity/v3/users/\(w.adminUserID)", ["user": ["password": "owned"]]),
                (.delete, "/identity/v3/projects/\(w.betaID)", nil),
                (.delete, "/identity/v3/users/\(w.bobID)", nil),
                (.post, "/identity/v3/projects", ["project": ["name": "gamma"]]),
                (.get, "/identity/v3/users", nil),
                (.get, "/identity/v3/role_assignments", nil),
            ]
            for (method, path, body) in attempts {
                let reply = try await cloud.send(method, path, token: w.alphaAdmin, json: body, headers: [.accept: "application/json"])
                #expect(Self.refused(reply), "\(method) \(path) → \(reply.status)")
            }
            // Nothing changed: the cloud admin's password still works, bob and beta are there,
            // and alpha-admin holds no role beyond alpha.
            _ = try await cloud.token()
            _ = try await cloud.token(user: "bob", password: "pw-bob", project: "beta")
            let grants = try await cloud.send(.get, "/identity/v3/role_assignments?user.id=\(w.alphaAdminID)", token: w.admin)
            let scopes = grants.json?["role_assignments"]?.arrayValue?.map { $0["scope"] } ?? []
            #expect(scopes.count == 1 && scopes.first??["project"]?["id"]?.stringValue == w.alphaID, "\(scopes)")
        }
    }

    @Test("compute, image, network: another project's resources stay out of reach")
    func crossProjectReachIsRefused() async throws {
        try await TestCloud.run { cloud in
            let w = try await Self.world(cloud)
            let server = try await cloud.send(.post, "/compute/v2.1/servers", token: w.bob, json: [
                "server": ["name": "bobs", "imageRef": .string(Self.imageID), "flavorRef": "1"],
            ])
            try #require(server.status == .accepted, "\(String(describing: server.json))")
            let serverID = try #require(server.json?["server"]?["id"]?.stringValue)
            #expect(try await cloud.send(.post, "/compute/v2.1/os-keypairs", token: w.bob,
                                         json: ["keypair": ["name": "bobkey"]]).status == .ok)
            let network = try await cloud.send(.post, "/network/v2.0/networks", token: w.bob, json: ["network": ["name": "bnet"]])
            let networkID = try #require(network.json?["network"]?["id"]?.stringValue)
            let image = try await cloud.send(.post, "/image/v2/images", token: w.admin, json: [
                "name": "admin-private", "visibility": "private", "disk_format": "raw", "container_format": "bare",
            ])
            let imageID = try #require(image.json?["id"]?.stringValue)

            let attempts: [(HTTPRequest.Method, String, JSONValue?)] = [
                (.get, "/image/v2/images/\(imageID)", nil),
                (.post, "/compute/v2.1/servers/\(serverID)/action", ["os-getConsoleOutput": ["length": 10]]),
                (.get, "/compute/v2.1/os-keypairs/bobkey?user_id=\(w.bobID)", nil),
                (.post, "/compute/v2.1/servers/\(serverID)/action", ["forceDelete": nil]),
                (.delete, "/compute/v2.1/servers/\(serverID)", nil),
                (.get, "/compute/v2.1/servers/\(serverID)", nil),
                (.put, "/network/v2.0/networks/\(networkID)", ["network": ["shared": true]]),
                (.put, "/compute/v2.1/os-quota-class-sets/default", ["quota_class_set": ["instances": 1000]]),
                (.post, "/compute/v2.1/flavors", ["flavor": ["name": "evil", "ram": 64, "vcpus": 1, "disk": 1]]),
                (.get, "/compute/v2.1/os-hypervisors", nil),
                (.put, "/compute/v2.1/os-quota-sets/\(w.alphaID)", ["quota_set": ["instances": 1000]]),
            ]
            for (method, path, body) in attempts {
                let reply = try await cloud.send(method, path, token: w.alphaAdmin, json: body, headers: [.accept: "application/json"])
                #expect(Self.refused(reply), "\(method) \(path) → \(reply.status)")
            }
            let listed = try await cloud.send(.get, "/compute/v2.1/servers?all_tenants=1", token: w.alphaAdmin)
            #expect(listed.status == .forbidden || listed.json?["servers"]?.arrayValue?.isEmpty == true)
            // Nothing changed.
            #expect(try await cloud.send(.get, "/compute/v2.1/servers/\(serverID)", token: w.bob).status == .ok)
            let shown = try await cloud.send(.get, "/network/v2.0/networks/\(networkID)", token: w.bob)
            #expect(shown.json?["network"]?["shared"] == .bool(false))
            let quota = try await cloud.send(.get, "/compute/v2.1/os-quota-class-sets/default", token: w.admin)
            #expect(quota.json?["quota_class_set"]?["instances"] == .int(10))
        }
    }

    @Test("a project's admin still runs its own project; cloud admins keep their powers")
    func ownProjectAndCloudAdminsStillWork() async throws {
        try await TestCloud.run { cloud in
            let w = try await Self.world(cloud)
            let own = try await cloud.send(.post, "/compute/v2.1/servers", token: w.alphaAdmin, json: [
                "server": ["name": "mine", "imageRef": .string(Self.imageID), "flavorRef": "1"],
            ])
            #expect(own.status == .accepted)
            #expect(try await cloud.send(.get, "/identity/v3/projects/\(w.alphaID)", token: w.alphaAdmin).status == .ok)
            // The admin project's admin, and a system-scoped admin, act cloud-wide.
            let system = try await cloud.send(.post, "/identity/v3/auth/tokens", json: [
                "auth": ["identity": ["methods": ["password"], "password": ["user": [
                    "name": "admin", "domain": ["id": "default"], "password": .string(TestCloud.adminPassword),
                ]]], "scope": ["system": ["all": true]]],
            ])
            let systemToken = try #require(system.headers[HTTPField.Name("X-Subject-Token")!])
            for token in [w.admin, systemToken] {
                #expect(try await cloud.send(.get, "/identity/v3/users", token: token).status == .ok)
                #expect(try await cloud.send(.get, "/compute/v2.1/os-hypervisors", token: token).status == .ok)
                let all = try await cloud.send(.get, "/compute/v2.1/servers?all_tenants=1", token: token)
                #expect(all.json?["servers"]?.arrayValue?.count == 1)
            }
        }
    }

    @Test("--admin-scope any-project restores upstream's legacy admin-anywhere")
    func legacyAdminScope() async throws {
        try await TestCloud.run(configure: { $0.adminScope = .anyProject }) { cloud in
            let w = try await Self.world(cloud)
            #expect(try await cloud.send(.get, "/identity/v3/users", token: w.alphaAdmin).status == .ok)
        }
    }
}
