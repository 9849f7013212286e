import Foundation

/// Which images compute may boot new servers from, beyond visibility: the
/// operator's hardened-image lifecycle and, optionally, signatures (Nova's
/// `verify_glance_signatures` with `default_trusted_certificate_ids`). Running
/// servers are never touched by it: it is asked only when a boot is requested.
public struct ImageBootPolicy: Sendable, Equatable {
    /// Only images whose data was verified against a signature at upload.
    public var requireVerifiedSignature: Bool
    /// With `requireVerifiedSignature`: the certificates a signature must come from;
    /// empty means any certificate of the cloud's store.
    public var trustedCertificateIDs: Set<String>

    public init(requireVerifiedSignature: Bool = false, trustedCertificateIDs: Set<String> = []) {
        self.requireVerifiedSignature = requireVerifiedSignature
        self.trustedCertificateIDs = trustedCertificateIDs
    }

    /// Why `image` may not be booted, in words for a 400; nil when it may.
    /// Superseded first: the answer names what to boot instead. As Nova's
    /// certificate validation, `requested` (the server's own 2.63
    /// `trusted_image_certificates`) replaces the cloud's trusted list when given,
    /// and counts only where the cloud verifies signatures at all.
    public func refusal(for image: Image, requestedCertificates requested: [String]? = nil) -> String? {
        let properties = image.extraProperties
        if let replacement = properties[ImageLifecycleProperties.supersededBy] {
            return "Image \(image.id) is superseded by image \(replacement); boot from \(replacement) instead."
        }
        if properties[ImageLifecycleProperties.deprecated] == "true" {
            return "Image \(image.id) is deprecated and cannot be used for new servers."
        }
        guard image.status == .active else { return "Image \(image.id) is not active." }
        guard requireVerifiedSignature else { return nil }
        guard ImageLifecycleProperties.isVerified(image) else {
            return "Image \(image.id) has no verified signature; this cloud boots only signed images."
        }
        let certificate = properties[ImageLifecycleProperties.signatureCertificateID] ?? ""
        let trusted = requested.map(Set.init).flatMap { $0.isEmpty ? nil : $0 } ?? trustedCertificateIDs
        if !trusted.isEmpty, !trusted.contains(certificate) {
            return "Image signature certificate validation failed for certificate: \(certificate). It is not a trusted certificate."
        }
        return nil
    }
}
