import Crypto
import Foundation

/// The endpoints a token's catalog lists. Derived from the cloud's public URL
/// (devstack-style path prefixes on one port), not stored.
public struct ServiceCatalog: Sendable, Equatable {
    public struct Endpoint: Sendable, Equatable {
        public var id: String
        public var interface: String
        public var region: String
        public var url: String
    }

    public struct Service: Sendable, Equatable {
        public var id: String
        public var type: String
        public var name: String
        public var description: String
        public var endpoints: [Endpoint]
    }

    public static let region = "RegionOne"
    public static let interfaces = ["public", "internal", "admin"]

    public var services: [Service]

    /// identity, compute, image, key-manager, network and block-storage (also as volumev3),
    /// each on public, internal and admin.
    public static func standard(publicURL: String) -> ServiceCatalog {
        let base = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        let entries: [(type: String, name: String, description: String, path: String)] = [
            ("identity", "keystone", "Identity Service (Keystone v3)", "/identity"),
            ("compute", "nova", "Compute Service (Nova v2.1)", "/compute/v2.1"),
            ("image", "glance", "Image Service (Glance v2)", "/image"),
            ("key-manager", "barbican", "Key Manager Service (Barbican v1, certificates)", "/key-manager"),
            ("network", "neutron", "Networking Service (Neutron v2.0 subset)", "/network"),
            ("block-storage", "cinder", "Block Storage Service (Cinder v3 subset)", "/volume/v3"),
            ("volumev3", "cinderv3", "Block Storage Service (Cinder v3 subset), the older type name", "/volume/v3"),
        ]
        return ServiceCatalog(services: entries.map { entry in
            Service(
                id: stableID(entry.type), type: entry.type, name: entry.name, description: entry.description,
                endpoints: interfaces.map { interface in
                    Endpoint(id: stableID("\(entry.type)-\(interface)"), interface: interface,
                             region: region, url: base + entry.path)
                })
        })
    }

    public func url(of type: String, interface: String = "public") -> String? {
        services.first { $0.type == type }?.endpoints.first { $0.interface == interface }?.url
    }

    /// Ids that stay the same across restarts: the first 128 bits of SHA-256 of the name.
    static func stableID(_ name: String) -> String {
        String(SHA256.hash(data: Array(name.utf8)).map { String(format: "%02x", $0) }.joined().prefix(32))
    }
}
