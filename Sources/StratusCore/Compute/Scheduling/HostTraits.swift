import Foundation

/// The last verdict of the attestation verifier on a host: whether its measured boot
/// matched known-good software, and when that was judged. Evidence ages — a host can
/// reboot into something else — so the time matters as much as the verdict.
public struct HostAttestation: Sendable, Hashable {
    public var trusted: Bool
    public var attestedAt: Date

    public init(trusted: Bool, attestedAt: Date) {
        self.trusted = trusted
        self.attestedAt = attestedAt
    }

    /// Trusted, and judged within `validity` of `now`. The distance is taken either way
    /// (as Nova's service liveness check does), so a verifier clock a little ahead does
    /// not disqualify a host, yet a far-future stamp cannot stay valid forever.
    public func isTrusted(at now: Date, validity: TimeInterval) -> Bool {
        trusted && abs(now.timeIntervalSince(attestedAt)) <= validity
    }
}

/// Host capabilities that security-sensitive requests depend on.
public struct HostTraits: Sendable, Hashable {
    /// Nil when the host has never been attested.
    public var attestation: HostAttestation?
    /// A hardware entropy source the host can pass to guests (virtio-rng backed by
    /// `/dev/hwrng` rather than the kernel pool alone).
    public var hasHardwareRNG: Bool
    /// Nil when the host's hypervisor cannot receive or send live migrations.
    public var liveMigration: MigrationEndpoint?

    public init(attestation: HostAttestation? = nil, hasHardwareRNG: Bool = false, liveMigration: MigrationEndpoint? = nil) {
        self.attestation = attestation
        self.hasHardwareRNG = hasHardwareRNG
        self.liveMigration = liveMigration
    }
}
