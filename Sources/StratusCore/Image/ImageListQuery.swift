import Foundation

/// A key images are listed by, as Glance allows (`_available_sort_keys`).
public enum ImageSortKey: String, Sendable, Equatable, Hashable, CaseIterable {
    case name, status, containerFormat = "container_format", diskFormat = "disk_format", size, id
    case createdAt = "created_at", updatedAt = "updated_at"
}

public enum ImageSortDirection: String, Sendable, Equatable, Hashable {
    case asc, desc
}

public struct ImageSort: Sendable, Equatable, Hashable {
    public var key: ImageSortKey
    public var direction: ImageSortDirection

    public init(_ key: ImageSortKey, _ direction: ImageSortDirection) {
        self.key = key
        self.direction = direction
    }

    /// Glance completes every order with `created_at` then `id` (same direction as
    /// its default, descending) so pages are stable and a marker is unambiguous.
    public static func complete(_ sorts: [ImageSort]) -> [ImageSort] {
        var complete = sorts
        for key in [ImageSortKey.createdAt, .id] where !complete.contains(where: { $0.key == key }) {
            complete.append(ImageSort(key, .desc))
        }
        return complete
    }
}

/// One page of an image list: who may see what (`filter`), what the caller asked to
/// match, the order, and where the page starts.
public struct ImageListQuery: Sendable, Equatable {
    public var filter: ImageListFilter
    /// Exact matches for callers inside Stratus (Nova's image proxy, backup rotation);
    /// Glance's own `name`, `id`, `status` and format filters arrive as `oneOf`.
    public var name: String?
    public var id: String?
    public var status: ImageStatus?
    public var owner: String?
    /// Every tag must be on the image.
    public var tags: [String]
    public var containerFormat: String?
    public var diskFormat: String?
    public var protected: Bool?
    public var size: Int64?
    public var sizeMin: Int64?
    public var sizeMax: Int64?
    /// Extra properties that must have exactly these values.
    public var properties: [String: String]
    /// Completed with `created_at` and `id` by the use case before the store sees it.
    public var sort: [ImageSort]
    public var limit: Int?
    /// The id of the last image of the previous page.
    public var marker: String?
    /// Glance's `updated_at=gte:…`, what Nova's `changes-since` becomes.
    public var updatedSince: Date?
    /// Exact matches on the core columns, as Glance compares any core property it
    /// is given as a filter (Nova's `minRam`/`minDisk` reach it this way).
    public var minRAM: Int?
    public var minDisk: Int?
    /// Glance's `in:` (and `eq:`) on core columns: each column's value must be one
    /// of its list; an empty list matches nothing. Set through `filter(_:by:)`.
    public var oneOf: [ImageListColumn: [String]] = [:]
    /// Glance's `created_at`/`updated_at` comparisons; every one must hold.
    public var timeComparisons: [ImageTimeComparison] = []

    public init(
        filter: ImageListFilter = ImageListFilter(), name: String? = nil, id: String? = nil, status: ImageStatus? = nil,
        owner: String? = nil, tags: [String] = [], containerFormat: String? = nil, diskFormat: String? = nil,
        protected: Bool? = nil, size: Int64? = nil, sizeMin: Int64? = nil, sizeMax: Int64? = nil,
        properties: [String: String] = [:], sort: [ImageSort] = [], limit: Int? = nil, marker: String? = nil
    ) {
        self.filter = filter
        self.name = name
        self.id = id
        self.status = status
        self.owner = owner
        self.tags = tags
        self.containerFormat = containerFormat
        self.diskFormat = diskFormat
        self.protected = protected
        self.size = size
        self.sizeMin = sizeMin
        self.sizeMax = sizeMax
        self.properties = properties
        self.sort = sort
        self.limit = limit
        self.marker = marker
    }
}

/// A page of images and, when the page is full, the marker of the next one.
public struct ImagePage: Sendable, Equatable {
    public var images: [Image]
    public var nextMarker: String?

    public init(images: [Image], nextMarker: String?) {
        self.images = images
        self.nextMarker = nextMarker
    }
}
