import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Just enough of an OpenStack client to time Stratus from outside.
struct BenchClient: Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let base: String
    let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = 1
        return URLSession(configuration: configuration)
    }()

    func waitUntilUp(timeout: Duration = .seconds(60)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let (_, response) = try? await session.data(from: URL(string: base + "/identity/v3")!),
               (response as? HTTPURLResponse)?.statusCode == 200 {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Failure(description: "stratus did not answer at \(base) within \(timeout)")
    }

    /// POSTs an auth body; returns the issued token's secret.
    func issue(_ body: Data) async throws -> String {
        var request = URLRequest(url: URL(string: base + "/identity/v3/auth/tokens?nocatalog")!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = body
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse, http.statusCode == 201,
              let token = http.value(forHTTPHeaderField: "X-Subject-Token")
        else {
            throw Failure(description: "token issue failed: \(String(decoding: data, as: UTF8.self))")
        }
        return token
    }

    func passwordAuth(user: String, password: String, project: String) -> Data {
        json(["auth": [
            "identity": ["methods": ["password"], "password": ["user": [
                "name": user, "domain": ["id": "default"], "password": password]]],
            "scope": ["project": ["name": project, "domain": ["id": "default"]]],
        ]])
    }

    func tokenAuth(_ token: String, project: String) -> Data {
        json(["auth": [
            "identity": ["methods": ["token"], "token": ["id": token]],
            "scope": ["project": ["name": project, "domain": ["id": "default"]]],
        ]])
    }

    /// One API call: status and body. `token` goes in X-Auth-Token.
    func call(_ method: String, _ path: String, token: String?, json body: [String: Any]? = nil,
              headers: [String: String] = [:]) async throws -> (Int, Data) {
        var request = URLRequest(url: URL(string: base + path)!)
        request.httpMethod = method
        if let token { request.setValue(token, forHTTPHeaderField: "X-Auth-Token") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let body {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = try JSONSerialization.data(withJSONObject: body)
        }
        let (data, response) = try await session.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    /// `call`, requiring `expected`; returns the decoded JSON object (empty when no body).
    func expect(_ expected: Int, _ method: String, _ path: String, token: String?,
                json body: [String: Any]? = nil) async throws -> [String: Any] {
        let (status, data) = try await call(method, path, token: token, json: body)
        guard status == expected else {
            throw Failure(description: "\(method) \(path): \(status) \(String(decoding: data.prefix(300), as: UTF8.self))")
        }
        if data.isEmpty { return [:] }
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }

    private func json(_ object: [String: Any]) -> Data {
        // Only literal dictionaries of strings reach here.
        try! JSONSerialization.data(withJSONObject: object)
    }
}
