import Foundation

/// How a host takes part in live migrations: the address its hypervisor listens
/// on for incoming guests (the isolated migration network of the case study, not
/// the API's), and whether the stream must be encrypted.
public struct MigrationEndpoint: Sendable, Hashable {
    public enum Transport: String, Sendable, CaseIterable {
        /// TLS with X.509 certificates from the cloud's own CA, both ends verified.
        case tls
        /// Unencrypted: only when an operator configured it for a trusted network.
        case plain
    }

    public var address: String
    public var transport: Transport

    public init(address: String, transport: Transport = .tls) {
        self.address = address
        self.transport = transport
    }

    /// Why a guest cannot go from `source` to `target`, nil when it can. A host
    /// that requires TLS never accepts a plain stream, and a plain host has no
    /// certificate to offer a TLS one, so the transports must match.
    public static func incompatibility(from source: MigrationEndpoint?, to target: MigrationEndpoint?,
                                       sourceName: String, targetName: String) -> String? {
        guard let source else { return "Host \(sourceName) does not take part in live migrations." }
        guard let target else { return "Host \(targetName) does not take part in live migrations." }
        guard source.transport == target.transport else {
            return "Host \(targetName) requires \(target.transport.rawValue) migration traffic but \(sourceName) uses \(source.transport.rawValue)."
        }
        return nil
    }
}
