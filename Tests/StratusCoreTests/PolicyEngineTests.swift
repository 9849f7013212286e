import StratusCore
import Testing

/// Rule evaluation: fail-closed cases, overrides, role and target matching.
@Suite struct PolicyEngineTests {
    static let admin = PolicyCredentials(userID: "u1", projectID: "p1", roles: ["admin"], isAdmin: true)
    static let member = PolicyCredentials(userID: "u2", projectID: "p1", roles: ["member"])

    static func engine(_ rules: [String: String]) throws -> PolicyEngine {
        try PolicyEngine(defaults: rules)
    }

    @Test func unknownActionIsDenied() throws {
        let engine = try Self.engine(["known": "@"])
        #expect(engine.isAllowed("known", credentials: Self.member))
        #expect(!engine.isAllowed("unknown", credentials: Self.admin))
    }

    @Test func referenceToMissingRuleIsDenied() throws {
        let engine = try Self.engine([
            "action": "rule:missing", "fallback": "rule:missing or @", "negated": "not rule:missing",
        ])
        #expect(!engine.isAllowed("action", credentials: Self.admin))
        // A dangling reference is a broken policy: it denies the whole decision,
        // even where an `or` or a `not` would otherwise turn it into an allow.
        #expect(!engine.isAllowed("fallback", credentials: Self.admin))
        #expect(!engine.isAllowed("negated", credentials: Self.admin))
    }

    @Test func referenceCycleIsDeniedAndTerminates() throws {
        let engine = try Self.engine([
            "a": "rule:b", "b": "rule:a",
            "self": "rule:self",
        ])
        #expect(!engine.isAllowed("a", credentials: Self.admin))
        #expect(!engine.isAllowed("b", credentials: Self.admin))
        #expect(!engine.isAllowed("self", credentials: Self.admin))
    }

    /// A cycle is a broken policy: negating the point where it was cut must
    /// not turn it into an allow.
    @Test func referenceCycleUnderNotIsDenied() throws {
        let engine = try Self.engine([
            "self_negated": "not rule:self_negated",
            "p": "not rule:q", "q": "rule:p",
            "deep": "role:member and not (role:x or rule:deep_b)", "deep_b": "rule:deep",
        ])
        #expect(!engine.isAllowed("self_negated", credentials: Self.member))
        #expect(!engine.isAllowed("p", credentials: Self.member))
        #expect(!engine.isAllowed("deep", credentials: Self.member))
    }

    @Test func sharedReferenceIsNotACycle() throws {
        let engine = try Self.engine(["base": "role:member", "action": "rule:base and rule:base"])
        #expect(engine.isAllowed("action", credentials: Self.member))
    }

    @Test func missingTargetKeyIsDenied() throws {
        let engine = try Self.engine([
            "owner": "user_id:%(target.user.id)s",
            "not_owner": "not user_id:%(target.user.id)s",
            "literal": "'u2':%(target.user.id)s",
        ])
        #expect(engine.isAllowed("owner", credentials: Self.member, target: PolicyTarget(["target.user.id": "u2"])))
        #expect(!engine.isAllowed("owner", credentials: Self.member, target: PolicyTarget(["target.user.id": "u9"])))
        #expect(!engine.isAllowed("owner", credentials: Self.member))
        #expect(!engine.isAllowed("owner", credentials: Self.member, target: PolicyTarget(["target.user.name": "u2"])))
        #expect(engine.isAllowed("literal", credentials: Self.admin, target: PolicyTarget(["target.user.id": "u2"])))
        #expect(!engine.isAllowed("literal", credentials: Self.admin))
    }

    @Test func missingCredentialDoesNotMatchMissingTarget() throws {
        let engine = try Self.engine(["project": "project_id:%(target.project.id)s"])
        let unscoped = PolicyCredentials(userID: "u1", roles: ["member"])
        #expect(!engine.isAllowed("project", credentials: unscoped))
        #expect(!engine.isAllowed("project", credentials: unscoped, target: PolicyTarget(["target.project.id": ""])))
    }

    @Test func overridesReplaceDefaultsByName() throws {
        let engine = try PolicyEngine(
            defaults: ["action": "role:admin", "other": "role:admin"],
            overrides: ["action": "role:member", "extra": "@"])
        #expect(engine.isAllowed("action", credentials: Self.member))
        #expect(!engine.isAllowed("action", credentials: Self.admin))
        #expect(!engine.isAllowed("other", credentials: Self.member))
        #expect(engine.isAllowed("other", credentials: Self.admin))
        #expect(engine.isAllowed("extra", credentials: Self.member))
        #expect(engine.rules["action"] == .role("member"))
    }

    @Test func overrideOfABaseRuleChangesEveryActionUsingIt() throws {
        let engine = try PolicyEngine(defaults: IdentityPolicy.defaults, overrides: ["admin_required": "role:superuser"])
        let superuser = PolicyCredentials(userID: "s", roles: ["superuser"])
        #expect(engine.isAllowed(IdentityPolicy.Action.createUser.rawValue, credentials: superuser))
        #expect(!engine.isAllowed(IdentityPolicy.Action.createUser.rawValue, credentials: Self.admin))
    }

    @Test func malformedOverrideFailsAtConstruction() {
        let error = #expect(throws: PolicyParser.SyntaxError.self) {
            try PolicyEngine(defaults: ["a": "@"], overrides: ["a": "(role:admin"])
        }
        #expect(error?.rule == "(role:admin")
    }

    static let caseVariants: [(rule: String, roles: Set<String>)] = [
        ("role:admin", ["ADMIN"]),
        ("role:ADMIN", ["admin"]),
        ("role:Admin", ["aDmIn"]),
    ]

    @Test(arguments: caseVariants)
    func roleMatchIsCaseInsensitive(rule: String, roles: Set<String>) throws {
        let engine = try Self.engine(["action": rule])
        #expect(engine.isAllowed("action", credentials: PolicyCredentials(userID: "u", roles: roles)))
        #expect(!engine.isAllowed("action", credentials: PolicyCredentials(userID: "u", roles: ["member"])))
    }

    @Test func booleansAndNegation() throws {
        let engine = try Self.engine([
            "is_admin": "is_admin:True", "not_admin": "is_admin:False",
            "never": "!", "not_never": "not !", "both": "role:member and not role:admin",
        ])
        #expect(engine.isAllowed("is_admin", credentials: Self.admin))
        #expect(!engine.isAllowed("is_admin", credentials: Self.member))
        #expect(engine.isAllowed("not_admin", credentials: Self.member))
        #expect(!engine.isAllowed("never", credentials: Self.admin))
        #expect(engine.isAllowed("not_never", credentials: Self.member))
        #expect(engine.isAllowed("both", credentials: Self.member))
        #expect(!engine.isAllowed("both", credentials: PolicyCredentials(roles: ["member", "admin"])))
    }

    @Test func enforceThrowsTheDeniedAction() throws {
        let engine = try Self.engine(["action": "role:admin"])
        try engine.enforce("action", credentials: Self.admin)
        let error = #expect(throws: PolicyDenied.self) { try engine.enforce("action", credentials: Self.member) }
        #expect(error == PolicyDenied(action: "action"))
    }
}
