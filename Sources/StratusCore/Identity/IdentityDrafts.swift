import Foundation

/// Create and update inputs of the identity resources, decoded by a front.
/// In a patch, nil means "leave as it is".
public struct DomainDraft: Sendable {
    public var name: String
    public var description: String
    public var enabled: Bool
    public init(name: String, description: String = "", enabled: Bool = true) {
        self.name = name
        self.description = description
        self.enabled = enabled
    }
}

public struct DomainPatch: Sendable {
    public var name: String?
    public var description: String?
    public var enabled: Bool?
    public init(name: String? = nil, description: String? = nil, enabled: Bool? = nil) {
        self.name = name
        self.description = description
        self.enabled = enabled
    }
}

public struct ProjectDraft: Sendable {
    public var name: String
    public var domainID: String?
    public var description: String
    public var enabled: Bool
    public var tags: [String]
    public init(name: String, domainID: String? = nil, description: String = "", enabled: Bool = true, tags: [String] = []) {
        self.name = name
        self.domainID = domainID
        self.description = description
        self.enabled = enabled
        self.tags = tags
    }
}

public struct ProjectPatch: Sendable {
    public var name: String?
    public var description: String?
    public var enabled: Bool?
    public var tags: [String]?
    public init(name: String? = nil, description: String? = nil, enabled: Bool? = nil, tags: [String]? = nil) {
        self.name = name
        self.description = description
        self.enabled = enabled
        self.tags = tags
    }
}

public struct UserDraft: Sendable {
    public var name: String
    public var domainID: String?
    public var password: String?
    public var enabled: Bool
    public var defaultProjectID: String?
    public var email: String?
    public var description: String?
    /// Unknown attributes as JSON texts (see `User.extra`).
    public var extra: [String: String]
    public init(
        name: String, domainID: String? = nil, password: String? = nil, enabled: Bool = true,
        defaultProjectID: String? = nil, email: String? = nil, description: String? = nil,
        extra: [String: String] = [:]
    ) {
        self.name = name
        self.domainID = domainID
        self.password = password
        self.enabled = enabled
        self.defaultProjectID = defaultProjectID
        self.email = email
        self.description = description
        self.extra = extra
    }
}

/// Double optionals: `.some(nil)` clears a field, nil leaves it.
public struct UserPatch: Sendable {
    public var name: String?
    public var password: String?
    public var enabled: Bool?
    public var defaultProjectID: String??
    public var email: String??
    public var description: String??
    /// Merged into the user's extra attributes, key by key.
    public var extra: [String: String]
    public init(
        name: String? = nil, password: String? = nil, enabled: Bool? = nil,
        defaultProjectID: String?? = nil, email: String?? = nil, description: String?? = nil,
        extra: [String: String] = [:]
    ) {
        self.name = name
        self.password = password
        self.enabled = enabled
        self.defaultProjectID = defaultProjectID
        self.email = email
        self.description = description
        self.extra = extra
    }
}

public struct RoleDraft: Sendable {
    public var name: String
    public var domainID: String?
    public var description: String
    public init(name: String, domainID: String? = nil, description: String = "") {
        self.name = name
        self.domainID = domainID
        self.description = description
    }
}

public struct RolePatch: Sendable {
    public var name: String?
    public var description: String?
    public init(name: String? = nil, description: String? = nil) {
        self.name = name
        self.description = description
    }
}

public struct GroupDraft: Sendable {
    public var name: String
    public var domainID: String?
    public var description: String
    public init(name: String, domainID: String? = nil, description: String = "") {
        self.name = name
        self.domainID = domainID
        self.description = description
    }
}

public struct GroupPatch: Sendable {
    public var name: String?
    public var description: String?
    public init(name: String? = nil, description: String? = nil) {
        self.name = name
        self.description = description
    }
}
