import Foundation

/// Where new identifiers and secrets come from. Injected so tests are repeatable.
public protocol IdentifierSource: Sendable {
    /// A new random 128-bit id as 32 lower-case hex digits (Keystone's id style).
    func newID() -> String
    /// `count` bytes from a cryptographically secure generator.
    func randomBytes(_ count: Int) -> [UInt8]
}

extension IdentifierSource {
    /// A new id in UUID form (Nova's servers, Glance's images, Barbican's secrets).
    public func newUUID() -> String {
        let hex = Array(newID().prefix(32))
        guard hex.count == 32 else { return UUID().uuidString.lowercased() }
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(hex[$0]) }.joined(separator: "-")
    }
}

public struct SystemIdentifierSource: IdentifierSource {
    public init() {}

    public func newID() -> String {
        UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    }

    public func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}
