import Foundation

extension ImageService {
    /// A signature an image declares, ready to check its data against: cursive's
    /// four properties, the certificate they name in the key manager, checked for
    /// validity now and against the declared key type.
    struct DeclaredSignature: Sendable {
        var prepared: PreparedImageSignature
        var certificate: StoredCertificate
    }

    /// Why a declared signature cannot be checked or does not hold: the message
    /// after "Signature verification failed for image X: ".
    struct SignatureRefusal: Error {
        var reason: String
    }

    /// Nil when the image declares no signature.
    func declaredSignature(of image: Image) async throws -> DeclaredSignature? {
        guard ImageLifecycleProperties.declaresSignature(image) else { return nil }
        var values: [String] = []
        for name in ImageLifecycleProperties.signatureProperties {
            guard let value = image.extraProperties[name], !value.isEmpty else {
                throw SignatureRefusal(reason: ImageSignatureFailure.missingProperty(name).message)
            }
            values.append(value)
        }
        let certificateID = values[3]
        guard let stored = try await certificates.certificate(id: certificateID) else {
            throw SignatureRefusal(reason: "Unable to retrieve certificate with ID: \(certificateID)")
        }
        do {
            let certificate = try SigningCertificate(pemOrDER: stored.payload)
            let prepared = try ImageSignatureVerifier.prepare(
                signatureBase64: Self.unwrappedBytesLiteral(values[0]), hashMethod: values[1], keyType: values[2],
                certificate: certificate, now: clock.now())
            return DeclaredSignature(prepared: prepared, certificate: stored)
        } catch {
            throw SignatureRefusal(reason: error.message)
        }
    }

    /// openstackclient 10's `image create --sign-key-path` sends the base64 as
    /// Python's bytes literal (`b'…'`, a `str()` of `b64encode`'s result). The
    /// base64 inside is what it signed; unwrapping it loosens nothing, since the
    /// signature must still verify.
    static func unwrappedBytesLiteral(_ text: String) -> String {
        guard text.hasPrefix("b'"), text.hasSuffix("'"), text.count >= 3 else { return text }
        return String(text.dropFirst(2).dropLast())
    }

    /// `saving → killed`: Glance's end for data that failed its signature. The image
    /// keeps its properties so the owner can see what was declared.
    func kill(_ id: String, actor: AuditActor) async throws {
        try await endSaving(id, as: .killed, actor: actor, action: "image:kill")
    }

    static func signatureFailed(_ id: String, _ refusal: SignatureRefusal) -> ImageError {
        .badRequest("Signature verification failed for image \(id): \(refusal.reason)")
    }
}
