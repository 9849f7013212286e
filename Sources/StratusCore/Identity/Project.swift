import Foundation

/// A Keystone project (tenant): the unit that owns resources and quota.
public struct Project: Sendable, Equatable {
    public var id: String
    public var name: String
    public var domainID: String
    public var description: String
    public var enabled: Bool
    public var tags: [String]
    public var version: Int

    public init(
        id: String, name: String, domainID: String, description: String = "",
        enabled: Bool = true, tags: [String] = [], version: Int = 0
    ) {
        self.id = id
        self.name = name
        self.domainID = domainID
        self.description = description
        self.enabled = enabled
        self.tags = tags
        self.version = version
    }
}
