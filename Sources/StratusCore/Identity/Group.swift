import Foundation

/// A Keystone group: users who receive the roles granted to the group.
public struct Group: Sendable, Equatable {
    public var id: String
    public var name: String
    public var domainID: String
    public var description: String
    public var version: Int

    public init(id: String, name: String, domainID: String, description: String = "", version: Int = 0) {
        self.id = id
        self.name = name
        self.domainID = domainID
        self.description = description
        self.version = version
    }
}

/// A user's membership of a group.
public struct GroupMembership: Sendable, Equatable, Hashable {
    public var groupID: String
    public var userID: String

    public init(groupID: String, userID: String) {
        self.groupID = groupID
        self.userID = userID
    }
}
