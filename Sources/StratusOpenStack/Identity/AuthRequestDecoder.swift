import Foundation
import StratusCore

/// `{"auth": {"identity": {...}, "scope": ...}}` → `AuthRequest`.
enum AuthRequestDecoder {
    static func decode(_ body: JSONValue, sourceAddress: String) throws -> AuthRequest {
        let auth = try JSONObjectReader(body["auth"], field: "auth")
        let identity = try JSONObjectReader(auth.members["identity"], field: "identity")
        guard let methods = try identity.stringArray("methods"), !methods.isEmpty else {
            throw APIError.badRequest("Invalid input for field 'identity': 'methods' is a required property")
        }
        return AuthRequest(
            proof: try proof(methods, identity), scope: try scope(auth.members["scope"]), sourceAddress: sourceAddress)
    }

    private static func proof(_ methods: [String], _ identity: JSONObjectReader) throws -> AuthRequest.Proof {
        if methods.contains("password") {
            let password = try JSONObjectReader(identity.members["password"], field: "password")
            let user = try JSONObjectReader(password.members["user"], field: "user")
            let secret = try user.requiredString("password")
            if let id = try user.string("id") { return .password(user: .id(id), password: secret) }
            guard let name = try user.string("name") else {
                throw APIError.badRequest("Invalid input for field 'user': 'id' or 'name' is required")
            }
            guard let domain = try user.object("domain") else {
                throw APIError.badRequest("Expecting to find domain in user. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.")
            }
            return .password(user: .name(name, domain: try domainReference(domain)), password: secret)
        }
        if methods.contains("token") {
            let token = try JSONObjectReader(identity.members["token"], field: "token")
            return .token(try token.requiredString("id"))
        }
        throw APIError(.unauthorized, "Attempted to authenticate with an unsupported method.")
    }

    private static func scope(_ value: JSONValue?) throws -> ScopeRequest {
        guard let value else { return .default }
        if case .string("unscoped") = value { return .unscoped }
        let scope = try JSONObjectReader(value, field: "scope")
        if let project = try scope.object("project") {
            if let id = try project.string("id") { return .project(.id(id)) }
            let name = try project.requiredString("name")
            guard let domain = try project.object("domain") else {
                throw APIError.badRequest("Expecting to find domain in project. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.")
            }
            return .project(.name(name, domain: try domainReference(domain)))
        }
        if let domain = try scope.object("domain") {
            return .domain(try domainReference(domain))
        }
        if let system = try scope.object("system") {
            guard try system.bool("all") == true else {
                throw APIError.badRequest("Invalid input for field 'system': only {\"all\": true} is supported")
            }
            return .system
        }
        throw APIError.badRequest("Invalid input for field 'scope': expected 'project', 'domain' or 'unscoped'")
    }

    private static func domainReference(_ domain: JSONObjectReader) throws -> DomainReference {
        if let id = try domain.string("id") { return .id(id) }
        if let name = try domain.string("name") { return .name(name) }
        throw APIError.badRequest("Invalid input for field 'domain': 'id' or 'name' is required")
    }
}
