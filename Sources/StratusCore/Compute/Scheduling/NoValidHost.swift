import Foundation

/// No host could take an instance of the request, so none of it is placed (Nova places
/// a multi-instance request all or nothing). The instances go to ERROR with
/// `faultMessage`, Nova's exact words, which clients and tempest match on; the
/// per-filter `tally` goes to the fault's details, which only administrators see.
public struct NoValidHost: Error, Sendable, Equatable, CustomStringConvertible {
    public static let faultMessage = "No valid host was found. There are not enough hosts available."

    /// The first instance (from 0) that found no host; those before it would have fitted.
    public var instanceIndex: Int
    public var requestedCount: Int
    /// Why each candidate host was turned away for that instance.
    public var rejections: [HostRejection]
    /// How many hosts were considered (the requested host only, when one was named).
    public var consideredHosts: Int

    public init(instanceIndex: Int, requestedCount: Int, rejections: [HostRejection], consideredHosts: Int? = nil) {
        self.instanceIndex = instanceIndex
        self.requestedCount = requestedCount
        self.rejections = rejections
        self.consideredHosts = consideredHosts ?? rejections.count
    }

    public var message: String { Self.faultMessage }
    /// Nova's words alone: this may reach users; the tally is for `details` and logs.
    public var description: String { Self.faultMessage }

    /// Each filter that turned hosts away, in the order it first did, with how many and
    /// why: "4 hosts: ComputeFilter rejected 1 (down), ResourceFilter rejected 3 (…)".
    /// Nova logs "Filter X returned 0 hosts"; naming counts and reasons says which knob to turn.
    public var tally: String {
        let hosts = consideredHosts == 1 ? "1 host" : "\(consideredHosts) hosts"
        guard !rejections.isEmpty else {
            return consideredHosts == 0 ? "\(hosts): none to consider" : "\(hosts): none had room"
        }
        var order: [String] = []
        var byFilter: [String: [String]] = [:]
        for rejection in rejections {
            if byFilter[rejection.filter] == nil { order.append(rejection.filter) }
            byFilter[rejection.filter, default: []].append(rejection.reason)
        }
        let parts = order.map { filter in
            let reasons = byFilter[filter] ?? []
            var distinct: [String] = []
            for reason in reasons where !reason.isEmpty && !distinct.contains(reason) { distinct.append(reason) }
            // A few distinct reasons are enough to act on; the rest are the same story.
            let shown = distinct.prefix(3).joined(separator: "; ") + (distinct.count > 3 ? "; …" : "")
            return "\(filter) rejected \(reasons.count)" + (shown.isEmpty ? "" : " (\(shown))")
        }
        return "\(hosts): " + parts.joined(separator: ", ")
    }
}
