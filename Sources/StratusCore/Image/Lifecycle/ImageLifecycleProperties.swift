import Foundation

/// Extra properties that carry trust decisions, and who may write them.
///
/// - `img_signature*` are Glance's (cursive's) names: the uploader declares how the
///   data is signed. They are fixed once data exists, so a verified image cannot be
///   relabelled with another signature afterwards.
/// - `stratus_*` is the service's namespace. `stratus_signature_verified` is written by
///   the upload alone; `stratus_superseded_by` and `stratus_deprecated` are the
///   operator's hardened-image lifecycle and only administrators write them, so an
///   image owner cannot point other projects' boots at an image of their choosing.
public enum ImageLifecycleProperties {
    public static let signature = "img_signature"
    public static let signatureHashMethod = "img_signature_hash_method"
    public static let signatureKeyType = "img_signature_key_type"
    public static let signatureCertificateID = "img_signature_certificate_uuid"
    public static let signatureProperties = [signature, signatureHashMethod, signatureKeyType, signatureCertificateID]

    /// "true" once the data was verified against its signature at upload; the
    /// certificate's SHA-256 fingerprint beside it.
    public static let signatureVerified = "stratus_signature_verified"
    public static let signatureCertificateFingerprint = "stratus_signature_certificate_fingerprint"

    /// The id of the image to boot instead; compute refuses new boots from this one.
    public static let supersededBy = "stratus_superseded_by"
    /// "true": an image kept for the instances that run it, not for new boots.
    public static let deprecated = "stratus_deprecated"

    static let namespace = "stratus_"
    static let administratorsOnly: Set<String> = [supersededBy, deprecated]

    /// Why this change of extra properties is refused: a `stratus_*` name the service
    /// owns, a lifecycle mark by a non-administrator, or a signature property changed
    /// after data arrived. Nil when it is allowed.
    public static func refusal(from before: Image?, to after: Image, isAdmin: Bool) -> ImageError? {
        let old = before?.extraProperties ?? [:]
        let new = after.extraProperties
        let changed = Set(old.keys).union(new.keys).filter { old[$0] != new[$0] }.sorted()
        for name in changed {
            if administratorsOnly.contains(name) {
                guard isAdmin else { return .forbidden("Only administrators may change '\(name)'.") }
                continue
            }
            if name.hasPrefix(namespace) { return .forbidden("Attribute '\(name)' is reserved.") }
            if signatureProperties.contains(name), let before, before.status != .queued {
                return .forbidden("Attribute '\(name)' cannot be changed once the image has data.")
            }
        }
        if let value = new[deprecated], value != "true", value != "false" {
            return .badRequest("'\(deprecated)' must be 'true' or 'false'.")
        }
        if let replacement = new[supersededBy], replacement == after.id {
            return .badRequest("An image cannot supersede itself.")
        }
        return nil
    }

    /// The image's declared signature, when it declares one (any of the four names).
    public static func declaresSignature(_ image: Image) -> Bool {
        signatureProperties.contains { image.extraProperties[$0] != nil }
    }

    public static func isVerified(_ image: Image) -> Bool {
        image.extraProperties[signatureVerified] == "true"
    }
}
