import Foundation

/// A project's compute limits, as `os-quota-sets` shows them. `-1` is unlimited.
/// Defaults are Nova's.
public struct QuotaSet: Sendable, Equatable {
    public var instances: Int
    public var cores: Int
    public var ramMiB: Int
    public var keyPairs: Int
    public var metadataItems: Int
    public var serverGroups: Int
    public var serverGroupMembers: Int
    public var injectedFiles: Int
    public var injectedFileContentBytes: Int
    public var injectedFilePathBytes: Int

    public static let novaDefaults = QuotaSet(
        instances: 10, cores: 20, ramMiB: 51200, keyPairs: 100, metadataItems: 128, serverGroups: 10,
        serverGroupMembers: 10, injectedFiles: 5, injectedFileContentBytes: 10240, injectedFilePathBytes: 255)

    public init(
        instances: Int, cores: Int, ramMiB: Int, keyPairs: Int, metadataItems: Int, serverGroups: Int,
        serverGroupMembers: Int, injectedFiles: Int, injectedFileContentBytes: Int, injectedFilePathBytes: Int
    ) {
        self.instances = instances
        self.cores = cores
        self.ramMiB = ramMiB
        self.keyPairs = keyPairs
        self.metadataItems = metadataItems
        self.serverGroups = serverGroups
        self.serverGroupMembers = serverGroupMembers
        self.injectedFiles = injectedFiles
        self.injectedFileContentBytes = injectedFileContentBytes
        self.injectedFilePathBytes = injectedFilePathBytes
    }

    /// Nova's key for each limit, in the order it lists them.
    public static var keys: [(String, WritableKeyPath<QuotaSet, Int>)] {
        [
        ("cores", \.cores), ("instances", \.instances), ("ram", \.ramMiB), ("key_pairs", \.keyPairs),
        ("metadata_items", \.metadataItems), ("server_groups", \.serverGroups),
        ("server_group_members", \.serverGroupMembers), ("injected_files", \.injectedFiles),
        ("injected_file_content_bytes", \.injectedFileContentBytes),
        ("injected_file_path_bytes", \.injectedFilePathBytes),
        ]
    }

    /// Nova's deprecated nova-network quotas, in the API until 2.36.
    public static let legacyNetworkKeys = ["fixed_ips", "floating_ips", "security_groups", "security_group_rules"]

    /// The nova-network limits from set values (`resource → limit`), -1 (unlimited)
    /// for those not set.
    public static func legacyNetworkLimits(_ set: [String: Int]) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: legacyNetworkKeys.map { ($0, set[$0] ?? -1) })
    }

    /// This set with per-project overrides (`resource → limit`) applied.
    public func overridden(by overrides: [String: Int]) -> QuotaSet {
        var set = self
        for (key, path) in Self.keys {
            if let value = overrides[key] { set[keyPath: path] = value }
        }
        return set
    }
}

/// What a create adds to a project's usage, with the limits it must stay within.
/// The store checks it inside the transaction that inserts the instances, so two
/// concurrent requests cannot both take the last unit (Nova's "recheck quota").
public struct InstanceQuotaCheck: Sendable, Equatable {
    public var projectID: String
    public var instances: Int
    public var cores: Int
    public var ramMiB: Int
    public var limits: QuotaSet

    public init(projectID: String, instances: Int, cores: Int, ramMiB: Int, limits: QuotaSet) {
        self.projectID = projectID
        self.instances = instances
        self.cores = cores
        self.ramMiB = ramMiB
        self.limits = limits
    }
}

/// A project's current compute usage, counted from its live instances.
public struct InstanceUsage: Sendable, Equatable {
    public var instances: Int
    public var cores: Int
    public var ramMiB: Int

    public init(instances: Int, cores: Int, ramMiB: Int) {
        self.instances = instances
        self.cores = cores
        self.ramMiB = ramMiB
    }

    /// The first limit `check` would break on top of this usage, as Nova words it.
    public func firstExcess(_ check: InstanceQuotaCheck) -> QuotaExceeded? {
        let rows: [(String, Int, Int, Int)] = [
            ("instances", check.instances, instances, check.limits.instances),
            ("cores", check.cores, cores, check.limits.cores),
            ("ram", check.ramMiB, ramMiB, check.limits.ramMiB),
        ]
        for (resource, requested, used, limit) in rows where limit >= 0 && used + requested > limit {
            return QuotaExceeded(resource: resource, requested: requested, used: used, limit: limit)
        }
        return nil
    }
}

/// A quota that a request would break: Nova's 403 `Quota exceeded for ...`.
public struct QuotaExceeded: Error, Sendable, Equatable {
    public var resource: String
    public var requested: Int
    public var used: Int
    public var limit: Int

    public init(resource: String, requested: Int, used: Int, limit: Int) {
        self.resource = resource
        self.requested = requested
        self.used = used
        self.limit = limit
    }

    /// Nova's wording: counted resources say how far over; the per-owner
    /// counts (key pairs, groups, group members) have their own sentences.
    public var message: String {
        switch resource {
        case "key_pairs": "Quota exceeded, too many key pairs."
        case "server_groups": "Quota exceeded, too many server groups."
        case "server_group_members": "Quota exceeded, too many servers in group"
        // Neutron's port quota, met by a server create: Nova's PortLimitExceeded.
        case "port": "Maximum number of ports exceeded"
        default: "Quota exceeded for \(resource): Requested \(requested), but already used \(used) of \(limit) \(resource)"
        }
    }
}
