import Testing
import StratusCore

/// The oslo.policy rule language: atoms, precedence, grouping, rendering, errors.
@Suite struct PolicyParserTests {
    @Test(arguments: ["", "   ", "@", "(@)"])
    func alwaysForms(text: String) throws {
        #expect(try PolicyParser.parse(text) == .always)
    }

    @Test func bangIsNever() throws {
        #expect(try PolicyParser.parse("!") == .never)
    }

    @Test func roleCheck() throws {
        #expect(try PolicyParser.parse("role:admin") == .role("admin"))
    }

    @Test func ruleReference() throws {
        #expect(try PolicyParser.parse("rule:x") == .rule("x"))
    }

    @Test func targetReference() throws {
        #expect(try PolicyParser.parse("user_id:%(target.user.id)s")
            == .match(key: "user_id", value: .target("target.user.id")))
    }

    @Test func booleanOperand() throws {
        #expect(try PolicyParser.parse("is_admin:True") == .match(key: "is_admin", value: .bool(true)))
        #expect(try PolicyParser.parse("is_admin:False") == .match(key: "is_admin", value: .bool(false)))
    }

    @Test func bareWordOperandIsString() throws {
        #expect(try PolicyParser.parse("project_id:abc") == .match(key: "project_id", value: .string("abc")))
    }

    @Test(arguments: [
        ("name:'foo bar'", PolicyRule.match(key: "name", value: .string("foo bar"))),
        ("name:\"foo bar\"", .match(key: "name", value: .string("foo bar"))),
        ("is_admin:'True'", .match(key: "is_admin", value: .string("True"))),
        ("name:'a and b'", .match(key: "name", value: .string("a and b"))),
        ("name:'(x)'", .match(key: "name", value: .string("(x)"))),
        ("role:'spaced role'", .role("spaced role")),
        ("'admin':%(target.role.name)s", .match(key: "'admin'", value: .target("target.role.name"))),
    ])
    func quotedStrings(text: String, expected: PolicyRule) throws {
        #expect(try PolicyParser.parse(text) == expected)
    }

    @Test func andBindsTighterThanOr() throws {
        #expect(try PolicyParser.parse("role:a or role:b and role:c")
            == .or([.role("a"), .and([.role("b"), .role("c")])]))
        #expect(try PolicyParser.parse("role:a and role:b or role:c")
            == .or([.and([.role("a"), .role("b")]), .role("c")]))
    }

    @Test func notBindsTighterThanAnd() throws {
        #expect(try PolicyParser.parse("not role:a and role:b") == .and([.not(.role("a")), .role("b")]))
        #expect(try PolicyParser.parse("role:a or not role:b") == .or([.role("a"), .not(.role("b"))]))
        #expect(try PolicyParser.parse("not not role:a") == .not(.not(.role("a"))))
    }

    @Test func operatorsAreCaseInsensitive() throws {
        #expect(try PolicyParser.parse("role:a OR NOT role:b AND role:c")
            == .or([.role("a"), .and([.not(.role("b")), .role("c")])]))
    }

    @Test func chainsAreFlat() throws {
        #expect(try PolicyParser.parse("role:a or role:b or role:c") == .or([.role("a"), .role("b"), .role("c")]))
        #expect(try PolicyParser.parse("role:a and role:b and role:c") == .and([.role("a"), .role("b"), .role("c")]))
    }

    @Test func parenthesesOverridePrecedence() throws {
        #expect(try PolicyParser.parse("(role:a or role:b) and project_id:%(target.project.id)s")
            == .and([.or([.role("a"), .role("b")]), .match(key: "project_id", value: .target("target.project.id"))]))
        #expect(try PolicyParser.parse("not (role:a or role:b)") == .not(.or([.role("a"), .role("b")])))
    }

    @Test func nestedParenthesesAroundTargetReferences() throws {
        let expected = PolicyRule.or([
            .role("admin"),
            .and([
                .match(key: "user_id", value: .target("target.user.id")),
                .or([.role("a"), .not(.rule("b"))]),
            ]),
        ])
        #expect(try PolicyParser.parse("role:admin or (user_id:%(target.user.id)s and (role:a or not rule:b))") == expected)
        #expect(try PolicyParser.parse("((role:admin)) or ((user_id:%(target.user.id)s) and ((role:a) or (not rule:b)))")
            == expected)
    }

    @Test(arguments: [
        "role:admin",
        "!",
        "@",
        "is_admin:True",
        "rule:admin_required or rule:owner",
        "user_id:%(target.user.id)s",
        "(role:a or role:b) and project_id:%(target.project.id)s",
        "not (role:a and role:b) or not role:c",
        "(role:a and role:b) and role:c",
        "((role:a or role:b) or role:c) and not not role:d",
        "name:'foo bar' and role:'True' and x:'' and y:'%(z)s' and 'lit':%(t.k)s",
        "role:a or (role:b and (role:c or role:d))",
        "domain_id:%(target.domain.id)s or project_domain_id:%(target.domain.id)s",
    ])
    func descriptionRoundTrips(text: String) throws {
        let tree = try PolicyParser.parse(text)
        #expect(try PolicyParser.parse(tree.description) == tree, "rendered as \(tree.description)")
    }

    @Test func everyDefaultRuleRoundTrips() throws {
        for (name, text) in IdentityPolicy.defaults {
            let tree = try PolicyParser.parse(text)
            #expect(try PolicyParser.parse(tree.description) == tree, "\(name): \(text)")
        }
    }

    @Test(arguments: [
        "(role:a",
        "role:a)",
        "((role:a) or role:b",
        "(role:a or role:b))",
        "()",
        ")",
        "role:",
        ":admin",
        "admin",
        "role:'admin",
        "name:\"unterminated",
        "role:a and",
        "role:a or",
        "not",
        "and role:a",
        "role:a role:b",
        "role:a and or role:b",
    ])
    func syntaxErrors(text: String) {
        let error = #expect(throws: PolicyParser.SyntaxError.self) { try PolicyParser.parse(text) }
        #expect(error?.rule == text)
    }

    @Test func unterminatedQuoteSaysSo() {
        let error = #expect(throws: PolicyParser.SyntaxError.self) { try PolicyParser.parse("name:'abc and role:x") }
        #expect(error?.reason == "unterminated quote")
    }
}
