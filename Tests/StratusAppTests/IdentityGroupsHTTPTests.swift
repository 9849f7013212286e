import StratusOpenStack
import Testing

@Suite("Identity v3 over HTTP: groups")
struct IdentityGroupsHTTPTests {
    @Test func groupRolesReachMembersOnlyWhileTheyAreMembers() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let (userID, projectID) = try await cloud.makeUser("gina", role: "reader", project: "demo", adminToken: admin)
            let created = try await cloud.send(.post, "/identity/v3/groups", token: admin, json: ["group": ["name": "ops"]])
            #expect(created.status == .created)
            let groupID = try #require(created.json?["group"]?["id"]?.stringValue)
            let memberRole = try #require(try await cloud.send(.get, "/identity/v3/roles?name=member", token: admin)
                .json?["roles"]?.arrayValue?.first?["id"]?.stringValue)
            #expect(try await cloud.send(.put, "/identity/v3/projects/\(projectID)/groups/\(groupID)/roles/\(memberRole)",
                                         token: admin).status == .noContent)
            #expect(try await cloud.send(.put, "/identity/v3/groups/\(groupID)/users/\(userID)", token: admin)
                .status == .noContent)

            let login = try await cloud.send(.post, "/identity/v3/auth/tokens",
                                             json: TestCloud.passwordAuth("gina", "pw-gina", "demo"))
            let roles = Set(login.json?["token"]?["roles"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? [])
            #expect(roles == ["member", "reader"])

            let effective = try await cloud.send(
                .get, "/identity/v3/role_assignments?effective&user.id=\(userID)&role.id=\(memberRole)", token: admin)
            let entry = try #require(effective.json?["role_assignments"]?.arrayValue?.first)
            #expect(entry["user"]?["id"]?.stringValue == userID)
            #expect(entry["links"]?["membership"]?.stringValue?.hasSuffix("/groups/\(groupID)/users/\(userID)") == true)

            #expect(try await cloud.send(.get, "/identity/v3/users/\(userID)/groups", token: admin)
                .json?["groups"]?.arrayValue?.count == 1)
            #expect(try await cloud.send(.delete, "/identity/v3/groups/\(groupID)/users/\(userID)", token: admin)
                .status == .noContent)
            #expect(try await cloud.send(.head, "/identity/v3/groups/\(groupID)/users/\(userID)", token: admin)
                .status == .notFound)
            let after = try await cloud.send(.post, "/identity/v3/auth/tokens",
                                             json: TestCloud.passwordAuth("gina", "pw-gina", "demo"))
            let rolesAfter = Set(after.json?["token"]?["roles"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? [])
            #expect(rolesAfter == ["reader"])
        }
    }

    @Test func nonAdminCannotManageGroups() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            _ = try await cloud.makeUser("mo", role: "member", project: "demo", adminToken: admin)
            let mo = try await cloud.token(user: "mo", password: "pw-mo", project: "demo")
            #expect(try await cloud.send(.post, "/identity/v3/groups", token: mo, json: ["group": ["name": "x"]])
                .status == .forbidden)
            #expect(try await cloud.send(.get, "/identity/v3/groups", token: admin)
                .json?["groups"]?.arrayValue?.isEmpty == true)
        }
    }
}
