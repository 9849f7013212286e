import Foundation

/// A create request after the front has checked its JSON shape; the use case
/// checks what needs the store (flavor, image, key pair, quotas).
public struct ServerDraft: Sendable, Equatable {
    /// Nova 2.37: `networks` is required and may be "none" or "auto"; before it,
    /// leaving it out means "auto".
    public enum Networks: Sendable, Equatable {
        case none
        case auto
        /// Explicit networks or ports, in order: each becomes one of the server's ports.
        case explicit([NetworkChoice])
    }

    /// One item of `networks`: a network (optionally with a fixed address) or a port.
    public struct NetworkChoice: Sendable, Equatable {
        public var networkID: String?
        public var portID: String?
        public var fixedIP: String?
        public var tag: String?

        public init(networkID: String? = nil, portID: String? = nil, fixedIP: String? = nil, tag: String? = nil) {
            self.networkID = networkID
            self.portID = portID
            self.fixedIP = fixedIP
            self.tag = tag
        }
    }

    public var name: String
    public var imageRef: String
    public var flavorRef: String
    public var metadata: [String: String]
    public var keyName: String?
    public var userData: String?
    public var availabilityZone: String?
    public var minCount: Int
    public var maxCount: Int
    public var networks: Networks
    public var description: String?
    public var accessIPv4: String
    public var accessIPv6: String
    public var adminPass: String?
    /// The `group` scheduler hint: the server group the servers join.
    public var groupID: String?
    /// 2.52: tags given at create.
    public var tags: [String] = []
    /// 2.63: certificate ids trusted for the image's signature.
    public var trustedImageCertificates: [String]?
    /// Below 2.57: files to inject (`personality`), checked against the
    /// injected-file quotas.
    public var personality: [InjectedFile] = []
    /// `security_groups` names (or ids); empty means the project's `default`.
    public var securityGroups: [String] = []
    /// 2.74: an administrator's requested destination, a host and/or its
    /// hypervisor (one and the same in Stratus: a host is one node).
    public var requestedHost: String?
    public var requestedHypervisorHostname: String?
    /// `same_host` / `different_host` scheduler hints.
    public var placementHints = PlacementHints()

    public init(
        name: String, imageRef: String, flavorRef: String, metadata: [String: String] = [:], keyName: String? = nil,
        userData: String? = nil, availabilityZone: String? = nil, minCount: Int = 1, maxCount: Int = 1,
        networks: Networks = .auto, description: String? = nil, accessIPv4: String = "", accessIPv6: String = "",
        adminPass: String? = nil, groupID: String? = nil
    ) {
        self.groupID = groupID
        self.name = name
        self.imageRef = imageRef
        self.flavorRef = flavorRef
        self.metadata = metadata
        self.keyName = keyName
        self.userData = userData
        self.availabilityZone = availabilityZone
        self.minCount = minCount
        self.maxCount = maxCount
        self.networks = networks
        self.description = description
        self.accessIPv4 = accessIPv4
        self.accessIPv6 = accessIPv6
        self.adminPass = adminPass
    }
}

/// What a create returns: the servers made (one per count) and the admin
/// password Nova shows once in the response.
public struct ServerCreation: Sendable, Equatable {
    public var instances: [Instance]
    public var adminPass: String
    public var reservationID: String
}

/// `GET /servers` filters Stratus honours. Unknown filters are ignored as Nova
/// ignores them for non-admins.
public struct ServerListFilter: Sendable, Equatable {
    /// Nil lists the caller's project; set for admins with `all_tenants`.
    public var projectID: String?
    public var allProjects: Bool
    /// Python-style regular expression on the name (`re.search`).
    public var namePattern: String?
    public var status: ServerStatus?
    public var imageID: String?
    public var flavorID: String?
    public var changesSince: Date?
    public var locked: Bool?
    public var host: String?
    public var includeDeleted: Bool
    public var limit: Int?
    public var marker: String?
    /// 2.66: updated at or before this instant.
    public var changesBefore: Date?
    /// 2.26 tag filters: all of `tags`, any of `tagsAny`, not all of `notTags`,
    /// none of `notTagsAny`.
    public var tags: [String]?
    public var tagsAny: [String]?
    public var notTags: [String]?
    public var notTagsAny: [String]?
    /// `ip` / `ip6` patterns (regular expressions on the server's addresses).
    public var ipPatterns: [String] = []
    /// Several `status` values (Nova maps them to vm and task states); set
    /// instead of `status` when given.
    public var statuses: ServerStatusFilter?
    /// `sort_key`/`sort_dir` pairs beyond Nova's default (created_at, id desc).
    public var sort: [ServerSortKey] = []
    /// The servers one request made (`reservation_id`, exact).
    public var reservationID: String?

    public init(
        projectID: String? = nil, allProjects: Bool = false, namePattern: String? = nil, status: ServerStatus? = nil,
        imageID: String? = nil, flavorID: String? = nil, changesSince: Date? = nil, locked: Bool? = nil,
        host: String? = nil, includeDeleted: Bool = false, limit: Int? = nil, marker: String? = nil
    ) {
        self.projectID = projectID
        self.allProjects = allProjects
        self.namePattern = namePattern
        self.status = status
        self.imageID = imageID
        self.flavorID = flavorID
        self.changesSince = changesSince
        self.locked = locked
        self.host = host
        self.includeDeleted = includeDeleted
        self.limit = limit
        self.marker = marker
    }
}

/// A file of the (pre-2.57) `personality` list: its path and decoded bytes.
public struct InjectedFile: Sendable, Equatable {
    public var path: String
    public var contents: Data

    public init(path: String, contents: Data) {
        self.path = path
        self.contents = contents
    }
}
