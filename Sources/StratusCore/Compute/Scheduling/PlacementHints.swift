import Foundation

/// Nova's `same_host` and `different_host` scheduler hints: a server's first
/// placement next to, or away from, servers the user names. They are the
/// user's own scheduling choices, kept with the server until it is placed.
public struct PlacementHints: Sendable, Equatable, Codable {
    /// Servers (ids) at least one of which the new server's host must hold.
    public var sameHost: [String]
    /// Servers (ids) none of which the new server's host may hold.
    public var differentHost: [String]

    public init(sameHost: [String] = [], differentHost: [String] = []) {
        self.sameHost = sameHost
        self.differentHost = differentHost
    }

    public var isEmpty: Bool { sameHost.isEmpty && differentHost.isEmpty }
}

/// The hints resolved against where the named servers are, as the filters read them.
public struct HostAffinity: Sendable, Equatable {
    /// Hosts holding one of the `same_host` servers; nil when there is no such hint.
    public var sameHostIDs: Set<String>?
    /// Hosts holding one of the `different_host` servers.
    public var differentHostIDs: Set<String>

    public init(sameHostIDs: Set<String>? = nil, differentHostIDs: Set<String> = []) {
        self.sameHostIDs = sameHostIDs
        self.differentHostIDs = differentHostIDs
    }
}
