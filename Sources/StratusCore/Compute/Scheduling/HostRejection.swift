import Foundation

/// Which filter turned a host away, and why — counted into `NoValidHost.tally` for the
/// log and the fault's details (administrators only). Never in the fault message: like
/// Nova's, it does not describe the cloud's hosts to users.
public struct HostRejection: Sendable, Equatable, CustomStringConvertible {
    public var hostID: String
    public var hostName: String
    public var filter: String
    public var reason: String

    public init(hostID: String, hostName: String, filter: String, reason: String) {
        self.hostID = hostID
        self.hostName = hostName
        self.filter = filter
        self.reason = reason
    }

    public var description: String { "\(hostName) (\(hostID)) rejected by \(filter): \(reason)" }
}
