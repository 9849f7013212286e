import Foundation
import StratusCore

/// Keystone v3 JSON shapes of the identity resources, field by field.
struct IdentityRenderer: Sendable {
    /// e.g. `http://127.0.0.1:5000/identity`
    let identityURL: String

    var v3: String { identityURL + "/v3" }

    func domain(_ domain: Domain) -> JSONValue {
        [
            "id": .string(domain.id), "name": .string(domain.name), "description": .string(domain.description),
            "enabled": .bool(domain.enabled), "tags": [], "options": [:],
            "links": ["self": .string("\(v3)/domains/\(domain.id)")],
        ]
    }

    func project(_ project: Project) -> JSONValue {
        [
            "id": .string(project.id), "name": .string(project.name), "domain_id": .string(project.domainID),
            "description": .string(project.description), "enabled": .bool(project.enabled),
            "parent_id": .string(project.domainID), "is_domain": false,
            "tags": .array(project.tags.map(JSONValue.string)), "options": [:],
            "links": ["self": .string("\(v3)/projects/\(project.id)")],
        ]
    }

    func user(_ user: User) -> JSONValue {
        var fields: [String: JSONValue] = [
            "id": .string(user.id), "name": .string(user.name), "domain_id": .string(user.domainID),
            "enabled": .bool(user.enabled), "password_expires_at": nil, "options": [:],
            "links": ["self": .string("\(v3)/users/\(user.id)")],
        ]
        if let value = user.defaultProjectID { fields["default_project_id"] = .string(value) }
        if let value = user.email { fields["email"] = .string(value) }
        if let value = user.description { fields["description"] = .string(value) }
        for (key, text) in user.extra where fields[key] == nil {
            fields[key] = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        }
        return .object(fields)
    }

    func role(_ role: Role) -> JSONValue {
        [
            "id": .string(role.id), "name": .string(role.name), "domain_id": .optional(role.domainID),
            "description": .string(role.description), "options": [:],
            "links": ["self": .string("\(v3)/roles/\(role.id)")],
        ]
    }

    func roleReference(_ role: Role) -> JSONValue {
        ["id": .string(role.id), "name": .string(role.name), "links": ["self": .string("\(v3)/roles/\(role.id)")]]
    }

    /// `{"<key>": [...], "links": {"self", "previous", "next"}}`
    func list(_ key: String, _ items: [JSONValue], path: String) -> JSONValue {
        [key: .array(items), "links": ["self": .string("\(v3)/\(path)"), "previous": nil, "next": nil]]
    }

    /// Keystone's timestamp: microseconds, UTC, `Z`.
    static func timestamp(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970
        let whole = floor(seconds)
        let micros = Int(((seconds - whole) * 1_000_000).rounded()) % 1_000_000
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: whole)) + String(format: ".%06dZ", micros)
    }
}
