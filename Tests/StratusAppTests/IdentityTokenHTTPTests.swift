import HTTPTypes
import StratusOpenStack
import Testing

@Suite("Identity v3 over HTTP: tokens")
struct IdentityTokenHTTPTests {
    static let subject = HTTPField.Name("X-Subject-Token")!

    @Test func versionDiscoveryListsV3() async throws {
        try await TestCloud.run { cloud in
            let root = try await cloud.send(.get, "/identity")
            #expect(root.status == .multipleChoices)
            let versions = try #require(root.json?["versions"]?["values"]?.arrayValue)
            #expect(versions.first?["id"]?.stringValue == "v3.14")
            let v3 = try await cloud.send(.get, "/identity/v3")
            #expect(v3.status == .ok)
            #expect(v3.json?["version"]?["status"]?.stringValue == "stable")
        }
    }

    @Test func passwordTokenCarriesRolesAndCatalog() async throws {
        try await TestCloud.run { cloud in
            let reply = try await cloud.send(.post, "/identity/v3/auth/tokens",
                                             json: TestCloud.passwordAuth("admin", TestCloud.adminPassword, "admin"))
            #expect(reply.status == .created)
            #expect(reply.headers[Self.subject] != nil)
            #expect(reply.headers[HTTPField.Name("x-openstack-request-id")!]?.hasPrefix("req-") == true)
            let token = try #require(reply.json?["token"])
            let roles = Set(token["roles"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? [])
            #expect(roles == ["admin", "manager", "member", "reader"])
            #expect(token["project"]?["name"]?.stringValue == "admin")
            let types = Set(token["catalog"]?.arrayValue?.compactMap { $0["type"]?.stringValue } ?? [])
            #expect(types == ["identity", "compute", "image", "key-manager", "network", "block-storage", "volumev3"])
        }
    }

    @Test func wrongPasswordAndUnknownUserAreIndistinguishable() async throws {
        try await TestCloud.run { cloud in
            let wrongPassword = try await cloud.send(.post, "/identity/v3/auth/tokens",
                                                     json: TestCloud.passwordAuth("admin", "nope", "admin"))
            let unknownUser = try await cloud.send(.post, "/identity/v3/auth/tokens",
                                                   json: TestCloud.passwordAuth("nobody", "nope", "admin"))
            #expect(wrongPassword.status == .unauthorized)
            #expect(unknownUser.status == .unauthorized)
            #expect(wrongPassword.json == unknownUser.json)
            #expect(wrongPassword.json?["error"]?["code"] == 401)
            #expect(wrongPassword.headers[.wwwAuthenticate]?.hasPrefix("Keystone uri=") == true)
            #expect(wrongPassword.headers[Self.subject] == nil)
        }
    }

    @Test func missingOrBogusTokenIsUnauthorized() async throws {
        try await TestCloud.run { cloud in
            #expect(try await cloud.send(.get, "/identity/v3/projects").status == .unauthorized)
            let bogus = try await cloud.send(.get, "/identity/v3/projects", token: "not-a-token")
            #expect(bogus.status == .unauthorized)
            #expect(bogus.json?["error"]?["title"]?.stringValue == "Unauthorized")
        }
    }

    @Test func revokedTokenStopsWorking() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let victim = try await cloud.token()
            #expect(try await cloud.send(.get, "/identity/v3/auth/tokens", token: admin,
                                         headers: [Self.subject: victim]).status == .ok)
            #expect(try await cloud.send(.delete, "/identity/v3/auth/tokens", token: admin,
                                         headers: [Self.subject: victim]).status == .noContent)
            #expect(try await cloud.send(.get, "/identity/v3/auth/tokens", token: admin,
                                         headers: [Self.subject: victim]).status == .notFound)
            #expect(try await cloud.send(.get, "/identity/v3/projects", token: victim).status == .unauthorized)
            #expect(try await cloud.send(.get, "/identity/v3/projects", token: admin).status == .ok)
        }
    }

    @Test func malformedAuthBodyIsBadRequestInKeystoneFormat() async throws {
        try await TestCloud.run { cloud in
            let reply = try await cloud.send(.post, "/identity/v3/auth/tokens", json: ["auth": ["identity": "x"]])
            #expect(reply.status == .badRequest)
            #expect(reply.json?["error"]?["code"] == 400)
            #expect(reply.errorMessage?.isEmpty == false)
        }
    }
}

@Suite("Identity v3 over HTTP: system scope")
struct IdentitySystemScopeHTTPTests {
    static func systemAuth(_ user: String, _ password: String) -> JSONValue {
        ["auth": [
            "identity": ["methods": ["password"], "password": [
                "user": ["name": .string(user), "domain": ["id": "default"], "password": .string(password)],
            ]],
            "scope": ["system": ["all": true]],
        ]]
    }

    @Test func bootstrapAdminGetsSystemScopedToken() async throws {
        try await TestCloud.run { cloud in
            let reply = try await cloud.send(.post, "/identity/v3/auth/tokens",
                                             json: Self.systemAuth("admin", TestCloud.adminPassword))
            #expect(reply.status == .created)
            #expect(reply.json?["token"]?["system"]?["all"] == true)
            #expect(reply.json?["token"]?["project"] == nil)
        }
    }

    @Test func systemScopeNeedsASystemRole() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let (userID, _) = try await cloud.makeUser("sam", role: "admin", project: "demo", adminToken: admin)
            let denied = try await cloud.send(.post, "/identity/v3/auth/tokens", json: Self.systemAuth("sam", "pw-sam"))
            #expect(denied.status == .unauthorized)
            let roleID = try #require(try await cloud.send(.get, "/identity/v3/roles?name=reader", token: admin)
                .json?["roles"]?.arrayValue?.first?["id"]?.stringValue)
            let grant = "/identity/v3/system/users/\(userID)/roles/\(roleID)"
            #expect(try await cloud.send(.put, grant, token: admin).status == .noContent)
            #expect(try await cloud.send(.head, grant, token: admin).status == .noContent)
            let allowed = try await cloud.send(.post, "/identity/v3/auth/tokens", json: Self.systemAuth("sam", "pw-sam"))
            #expect(allowed.status == .created)
            let listed = try await cloud.send(.get, "/identity/v3/role_assignments?scope.system=all&user.id=\(userID)",
                                              token: admin)
            #expect(listed.json?["role_assignments"]?.arrayValue?.first?["scope"]?["system"]?["all"] == true)
        }
    }
}
