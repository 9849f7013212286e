import Foundation

/// Which filter turned a host away, and why — for debug logs. Never shown to users:
/// like Nova, the fault message does not describe the cloud's hosts.
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
