import Foundation

/// A Keystone domain: a namespace for users and projects.
public struct Domain: Sendable, Equatable {
    public static let defaultID = "default"

    public var id: String
    public var name: String
    public var description: String
    public var enabled: Bool
    /// Row version for compare-and-set updates; 0 before the first insert.
    public var version: Int

    public init(id: String, name: String, description: String = "", enabled: Bool = true, version: Int = 0) {
        self.id = id
        self.name = name
        self.description = description
        self.enabled = enabled
        self.version = version
    }
}
