import Foundation

/// Nova's os-simple-tenant-usage: how much each project ran over a period,
/// read from the servers' launch and termination times (deleted ones count for
/// the hours they ran). Servers that never launched ran for no hours and are
/// left out.
extension ComputeService {
    /// A usage report's window; nil bounds are "now", and the end never passes now.
    public struct UsageWindow: Sendable, Equatable {
        public var start: Date?
        public var end: Date?
        public var limit: Int?
        public var marker: String?

        public init(start: Date? = nil, end: Date? = nil, limit: Int? = nil, marker: String? = nil) {
            self.start = start
            self.end = end
            self.limit = limit
            self.marker = marker
        }
    }

    /// Every project's usage (administrators), and the server entries of this page.
    public func projectUsages(_ caller: Caller, _ window: UsageWindow) async throws -> ([ProjectUsage], [ServerUsage]) {
        try authorize(.listProjectUsages, caller)
        return try await usages(window, projectID: nil)
    }

    /// One project's usage (its readers, or administrators); nil when it ran nothing.
    public func projectUsage(_ caller: Caller, projectID: String, _ window: UsageWindow) async throws -> (ProjectUsage?, [ServerUsage]) {
        try authorize(.showProjectUsage, caller, target: ["project_id": projectID])
        let (usages, servers) = try await usages(window, projectID: projectID)
        return (usages.first, servers)
    }

    private func usages(_ window: UsageWindow, projectID: String?) async throws -> ([ProjectUsage], [ServerUsage]) {
        let now = clock.now()
        let start = window.start ?? now
        var stop = window.end ?? now
        guard start < stop else {
            throw ComputeError.badRequest("Invalid start time. The start time cannot occur after the end time.")
        }
        stop = min(stop, now)
        if let marker = window.marker, try await store.instance(id: marker) == nil {
            throw ComputeError.badRequest("Marker \(marker) could not be found.")
        }
        let instances = try await store.instancesActive(
            from: start, to: stop, projectID: projectID, limit: window.limit ?? 1000, after: window.marker)
        let servers = instances.compactMap { ServerUsage.make($0, start: start, stop: stop, now: now) }
        return (ProjectUsage.grouped(servers, start: start, stop: stop), servers)
    }
}
