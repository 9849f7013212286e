import Foundation

/// One of a server's ports as compute remembers it (Nova's network info cache):
/// written in the transaction that creates or binds the port, so a server's
/// `addresses` are read with the server and never need the network service.
/// Security groups are not cached: they are read off the ports when shown.
public struct ServerInterface: Sendable, Equatable {
    public var portID: String
    public var networkID: String
    /// The network's name at attach time: the key of `addresses`.
    public var networkName: String
    public var macAddress: String
    public var addresses: [String]
    /// The user brought the port (`networks: [{"port": …}]`): deleting the
    /// server unbinds it instead of deleting it, as Nova's `preserve_on_delete`.
    public var preserveOnDelete: Bool

    public init(
        portID: String, networkID: String, networkName: String, macAddress: String, addresses: [String],
        preserveOnDelete: Bool
    ) {
        self.portID = portID
        self.networkID = networkID
        self.networkName = networkName
        self.macAddress = macAddress
        self.addresses = addresses
        self.preserveOnDelete = preserveOnDelete
    }
}
