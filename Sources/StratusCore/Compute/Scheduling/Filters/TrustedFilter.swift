import Foundation

/// Trusted compute pools. When the request requires it (the security profile) or the
/// flavor asks `trust:trusted_host=trusted`, only hosts whose last attestation was
/// trusted and is no older than `attestationValidity`: evidence ages, since a host can
/// reboot into other software, so stale evidence is no evidence. The window should
/// exceed the agent's re-attestation interval, as service_down_time exceeds the report
/// interval.
///
/// As in Nova's (removed) TrustedFilter, `trust:trusted_host=untrusted` keeps a flavor
/// off trusted hosts, saving the trusted pool for workloads that need it — unless the
/// request itself requires trust, which wins. Any other value matches no host, as in
/// Nova, where it could never equal a host's trust level.
public struct TrustedFilter: HostFilter {
    static let extraSpec = "trust:trusted_host"

    public var attestationValidity: TimeInterval

    public init(attestationValidity: TimeInterval = 600) {
        self.attestationValidity = attestationValidity
    }

    public var name: String { "TrustedFilter" }

    public func verdict(for host: ComputeHost, request: SchedulingRequest, now: Date) -> FilterVerdict {
        let spec = request.flavor.extraSpecs[Self.extraSpec]
        let trusted = host.traits.attestation?.isTrusted(at: now, validity: attestationValidity) ?? false
        if request.requiresTrustedHost || spec == "trusted" {
            return trusted ? .pass : .reject(untrustedReason(host, now: now))
        }
        switch spec {
        case nil: return .pass
        case "untrusted": return trusted ? .reject("trusted host; flavor asks \(Self.extraSpec)=untrusted") : .pass
        case let other?: return .reject("unrecognised \(Self.extraSpec) value '\(other)'")
        }
    }

    private func untrustedReason(_ host: ComputeHost, now: Date) -> String {
        guard let attestation = host.traits.attestation else { return "trusted host required; never attested" }
        guard attestation.trusted else { return "trusted host required; last attestation failed" }
        return "trusted host required; attestation \(now.timeIntervalSince(attestation.attestedAt).rounded()) s old "
            + "(validity \(attestationValidity) s)"
    }
}
