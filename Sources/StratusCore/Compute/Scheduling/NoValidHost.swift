import Foundation

/// No host could take an instance of the request, so none of it is placed (Nova places
/// a multi-instance request all or nothing). The instances go to ERROR with
/// `faultMessage`, Nova's exact words, which clients and tempest match on.
public struct NoValidHost: Error, Sendable, Equatable, CustomStringConvertible {
    public static let faultMessage = "No valid host was found. There are not enough hosts available."

    /// The first instance (from 0) that found no host; those before it would have fitted.
    public var instanceIndex: Int
    public var requestedCount: Int
    /// Why each candidate host was turned away for that instance (for logs only).
    public var rejections: [HostRejection]

    public init(instanceIndex: Int, requestedCount: Int, rejections: [HostRejection]) {
        self.instanceIndex = instanceIndex
        self.requestedCount = requestedCount
        self.rejections = rejections
    }

    public var message: String { Self.faultMessage }
    public var description: String { Self.faultMessage }
}
