import Foundation
import HTTPTypes
import StratusOpenStack
import Testing

/// Identity v3. Identities, roles, grants, domains, projects, the catalog's services
/// are the cloud administrators' alone: an `admin` of alpha is refused all of them,
/// alpha included (it administers alpha's resources, not who may use them). A user
/// reads itself, its projects, its groups and its own tokens.
///
/// Own/other: for project rows, own = the persona's project and other = beta; for user
/// and token rows, own = the persona itself (its user, its token) and other = bob (beta's
/// member); cloud-wide rows (domains, roles, groups, services) use the own column only.
///
/// `identity:change_password` (`POST /v3/users/{id}/password`) has no row: the route
/// takes no token (the original password is the proof, as in Keystone), so no persona
/// reaches its rule; IdentityTokenHTTPTests covers it.
@Suite("Policy matrix: identity", .serialized)
struct IdentityPolicyMatrix {
    static let cloud = MatrixCloud(rows: rows.count) { world in
        let admin = world.admin
        try await world.must(admin, .post, "/identity/v3/domains", json: ["domain": ["name": "other-dom"]])
        try await world.must(admin, .post, "/identity/v3/users", json: ["user": ["name": "grantee", "password": "pw-grantee"]])
        let group = try await world.must(admin, .post, "/identity/v3/groups", json: ["group": ["name": "matrix-group"]])
        let groupID = try #require(group.json?["group"]?["id"]?.stringValue)
        try await world.must(admin, .put, "/identity/v3/groups/\(groupID)/users/\(world.ownerIDs[.beta]!)")
    }

    @Test(arguments: rows)
    func cell(_ row: Row) async throws { try await Self.cloud.run(row) }

    static let v3 = "/identity/v3"

    /// The id of the first entry of a list, read as the cloud admin.
    static func lookup(_ world: MatrixWorld, _ path: String, _ key: String) async throws -> String {
        try #require(try await world.read(v3 + path, compute: nil)?[key]?.arrayValue?.first?["id"]?.stringValue, "\(path)")
    }

    static func created(_ reply: Reply, _ key: String) throws -> String {
        try #require(reply.json?[key]?["id"]?.stringValue)
    }

    // MARK: Targets

    /// The user a row acts on: the persona itself (own) or bob (other), chosen at request time.
    static func user(_ world: MatrixWorld, _ persona: Persona, _ target: Target) -> String {
        target.project == .beta ? world.ownerIDs[.beta]! : world.userIDs[persona]!
    }

    @Sendable static func domain(_ world: MatrixWorld, _ project: Proj, _ fresh: Bool) async throws -> Target {
        let name = "dom-\(UUID().uuidString.prefix(8))"
        let reply = try await world.must(world.admin, .post, v3 + "/domains", json: ["domain": ["name": .string(name), "enabled": false]])
        return Target(project: project, ids: ["domain": try created(reply, "domain")])
    }

    @Sendable static func project(_ world: MatrixWorld, _ project: Proj, _ fresh: Bool) async throws -> Target {
        let name = "proj-\(UUID().uuidString.prefix(8))"
        let reply = try await world.must(world.admin, .post, v3 + "/projects", json: ["project": ["name": .string(name)]])
        return Target(project: project, ids: ["project": try created(reply, "project")])
    }

    @Sendable static func newUser(_ world: MatrixWorld, _ project: Proj, _ fresh: Bool) async throws -> Target {
        let name = "user-\(UUID().uuidString.prefix(8))"
        let reply = try await world.must(world.admin, .post, v3 + "/users", json: [
            "user": ["name": .string(name), "password": "pw", "default_project_id": .string(world.pid(.beta))],
        ])
        return Target(project: project, ids: ["user": try created(reply, "user")])
    }

    @Sendable static func group(_ world: MatrixWorld, _ project: Proj, _ fresh: Bool) async throws -> Target {
        let groupID: String
        if fresh {
            let reply = try await world.must(world.admin, .post, v3 + "/groups", json: ["group": ["name": .string("g-\(UUID().uuidString.prefix(8))")]])
            groupID = try created(reply, "group")
            try await world.must(world.admin, .put, v3 + "/groups/\(groupID)/users/\(try await lookup(world, "/users?name=grantee", "users"))")
        } else {
            groupID = try await lookup(world, "/groups?name=matrix-group", "groups")
        }
        return Target(project: project, ids: [
            "group": groupID, "grantee": try await lookup(world, "/users?name=grantee", "users"), "bob": world.ownerIDs[.beta]!,
        ])
    }

    @Sendable static func role(_ world: MatrixWorld, _ project: Proj, _ fresh: Bool) async throws -> Target {
        var ids = ["admin": world.roleIDs["admin"]!, "manager": world.roleIDs["manager"]!, "reader": world.roleIDs["reader"]!]
        if fresh {
            let reply = try await world.must(world.admin, .post, v3 + "/roles", json: ["role": ["name": .string("r-\(UUID().uuidString.prefix(8))")]])
            ids["role"] = try created(reply, "role")
            try await world.must(world.admin, .put, v3 + "/roles/\(ids["role"]!)/implies/\(ids["reader"]!)")
        }
        return Target(project: project, ids: ids)
    }

    /// A grant target on the project: a grantee (fresh for allowed cells), with reader granted when `granted`.
    static func grantee(granted: Bool) -> @Sendable (MatrixWorld, Proj, Bool) async throws -> Target {
        { world, project, fresh in
            var ids = ["project": world.pid(project), "reader": world.roleIDs["reader"]!]
            if fresh || granted {
                ids["user"] = try await newUser(world, project, true)["user"]
            } else {
                ids["user"] = try await lookup(world, "/users?name=grantee", "users")
            }
            if granted {
                try await world.must(world.admin, .put, v3 + "/projects/\(ids["project"]!)/users/\(ids["user"]!)/roles/\(ids["reader"]!)")
            }
            return Target(project: project, ids: ids)
        }
    }

    @Sendable static func assignments(_ world: MatrixWorld, _ target: Target) async throws -> JSONValue? {
        try await world.read(v3 + "/role_assignments?user.id=\(target["user"])", compute: nil)
    }

    /// A project's owner and the role granted to them there.
    @Sendable static func ownerGrant(_ world: MatrixWorld, _ project: Proj, _ fresh: Bool) async throws -> Target {
        Target(project: project, ids: [
            "project": world.pid(project), "user": world.ownerIDs[project]!,
            "role": world.roleIDs[project == .admin ? "admin" : "member"]!,
        ])
    }

    /// A second token of the persona (own) or of bob (other), so revoking it spares the persona's.
    static func freshToken(_ world: MatrixWorld, _ persona: Persona, _ target: Target) async throws -> String {
        let (user, password, project): (String, String, String) = switch (target.project == .beta, persona) {
        case (true, _): ("bob", "pw-bob", "beta")
        case (false, .reader): ("alpha-reader", "pw-alpha-reader", "alpha")
        case (false, .member): ("alpha-member", "pw-alpha-member", "alpha")
        case (false, .projectAdmin): ("alpha-admin", "pw-alpha-admin", "alpha")
        case (false, .cloudAdmin), (false, .systemAdmin): ("admin", TestCloud.adminPassword, "admin")
        case (false, .service): ("svc", "pw-svc", "service")
        }
        return try await world.cloud.token(user: user, password: password, project: project)
    }

    static func subjectToken(_ world: MatrixWorld, _ persona: Persona, _ target: Target) -> String {
        target.project == .beta ? world.owners[.beta]! : world.tokens[persona]!
    }

    @Sendable static func readProject(_ world: MatrixWorld, _ target: Target) async throws -> JSONValue? {
        try await world.read(v3 + "/projects/\(target["project"])", compute: nil)
    }

    //                     reader member alpha  admin  system service
    static let rows: [Row] = [
        // MARK: Domains
        Row("identity:list_domains", "GET /domains",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --"
        ) { w, p, _ in try await w.status(p, .get, v3 + "/domains") },
        Row("identity:get_domain", "GET /domains/{id} (own: Default, other: other-dom)",
            "ok     ok     ok     ok     ok     ok   | 403    403    403    ok     ok     403",
            target: { w, project, _ in
                Target(project: project, ids: ["domain": project == .beta ? try await lookup(w, "/domains?name=other-dom", "domains") : "default"])
            }
        ) { w, p, t in try await w.status(p, .get, v3 + "/domains/\(t["domain"])") },
        Row("identity:create_domain", "POST /domains",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            probe: { w, _ in try await w.read(v3 + "/domains", compute: nil) }
        ) { w, p, _ in
            try await w.status(p, .post, v3 + "/domains", json: ["domain": ["name": .string("d-\(UUID().uuidString.prefix(8))")]])
        },
        Row("identity:update_domain", "PATCH /domains/{id}",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            fresh: .always, target: domain, probe: { w, t in try await w.read(v3 + "/domains/\(t["domain"])", compute: nil) }
        ) { w, p, t in try await w.status(p, .patch, v3 + "/domains/\(t["domain"])", json: ["domain": ["description": "changed"]]) },
        Row("identity:delete_domain", "DELETE /domains/{id} (a disabled domain)",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            fresh: .always, target: domain, probe: { w, t in try await w.read(v3 + "/domains/\(t["domain"])", compute: nil) }
        ) { w, p, t in try await w.status(p, .delete, v3 + "/domains/\(t["domain"])") },

        // MARK: Projects
        Row("identity:list_projects", "GET /projects",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --"
        ) { w, p, _ in try await w.status(p, .get, v3 + "/projects") },
        Row("identity:get_project", "GET /projects/{id}",
            "ok     ok     ok     ok     --     ok   | 403    403    403    ok     ok     403",
            target: { w, project, _ in Target(project: project, ids: ["project": w.pid(project)]) }
        ) { w, p, t in try await w.status(p, .get, v3 + "/projects/\(t["project"])") },
        Row("identity:get_project", "GET /projects/{id}/tags",
            "ok     ok     ok     ok     --     ok   | 403    403    403    ok     ok     403",
            target: { w, project, _ in Target(project: project, ids: ["project": w.pid(project)]) }
        ) { w, p, t in try await w.status(p, .get, v3 + "/projects/\(t["project"])/tags") },
        Row("identity:create_project", "POST /projects",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            probe: { w, _ in try await w.read(v3 + "/projects", compute: nil) }
        ) { w, p, _ in
            try await w.status(p, .post, v3 + "/projects", json: ["project": ["name": .string("p-\(UUID().uuidString.prefix(8))")]])
        },
        Row("identity:update_project", "PATCH /projects/{id} (description)",
            "403    403    403    ok     --     403  | 403    403    403    ok     ok     403",
            target: { w, project, _ in Target(project: project, ids: ["project": w.pid(project)]) }, probe: readProject
        ) { w, p, t in
            try await w.status(p, .patch, v3 + "/projects/\(t["project"])", json: ["project": ["description": .string("by \(p)")]])
        },
        Row("identity:update_project", "PUT /projects/{id}/tags/{tag}",
            "403    403    403    ok     --     403  | 403    403    403    ok     ok     403",
            target: { w, project, _ in Target(project: project, ids: ["project": w.pid(project)]) },
            probe: { w, t in try await w.read(v3 + "/projects/\(t["project"])/tags", compute: nil) }
        ) { w, p, t in try await w.status(p, .put, v3 + "/projects/\(t["project"])/tags/matrix-\(p.rawValue)") },
        Row("identity:delete_project", "DELETE /projects/{id} (a fresh project; no one deletes their own here)",
            "--     --     --     --     --     --   | 403    403    403    ok     ok     403",
            fresh: .always, target: project, probe: readProject
        ) { w, p, t in try await w.status(p, .delete, v3 + "/projects/\(t["project"])") },
        Row("identity:list_user_projects", "GET /users/{id}/projects",
            "ok     ok     ok     ok     ok     ok   | 403    403    403    ok     ok     403"
        ) { w, p, t in try await w.status(p, .get, v3 + "/users/\(user(w, p, t))/projects") },
        Row("identity:get_auth_projects", "GET /auth/projects",
            "ok     ok     ok     ok     ok     ok   | --     --     --     --     --     --"
        ) { w, p, _ in try await w.status(p, .get, v3 + "/auth/projects") },
        Row("identity:get_auth_domains", "GET /auth/domains",
            "ok     ok     ok     ok     ok     ok   | --     --     --     --     --     --"
        ) { w, p, _ in try await w.status(p, .get, v3 + "/auth/domains") },
        Row("identity:get_auth_catalog", "GET /auth/catalog",
            "ok     ok     ok     ok     ok     ok   | --     --     --     --     --     --"
        ) { w, p, _ in try await w.status(p, .get, v3 + "/auth/catalog") },

        // MARK: Users
        Row("identity:list_users", "GET /users",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --"
        ) { w, p, _ in try await w.status(p, .get, v3 + "/users") },
        Row("identity:get_user", "GET /users/{id}",
            "ok     ok     ok     ok     ok     ok   | 403    403    403    ok     ok     403"
        ) { w, p, t in try await w.status(p, .get, v3 + "/users/\(user(w, p, t))") },
        Row("identity:create_user", "POST /users",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            probe: { w, _ in try await w.read(v3 + "/users", compute: nil) }
        ) { w, p, _ in
            try await w.status(p, .post, v3 + "/users", json: ["user": ["name": .string("u-\(UUID().uuidString.prefix(8))"), "password": "pw"]])
        },
        Row("identity:update_user", "PATCH /users/{id} (description; own: itself, other: a fresh user of beta)",
            "403    403    403    ok     ok     403  | 403    403    403    ok     ok     403",
            fresh: .always,
            target: { w, project, _ in project == .beta ? try await newUser(w, project, true) : Target(project: project) },
            probe: { w, t in try await w.read(v3 + (t.project == .beta ? "/users/\(t["user"])" : "/users"), compute: nil) }
        ) { w, p, t in
            let id = t.project == .beta ? t["user"] : w.userIDs[p]!
            return try await w.status(p, .patch, v3 + "/users/\(id)", json: ["user": ["description": .string("by \(p)")]])
        },
        Row("identity:delete_user", "DELETE /users/{id} (a fresh user)",
            "--     --     --     --     --     --   | 403    403    403    ok     ok     403",
            fresh: .always, target: newUser, probe: { w, t in try await w.read(v3 + "/users/\(t["user"])", compute: nil) }
        ) { w, p, t in try await w.status(p, .delete, v3 + "/users/\(t["user"])") },

        // MARK: Groups
        Row("identity:list_groups", "GET /groups",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --"
        ) { w, p, _ in try await w.status(p, .get, v3 + "/groups") },
        Row("identity:get_group", "GET /groups/{id}",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            target: group
        ) { w, p, t in try await w.status(p, .get, v3 + "/groups/\(t["group"])") },
        Row("identity:create_group", "POST /groups",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            probe: { w, _ in try await w.read(v3 + "/groups", compute: nil) }
        ) { w, p, _ in
            try await w.status(p, .post, v3 + "/groups", json: ["group": ["name": .string("g-\(UUID().uuidString.prefix(8))")]])
        },
        Row("identity:update_group", "PATCH /groups/{id}",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            fresh: .always, target: group, probe: { w, t in try await w.read(v3 + "/groups/\(t["group"])", compute: nil) }
        ) { w, p, t in try await w.status(p, .patch, v3 + "/groups/\(t["group"])", json: ["group": ["description": "changed"]]) },
        Row("identity:delete_group", "DELETE /groups/{id}",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            fresh: .always, target: group, probe: { w, t in try await w.read(v3 + "/groups/\(t["group"])", compute: nil) }
        ) { w, p, t in try await w.status(p, .delete, v3 + "/groups/\(t["group"])") },
        Row("identity:list_users_in_group", "GET /groups/{id}/users",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            target: group
        ) { w, p, t in try await w.status(p, .get, v3 + "/groups/\(t["group"])/users") },
        Row("identity:add_user_to_group", "PUT /groups/{id}/users/{user} (the persona adds itself)",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            fresh: .always, target: group, probe: { w, t in try await w.read(v3 + "/groups/\(t["group"])/users", compute: nil) }
        ) { w, p, t in try await w.status(p, .put, v3 + "/groups/\(t["group"])/users/\(w.userIDs[p]!)") },
        Row("identity:remove_user_from_group", "DELETE /groups/{id}/users/{user}",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            fresh: .always, target: group, probe: { w, t in try await w.read(v3 + "/groups/\(t["group"])/users", compute: nil) }
        ) { w, p, t in try await w.status(p, .delete, v3 + "/groups/\(t["group"])/users/\(t["grantee"])") },
        Row("identity:check_user_in_group", "HEAD /groups/{id}/users/{bob}",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            target: group
        ) { w, p, t in try await w.status(p, .head, v3 + "/groups/\(t["group"])/users/\(t["bob"])") },
        Row("identity:list_groups_for_user", "GET /users/{id}/groups",
            "ok     ok     ok     ok     ok     ok   | 403    403    403    ok     ok     403"
        ) { w, p, t in try await w.status(p, .get, v3 + "/users/\(user(w, p, t))/groups") },

        // MARK: Roles
        Row("identity:list_roles", "GET /roles",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --"
        ) { w, p, _ in try await w.status(p, .get, v3 + "/roles") },
        Row("identity:get_role", "GET /roles/{id}",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            target: role
        ) { w, p, t in try await w.status(p, .get, v3 + "/roles/\(t["reader"])") },
        Row("identity:create_role", "POST /roles",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            probe: { w, _ in try await w.read(v3 + "/roles", compute: nil) }
        ) { w, p, _ in
            try await w.status(p, .post, v3 + "/roles", json: ["role": ["name": .string("r-\(UUID().uuidString.prefix(8))")]])
        },
        Row("identity:update_role", "PATCH /roles/{id} (a fresh role)",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            fresh: .always, target: role, probe: { w, t in try await w.read(v3 + "/roles/\(t["role"])", compute: nil) }
        ) { w, p, t in try await w.status(p, .patch, v3 + "/roles/\(t["role"])", json: ["role": ["description": "changed"]]) },
        Row("identity:delete_role", "DELETE /roles/{id} (a fresh role)",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            fresh: .always, target: role, probe: { w, t in try await w.read(v3 + "/roles/\(t["role"])", compute: nil) }
        ) { w, p, t in try await w.status(p, .delete, v3 + "/roles/\(t["role"])") },
        Row("identity:list_role_inference_rules", "GET /role_inferences",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --"
        ) { w, p, _ in try await w.status(p, .get, v3 + "/role_inferences") },
        Row("identity:list_implied_roles", "GET /roles/{admin}/implies",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            target: role
        ) { w, p, t in try await w.status(p, .get, v3 + "/roles/\(t["admin"])/implies") },
        Row("identity:get_implied_role", "GET /roles/{admin}/implies/{manager}",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            target: role
        ) { w, p, t in try await w.status(p, .get, v3 + "/roles/\(t["admin"])/implies/\(t["manager"])") },
        Row("identity:create_implied_role", "PUT /roles/{fresh}/implies/{admin}",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            fresh: .always, target: role, probe: { w, _ in try await w.read(v3 + "/role_inferences", compute: nil) }
        ) { w, p, t in try await w.status(p, .put, v3 + "/roles/\(t["role"])/implies/\(t["admin"])") },
        Row("identity:delete_implied_role", "DELETE /roles/{fresh}/implies/{reader}",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            fresh: .always, target: role, probe: { w, _ in try await w.read(v3 + "/role_inferences", compute: nil) }
        ) { w, p, t in try await w.status(p, .delete, v3 + "/roles/\(t["role"])/implies/\(t["reader"])") },

        // MARK: Grants and assignments
        Row("identity:create_grant", "PUT /projects/{id}/users/{grantee}/roles/{reader}",
            "403    403    403    ok     --     403  | 403    403    403    ok     ok     403",
            fresh: .allowed, target: grantee(granted: false), probe: assignments
        ) { w, p, t in try await w.status(p, .put, v3 + "/projects/\(t["project"])/users/\(t["user"])/roles/\(t["reader"])") },
        Row("identity:create_grant", "PUT /system/users/{grantee}/roles/{reader}",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            fresh: .allowed, target: grantee(granted: false), probe: assignments
        ) { w, p, t in try await w.status(p, .put, v3 + "/system/users/\(t["user"])/roles/\(t["reader"])") },
        Row("identity:create_grant", "PUT /domains/default/users/{grantee}/roles/{reader}",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            fresh: .allowed, target: grantee(granted: false), probe: assignments
        ) { w, p, t in try await w.status(p, .put, v3 + "/domains/default/users/\(t["user"])/roles/\(t["reader"])") },
        Row("identity:revoke_grant", "DELETE /projects/{id}/users/{grantee}/roles/{reader}",
            "403    403    403    ok     --     403  | 403    403    403    ok     ok     403",
            fresh: .always, target: grantee(granted: true), probe: assignments
        ) { w, p, t in try await w.status(p, .delete, v3 + "/projects/\(t["project"])/users/\(t["user"])/roles/\(t["reader"])") },
        Row("identity:check_grant", "HEAD /projects/{id}/users/{owner}/roles/{role}",
            "403    403    403    ok     --     403  | 403    403    403    ok     ok     403",
            target: ownerGrant
        ) { w, p, t in try await w.status(p, .head, v3 + "/projects/\(t["project"])/users/\(t["user"])/roles/\(t["role"])") },
        Row("identity:list_grants", "GET /projects/{id}/users/{owner}/roles",
            "403    403    403    ok     --     403  | 403    403    403    ok     ok     403",
            target: ownerGrant
        ) { w, p, t in try await w.status(p, .get, v3 + "/projects/\(t["project"])/users/\(t["user"])/roles") },
        Row("identity:list_role_assignments", "GET /role_assignments",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --"
        ) { w, p, _ in try await w.status(p, .get, v3 + "/role_assignments") },

        // MARK: Tokens
        Row("identity:validate_token", "GET /auth/tokens (own token / bob's)",
            "ok     ok     ok     ok     ok     ok   | 403    403    403    ok     ok     403"
        ) { w, p, t in
            try await w.status(p, .get, v3 + "/auth/tokens", headers: [MatrixWorld.subjectToken: subjectToken(w, p, t)])
        },
        Row("identity:check_token", "HEAD /auth/tokens (checked under identity:validate_token)",
            "ok     ok     ok     ok     ok     ok   | 403    403    403    ok     ok     403"
        ) { w, p, t in
            try await w.status(p, .head, v3 + "/auth/tokens", headers: [MatrixWorld.subjectToken: subjectToken(w, p, t)])
        },
        Row("identity:revoke_token", "DELETE /auth/tokens (a second token of its own / of bob)",
            "ok     ok     ok     ok     ok     ok   | 403    403    403    ok     ok     403"
        ) { w, p, t in
            let subject = try await freshToken(w, p, t)
            let code = try await w.status(p, .delete, v3 + "/auth/tokens", headers: [MatrixWorld.subjectToken: subject])
            // Denied: the token still validates.
            let still = try await w.send(w.admin, .get, v3 + "/auth/tokens", headers: [MatrixWorld.subjectToken: subject])
            if !(200..<300).contains(code) { #expect(still.status == .ok, "revoke_token [\(p)] denied yet the token is gone") }
            return code
        },

        // MARK: Catalog
        Row("identity:list_services", "GET /services",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --"
        ) { w, p, _ in try await w.status(p, .get, v3 + "/services") },
        Row("identity:get_service", "GET /services/{id}",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            target: { w, project, _ in Target(project: project, ids: ["id": try await lookup(w, "/services", "services")]) }
        ) { w, p, t in try await w.status(p, .get, v3 + "/services/\(t["id"])") },
        Row("identity:list_endpoints", "GET /endpoints",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --"
        ) { w, p, _ in try await w.status(p, .get, v3 + "/endpoints") },
        Row("identity:get_endpoint", "GET /endpoints/{id}",
            "403    403    403    ok     ok     403  | --     --     --     --     --     --",
            target: { w, project, _ in Target(project: project, ids: ["id": try await lookup(w, "/endpoints", "endpoints")]) }
        ) { w, p, t in try await w.status(p, .get, v3 + "/endpoints/\(t["id"])") },
        Row("identity:list_regions", "GET /regions",
            "ok     ok     ok     ok     ok     ok   | --     --     --     --     --     --"
        ) { w, p, _ in try await w.status(p, .get, v3 + "/regions") },
        Row("identity:get_region", "GET /regions/RegionOne",
            "ok     ok     ok     ok     ok     ok   | --     --     --     --     --     --"
        ) { w, p, _ in try await w.status(p, .get, v3 + "/regions/RegionOne") },
    ]
}
