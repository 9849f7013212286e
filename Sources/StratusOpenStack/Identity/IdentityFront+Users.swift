import Foundation
import Hummingbird
import StratusCore

extension IdentityFront {
    func addUserRoutes(_ group: RouterGroup<Context>) {
        group.get("users") { request, context in
            let users = try await identity.listUsers(try context.caller(), filter: request.identityListFilter)
            return try Response.json(render.list("users", users.map(render.user), path: "users"))
        }
        group.post("users") { request, context in
            let body = try JSONObjectReader(try await request.jsonBody(limit: context.maxUploadSize)["user"], field: "user")
            let draft = UserDraft(
                name: try body.requiredString("name"), domainID: try body.string("domain_id"),
                password: try body.nullableString("password") ?? nil, enabled: try body.bool("enabled") ?? true,
                defaultProjectID: try body.nullableString("default_project_id") ?? nil,
                email: try body.nullableString("email") ?? nil,
                description: try body.nullableString("description") ?? nil,
                extra: try Self.userExtra(body))
            let user = try await identity.createUser(try context.caller(), draft)
            return try Response.json(["user": render.user(user)], status: .created)
        }
        group.get("users/:id") { _, context in
            let user = try await identity.getUser(try context.caller(), id: try context.parameter("id"))
            return try Response.json(["user": render.user(user)])
        }
        group.patch("users/:id") { request, context in
            let body = try JSONObjectReader(try await request.jsonBody(limit: context.maxUploadSize)["user"], field: "user")
            let patch = UserPatch(
                name: try body.string("name"), password: try body.string("password"), enabled: try body.bool("enabled"),
                defaultProjectID: try body.nullableString("default_project_id"),
                email: try body.nullableString("email"), description: try body.nullableString("description"),
                extra: try Self.userExtra(body))
            let user = try await identity.updateUser(try context.caller(), id: try context.parameter("id"), patch)
            return try Response.json(["user": render.user(user)])
        }
        group.delete("users/:id") { _, context in
            try await identity.deleteUser(try context.caller(), id: try context.parameter("id"))
            return Response.empty(.noContent)
        }
        group.get("users/:id/projects") { _, context in
            let userID = try context.parameter("id")
            let projects = try await identity.listUserProjects(try context.caller(), userID: userID)
            return try Response.json(render.list("projects", projects.map(render.project), path: "users/\(userID)/projects"))
        }
    }

    /// Attributes Keystone's user schema does not name are kept and echoed back.
    static let knownUserFields: Set<String> = [
        "id", "name", "domain_id", "enabled", "password", "default_project_id", "email", "description",
        "links", "options", "password_expires_at", "federated",
    ]

    static func userExtra(_ body: JSONObjectReader) throws -> [String: String] {
        var extra: [String: String] = [:]
        for (key, value) in body.members where !knownUserFields.contains(key) {
            extra[key] = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
        }
        return extra
    }
}
