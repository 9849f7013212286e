import Foundation
import StratusCore

/// Small constructors for store rows, so a test names only what it is about.
enum Rows {
    static let epoch = Date(timeIntervalSince1970: 1_700_000_000)

    static func domain(_ id: String, name: String? = nil, enabled: Bool = true) -> Domain {
        Domain(id: id, name: name ?? "domain-\(id)", description: "about \(id)", enabled: enabled, version: 1)
    }

    static func project(_ id: String, domain: String, name: String? = nil, enabled: Bool = true) -> Project {
        Project(id: id, name: name ?? "project-\(id)", domainID: domain, description: "about \(id)",
                enabled: enabled, tags: ["t1", "t2"], version: 1)
    }

    static func user(_ id: String, domain: String, name: String? = nil, defaultProject: String? = nil) -> User {
        User(id: id, name: name ?? "user-\(id)", domainID: domain, enabled: true, passwordHash: "hash-\(id)",
             defaultProjectID: defaultProject, email: "\(id)@example.org", description: nil, version: 1)
    }

    static func role(_ id: String, name: String? = nil, domain: String? = nil) -> Role {
        Role(id: id, name: name ?? "role-\(id)", domainID: domain, description: "", version: 1)
    }

    static func token(
        _ secret: String, user: String, scope: TokenScope = .unscoped, expiresAt: Date = epoch.addingTimeInterval(3600)
    ) -> TokenRecord {
        TokenRecord(secretHash: TokenSecret.hash(secret), userID: user, scope: scope, methods: ["password", "token"],
                    auditID: "audit-\(secret)", issuedAt: epoch, expiresAt: expiresAt)
    }

    static func audit(_ id: String, action: String = "identity:test", target: String = "x", at time: Date = epoch) -> AuditRecord {
        AuditRecord(id: id, time: time, requestID: "req-\(id)", actorUserID: "actor", actorProjectID: nil,
                    action: action, targetType: "thing", targetID: target)
    }

    /// Domain d1 with project p1, user u1 (default project p1) and role r1.
    static let seed: [StoreChange] = [
        .insertDomain(domain("d1")),
        .insertProject(project("p1", domain: "d1")),
        .insertUser(user("u1", domain: "d1", defaultProject: "p1")),
        .insertRole(role("r1")),
    ]
}
