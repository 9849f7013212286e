import Foundation
import StratusCore
import Testing

@Suite("Image lifecycle marks and the boot policy")
struct ImageLifecycleTests {
    static func image(_ status: ImageStatus = .active, _ properties: [String: String] = [:]) -> Image {
        Image(id: "img", status: status, owner: "p", containerFormat: "bare", diskFormat: "raw", extraProperties: properties)
    }

    typealias Names = ImageLifecycleProperties

    @Test(arguments: [
        // (name, value, status before, admin?, allowed?)
        (Names.supersededBy, "new", ImageStatus.active, true, true),
        (Names.supersededBy, "new", .active, false, false),
        (Names.deprecated, "true", .active, true, true),
        (Names.deprecated, "true", .queued, false, false),
        (Names.deprecated, "maybe", .active, true, false),
        (Names.signatureVerified, "true", .active, true, false),
        (Names.signatureVerified, "true", .queued, false, false),
        ("stratus_anything", "x", .queued, true, false),
        (Names.signature, "c2ln", .queued, false, true),
        (Names.signature, "c2ln", .active, true, false),
        (Names.signatureCertificateID, "c", .saving, true, false),
        ("os_distro", "debian", .active, false, true),
    ])
    func whoMayWriteWhat(name: String, value: String, status: ImageStatus, admin: Bool, allowed: Bool) {
        let before = Self.image(status)
        var after = before
        after.extraProperties[name] = value
        let refusal = Names.refusal(from: before, to: after, isAdmin: admin)
        #expect((refusal == nil) == allowed, "\(name) → \(String(describing: refusal))")
    }

    @Test func removingAMarkIsAChangeToo() {
        let before = Self.image(.active, [Names.signatureVerified: "true", Names.deprecated: "true"])
        var after = before
        after.extraProperties[Names.signatureVerified] = nil
        #expect(Names.refusal(from: before, to: after, isAdmin: true) == .forbidden("Attribute 'stratus_signature_verified' is reserved."))
        var undeprecated = before
        undeprecated.extraProperties[Names.deprecated] = nil
        #expect(Names.refusal(from: before, to: undeprecated, isAdmin: true) == nil)
        #expect(Names.refusal(from: before, to: undeprecated, isAdmin: false) != nil)
        var selfSuperseded = before
        selfSuperseded.extraProperties[Names.supersededBy] = "img"
        #expect(Names.refusal(from: before, to: selfSuperseded, isAdmin: true) == .badRequest("An image cannot supersede itself."))
    }

    @Test func bootRefusalsInOrder() {
        let open = ImageBootPolicy()
        #expect(open.refusal(for: Self.image()) == nil)
        #expect(open.refusal(for: Self.image(.deactivated)) == "Image img is not active.")
        #expect(open.refusal(for: Self.image(.active, [Names.supersededBy: "new", Names.deprecated: "true"]))?
            .contains("superseded by image new; boot from new instead") == true)
        #expect(open.refusal(for: Self.image(.active, [Names.deprecated: "true"]))?.contains("deprecated") == true)
        #expect(open.refusal(for: Self.image(.active, [Names.deprecated: "false"])) == nil)
        // Without a cloud-wide requirement, a server's own certificate list is not checked (Nova's default).
        #expect(open.refusal(for: Self.image(), requestedCertificates: ["c1"]) == nil)
    }

    @Test func signedBootsFromTrustedCertificates() {
        let verified = Self.image(.active, [Names.signatureVerified: "true", Names.signatureCertificateID: "c1"])
        let any = ImageBootPolicy(requireVerifiedSignature: true)
        #expect(any.refusal(for: Self.image())?.contains("no verified signature") == true)
        #expect(any.refusal(for: verified) == nil)
        // A declared but unverified signature is not a verified one.
        #expect(any.refusal(for: Self.image(.active, [Names.signatureCertificateID: "c1"])) != nil)

        let pinned = ImageBootPolicy(requireVerifiedSignature: true, trustedCertificateIDs: ["c2"])
        #expect(pinned.refusal(for: verified)?.contains("certificate validation failed for certificate: c1") == true)
        // The server's own list replaces the cloud's.
        #expect(pinned.refusal(for: verified, requestedCertificates: ["c1"]) == nil)
        #expect(pinned.refusal(for: verified, requestedCertificates: ["c3"]) != nil)
        #expect(pinned.refusal(for: verified, requestedCertificates: []) != nil)
    }
}
