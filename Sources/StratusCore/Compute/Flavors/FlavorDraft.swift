import Foundation

/// `POST /flavors`, decoded. A nil id is generated.
public struct FlavorDraft: Sendable, Equatable {
    public var id: String?
    public var name: String
    public var vcpus: Int
    public var memoryMiB: Int
    public var rootDiskGiB: Int
    public var ephemeralGiB: Int
    public var swapMiB: Int
    public var isPublic: Bool
    public var description: String?

    public init(
        id: String? = nil, name: String, vcpus: Int, memoryMiB: Int, rootDiskGiB: Int,
        ephemeralGiB: Int = 0, swapMiB: Int = 0, isPublic: Bool = true, description: String? = nil
    ) {
        self.description = description
        self.id = id
        self.name = name
        self.vcpus = vcpus
        self.memoryMiB = memoryMiB
        self.rootDiskGiB = rootDiskGiB
        self.ephemeralGiB = ephemeralGiB
        self.swapMiB = swapMiB
        self.isPublic = isPublic
    }
}

/// List filters of `GET /flavors`; nil means "any".
public struct FlavorListFilter: Sendable, Equatable {
    public var minDiskGiB: Int?
    public var minMemoryMiB: Int?
    /// nil: public ones plus those the caller's project was given; admins see all with `is_public=None`.
    public var isPublic: Bool?
    public var limit: Int?
    public var marker: String?

    public init(
        minDiskGiB: Int? = nil, minMemoryMiB: Int? = nil, isPublic: Bool? = true, limit: Int? = nil,
        marker: String? = nil
    ) {
        self.minDiskGiB = minDiskGiB
        self.minMemoryMiB = minMemoryMiB
        self.isPublic = isPublic
        self.limit = limit
        self.marker = marker
    }
}
