import Foundation
import Hummingbird
import StratusCore

extension ComputeFront {
    /// `/os-stratus-join-tokens[/{id}]`: Stratus's own admin API (no Nova
    /// counterpart) for the one-time tokens that enroll remote compute hosts.
    /// Administrators only, as `os-services` delete; errors in Nova's format.
    /// The token string is in the create's answer alone; lists never show it.
    func addJoinTokenRoutes(_ group: RouterGroup<Context>) {
        group.post("os-stratus-join-tokens") { request, context in
            let enrollment = try Self.enrollment(enrollment)
            let caller = try context.caller()
            let body = try JSONObjectReader(wrapped: try await request.jsonBody(limit: context.maxUploadSize), key: "join_token")
            try ServerRequestDecoder.rejectUnknown(body, allowed: ["ttl_seconds", "description"], field: "join_token")
            let ttl = try Self.joinTokenTTL(body)
            let description = try body.string("description")
            let (token, text) = try await enrollment.createJoinToken(
                .caller(caller), ttl: ttl.map(TimeInterval.init), description: description)
            guard case .object(var fields) = Self.joinToken(token, now: token.createdAt) else { return Response.empty(.ok) }
            fields["token"] = .string(text)
            return try Response.json(["join_token": .object(fields)], status: .created)
        }
        group.get("os-stratus-join-tokens") { _, context in
            let tokens = try await Self.enrollment(enrollment).joinTokens(.caller(try context.caller()))
            let now = Date()
            return try Response.json(["join_tokens": .array(tokens.map { Self.joinToken($0, now: now) })])
        }
        group.delete("os-stratus-join-tokens/:id") { _, context in
            try await Self.enrollment(enrollment).deleteJoinToken(.caller(try context.caller()), id: try context.parameter("id"))
            return Response.empty(.noContent)
        }
    }

    private static func enrollment(_ service: HostEnrollmentService?) throws -> HostEnrollmentService {
        guard let service else { throw APIError.notFound() }
        return service
    }

    /// A JSON integer from 1 to 604800 (no strings, no fractions), or absent.
    private static func joinTokenTTL(_ body: JSONObjectReader) throws -> Int? {
        guard let value = body.members["ttl_seconds"] else { return nil }
        guard case .int(let seconds) = value, seconds >= 1, seconds <= Int(JoinToken.maximumTTL) else {
            throw APIError.badRequest(
                "Invalid input for field/attribute ttl_seconds. Value: \(value). ttl_seconds must be an integer from 1 to \(Int(JoinToken.maximumTTL))")
        }
        return seconds
    }

    /// A token as administrators see it: never its secret or the secret's hash.
    static func joinToken(_ token: JoinToken, now: Date) -> JSONValue {
        let status = token.usedAt != nil ? "used" : token.isExpired(at: now) ? "expired" : "unused"
        return [
            "id": .string(token.id),
            "description": .string(token.description),
            "status": .string(status),
            "created_at": .string(UTCTimestamp.seconds(token.createdAt)),
            "expires_at": .string(UTCTimestamp.seconds(token.expiresAt)),
            "used_at": token.usedAt.map { .string(UTCTimestamp.seconds($0)) } ?? .null,
            "used_by_host": token.usedByHostName.map(JSONValue.string) ?? .null,
        ]
    }
}
