import StratusCore
import Testing

/// The closure of role ids under implication rules.
@Suite struct RoleExpansionTests {
    static let standard = [
        RoleImplication(priorRoleID: "admin", impliedRoleID: "member"),
        RoleImplication(priorRoleID: "member", impliedRoleID: "reader"),
    ]

    static let chainCases: [(start: Set<String>, expected: Set<String>)] = [
        (["admin"], ["admin", "member", "reader"]),
        (["member"], ["member", "reader"]),
        (["reader"], ["reader"]),
        (["custom"], ["custom"]),
        (["custom", "member"], ["custom", "member", "reader"]),
        ([], []),
    ]

    @Test(arguments: chainCases)
    func standardChain(start: Set<String>, expected: Set<String>) {
        #expect(RoleExpansion.closure(of: start, implications: Self.standard) == expected)
    }

    @Test func noRulesMeansNoExpansion() {
        #expect(RoleExpansion.closure(of: ["admin"], implications: []) == ["admin"])
    }

    @Test func fanOutAndSharedDescendants() {
        let rules = [
            RoleImplication(priorRoleID: "a", impliedRoleID: "b"),
            RoleImplication(priorRoleID: "a", impliedRoleID: "c"),
            RoleImplication(priorRoleID: "b", impliedRoleID: "d"),
            RoleImplication(priorRoleID: "c", impliedRoleID: "d"),
            RoleImplication(priorRoleID: "d", impliedRoleID: "e"),
            RoleImplication(priorRoleID: "x", impliedRoleID: "y"),
        ]
        #expect(RoleExpansion.closure(of: ["a"], implications: rules) == ["a", "b", "c", "d", "e"])
        #expect(RoleExpansion.closure(of: ["c"], implications: rules) == ["c", "d", "e"])
    }

    @Test func cyclesTerminate() {
        let twoCycle = [
            RoleImplication(priorRoleID: "a", impliedRoleID: "b"),
            RoleImplication(priorRoleID: "b", impliedRoleID: "a"),
        ]
        #expect(RoleExpansion.closure(of: ["a"], implications: twoCycle) == ["a", "b"])
        let selfLoop = [RoleImplication(priorRoleID: "a", impliedRoleID: "a")]
        #expect(RoleExpansion.closure(of: ["a"], implications: selfLoop) == ["a"])
        let longCycle = Self.standard + [
            RoleImplication(priorRoleID: "reader", impliedRoleID: "admin"),
            RoleImplication(priorRoleID: "reader", impliedRoleID: "auditor"),
        ]
        #expect(RoleExpansion.closure(of: ["reader"], implications: longCycle) == ["admin", "member", "reader", "auditor"])
    }

    @Test func implicationIsDirected() {
        #expect(!RoleExpansion.closure(of: ["reader"], implications: Self.standard).contains("admin"))
        #expect(!RoleExpansion.closure(of: ["member"], implications: Self.standard).contains("admin"))
    }
}
