import HTTPTypes
import StratusOpenStack
import Testing

@Suite("Identity v3 over HTTP: projects, users, roles, policy")
struct IdentityAdminHTTPTests {
    @Test func adminCreatesUserWhoCanLogIn() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let (userID, projectID) = try await cloud.makeUser("alice", role: "member", project: "demo", adminToken: admin)
            let assignments = try await cloud.send(
                .get, "/identity/v3/role_assignments?user.id=\(userID)&scope.project.id=\(projectID)&effective&include_names",
                token: admin)
            #expect(assignments.status == .ok)
            let names = Set(assignments.json?["role_assignments"]?.arrayValue?
                .compactMap { $0["role"]?["name"]?.stringValue } ?? [])
            #expect(names == ["member", "reader"])
            let first = assignments.json?["role_assignments"]?.arrayValue?.first
            #expect(first?["user"]?["domain"]?["name"]?.stringValue == "Default")  // openstackclient --names needs it
            #expect(first?["scope"]?["project"]?["domain"]?["name"]?.stringValue == "Default")
            let alice = try await cloud.token(user: "alice", password: "pw-alice", project: "demo")
            let own = try await cloud.send(.get, "/identity/v3/users/\(userID)/projects", token: alice)
            #expect(own.json?["projects"]?.arrayValue?.count == 1)
        }
    }

    @Test func readerCannotCreateOrDeleteAndNothingChanges() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let (_, projectID) = try await cloud.makeUser("rita", role: "reader", project: "demo", adminToken: admin)
            let rita = try await cloud.token(user: "rita", password: "pw-rita", project: "demo")
            let create = try await cloud.send(.post, "/identity/v3/projects", token: rita,
                                              json: ["project": ["name": "sneaky"]])
            #expect(create.status == .forbidden)
            #expect(create.json?["error"]?["code"] == 403)
            #expect(try await cloud.send(.delete, "/identity/v3/projects/\(projectID)", token: rita).status == .forbidden)
            #expect(try await cloud.send(.post, "/identity/v3/users", token: rita,
                                         json: ["user": ["name": "mallory"]]).status == .forbidden)
            let projects = try await cloud.send(.get, "/identity/v3/projects?name=sneaky", token: admin)
            #expect(projects.json?["projects"]?.arrayValue?.isEmpty == true)
            #expect(try await cloud.send(.get, "/identity/v3/projects/\(projectID)", token: admin).status == .ok)
        }
    }

    @Test func memberSeesOwnProjectOnly() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let (_, demo) = try await cloud.makeUser("mia", role: "member", project: "demo", adminToken: admin)
            let (_, other) = try await cloud.makeUser("oscar", role: "member", project: "other", adminToken: admin)
            let mia = try await cloud.token(user: "mia", password: "pw-mia", project: "demo")
            #expect(try await cloud.send(.get, "/identity/v3/projects/\(demo)", token: mia).status == .ok)
            #expect(try await cloud.send(.get, "/identity/v3/projects/\(other)", token: mia).status == .forbidden)
            #expect(try await cloud.send(.get, "/identity/v3/projects", token: mia).status == .forbidden)
        }
    }

    @Test func disabledUserCannotAuthenticateAndLosesTokens() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let (userID, _) = try await cloud.makeUser("dave", role: "member", project: "demo", adminToken: admin)
            let dave = try await cloud.token(user: "dave", password: "pw-dave", project: "demo")
            let disable = try await cloud.send(.patch, "/identity/v3/users/\(userID)", token: admin,
                                               json: ["user": ["enabled": false]])
            #expect(disable.status == .ok)
            #expect(try await cloud.send(.get, "/identity/v3/auth/projects", token: dave).status == .unauthorized)
            let login = try await cloud.send(.post, "/identity/v3/auth/tokens",
                                             json: TestCloud.passwordAuth("dave", "pw-dave", "demo"))
            #expect(login.status == .unauthorized)
        }
    }

    @Test func duplicateProjectNameConflicts() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let body: JSONValue = ["project": ["name": "twice"]]
            #expect(try await cloud.send(.post, "/identity/v3/projects", token: admin, json: body).status == .created)
            let again = try await cloud.send(.post, "/identity/v3/projects", token: admin, json: body)
            #expect(again.status == .conflict)
            #expect(again.json?["error"]?["code"] == 409)
        }
    }

    @Test func invalidFieldTypeIsBadRequest() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let reply = try await cloud.send(.post, "/identity/v3/projects", token: admin,
                                             json: ["project": ["name": 42]])
            #expect(reply.status == .badRequest)
            let listed = try await cloud.send(.get, "/identity/v3/projects", token: admin)
            #expect(listed.json?["projects"]?.arrayValue?.count == 1)  // only admin's project
        }
    }

    @Test func unknownUserAttributesAreKeptAndMerged() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let created = try await cloud.send(.post, "/identity/v3/users", token: admin,
                                               json: ["user": ["name": "xena", "project_id": "p-1", "team": ["a": 1]]])
            #expect(created.status == .created)
            let id = try #require(created.json?["user"]?["id"]?.stringValue)
            #expect(created.json?["user"]?["team"] == ["a": 1])
            let updated = try await cloud.send(.patch, "/identity/v3/users/\(id)", token: admin,
                                               json: ["user": ["project_id": "p-2"]])
            #expect(updated.json?["user"]?["project_id"] == "p-2")
            let shown = try await cloud.send(.get, "/identity/v3/users/\(id)", token: admin)
            #expect(shown.json?["user"]?["team"] == ["a": 1])
            #expect(shown.json?["user"]?["project_id"] == "p-2")
        }
    }
}
