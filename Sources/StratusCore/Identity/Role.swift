import Foundation

/// A role. The standard roles are those `keystone-manage bootstrap` makes
/// (since 2023.2): admin ⇒ manager ⇒ member ⇒ reader, and `service` for
/// service users, implying nothing.
public struct Role: Sendable, Equatable, Hashable {
    public static let admin = "admin"
    /// A project's manager: more than a member, less than an administrator.
    public static let manager = "manager"
    public static let member = "member"
    public static let reader = "reader"
    public static let service = "service"
    public static let standardNames = [admin, manager, member, reader, service]

    public var id: String
    public var name: String
    public var domainID: String?
    public var description: String
    public var version: Int

    public init(id: String, name: String, domainID: String? = nil, description: String = "", version: Int = 0) {
        self.id = id
        self.name = name
        self.domainID = domainID
        self.description = description
        self.version = version
    }
}

/// "Holding `prior` also grants `implied`."
public struct RoleImplication: Sendable, Equatable, Hashable {
    public var priorRoleID: String
    public var impliedRoleID: String

    public init(priorRoleID: String, impliedRoleID: String) {
        self.priorRoleID = priorRoleID
        self.impliedRoleID = impliedRoleID
    }
}
