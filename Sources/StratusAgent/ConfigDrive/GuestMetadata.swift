import Foundation
import StratusCore

/// What a guest learns about itself from its config drive (Nova's instance metadata).
public struct GuestMetadata: Sendable, Equatable {
    public var projectID: String
    /// The DNS-safe name fixed at create (Nova's `hostname`).
    public var hostname: String
    public var availabilityZone: String?
    /// Its place among the servers of one request (`min_count`/`max_count`).
    public var launchIndex: Int
    public var reservationID: String
    /// The server's `metadata` (Nova's `meta`).
    public var properties: [String: String]
    /// The key pair's name and public key, when the server has one.
    public var keyName: String?
    public var publicKey: String?

    public init(
        projectID: String = "", hostname: String = "", availabilityZone: String? = nil, launchIndex: Int = 0,
        reservationID: String = "", properties: [String: String] = [:], keyName: String? = nil, publicKey: String? = nil
    ) {
        self.projectID = projectID
        self.hostname = hostname
        self.availabilityZone = availabilityZone
        self.launchIndex = launchIndex
        self.reservationID = reservationID
        self.properties = properties
        self.keyName = keyName
        self.publicKey = publicKey
    }

    public init(_ guest: HostGuest) {
        let record = guest.record
        self.init(
            projectID: record.projectID, hostname: record.hostname, availabilityZone: guest.availabilityZone,
            launchIndex: record.launchIndex, reservationID: record.reservationID, properties: record.metadata,
            keyName: record.keyName, publicKey: record.keyData)
    }
}
