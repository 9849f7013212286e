import Foundation

/// Implied roles: the closure of a set of role ids under the implication rules
/// (admin ⇒ manager ⇒ member ⇒ reader, plus any an operator adds). Cycles terminate.
public enum RoleExpansion {
    public static func closure(of roleIDs: Set<String>, implications: [RoleImplication]) -> Set<String> {
        let implied = Dictionary(grouping: implications, by: \.priorRoleID)
        var result = roleIDs
        var pending = Array(roleIDs)
        while let next = pending.popLast() {
            for rule in implied[next] ?? [] where result.insert(rule.impliedRoleID).inserted {
                pending.append(rule.impliedRoleID)
            }
        }
        return result
    }
}
