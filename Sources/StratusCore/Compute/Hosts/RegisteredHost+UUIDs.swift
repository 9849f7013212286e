import Crypto
import Foundation

extension RegisteredHost {
    /// From 2.53 hypervisors and services are named by UUID. Stratus keeps one
    /// host record for both, so each gets a name-based UUID (RFC 4122 version 5)
    /// of the host's id in its own namespace: stable across restarts, distinct.
    public var hypervisorUUID: String { Self.nameUUID("stratus-compute-node:" + host.id) }
    public var serviceUUID: String { Self.nameUUID("stratus-compute-service:" + host.id) }

    static func nameUUID(_ name: String) -> String {
        var bytes = Array(Insecure.SHA1.hash(data: Array(name.utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
            String(hex[hex.index(hex.startIndex, offsetBy: range.lowerBound)..<hex.index(hex.startIndex, offsetBy: range.upperBound)])
        }
        return parts.joined(separator: "-")
    }
}
