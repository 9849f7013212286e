import Foundation
import HTTPTypes
import StratusApp
import StratusCore
import StratusOpenStack
import Testing

/// Compute's boot policy over the image service: superseded and deprecated images
/// refuse new boots (running servers stay), and a cloud may boot only images whose
/// signature was verified, from certificates it trusts.
@Suite("Image boot policy over HTTP")
struct ImageBootPolicyHTTPTests {
    static func boot(_ cloud: TestCloud, _ token: String, image: String) async throws -> Reply {
        try await cloud.send(.post, "/compute/v2.1/servers", token: token, json: [
            "server": ["name": "vm", "imageRef": .string(image), "flavorRef": "1"],
        ])
    }

    @Test func aSupersededImageNamesItsReplacementAndRunningServersStay() async throws {
        try await ServersHTTPTests.run(realImages: true) { cloud, converge, demo, admin in
            let old = try #require(cloud.cloud.testImageID)
            let running = try #require(try await Self.boot(cloud, demo, image: old).json?["server"]?["id"]?.stringValue)
            try await converge()
            let hardened = try await cloud.createImage(token: admin, ["visibility": "public"])
            _ = try await cloud.upload(hardened, token: admin, Array("hardened".utf8))

            // Only administrators mark the lifecycle.
            let byMember = try await cloud.patch("/image/v2/images/\(old)", token: demo, [
                ["op": "add", "path": "/stratus_superseded_by", "value": .string(hardened)],
            ])
            #expect(byMember.status == .forbidden || byMember.status == .notFound)
            let toNowhere = try await cloud.patch("/image/v2/images/\(old)", token: admin, [
                ["op": "add", "path": "/stratus_superseded_by", "value": "no-such-image"],
            ])
            #expect(toNowhere.status == .badRequest)
            let marked = try await cloud.patch("/image/v2/images/\(old)", token: admin, [
                ["op": "add", "path": "/stratus_superseded_by", "value": .string(hardened)],
            ])
            #expect(marked.status == .ok)

            let refused = try await Self.boot(cloud, demo, image: old)
            #expect(refused.status == .badRequest)
            let message = refused.json?["badRequest"]?["message"]?.stringValue ?? ""
            #expect(message.contains("superseded by image \(hardened)"), "\(message)")
            #expect(try await Self.boot(cloud, demo, image: hardened).status == .accepted)

            // The server already running from the old image is untouched.
            try await converge()
            let server = try await cloud.send(.get, "/compute/v2.1/servers/\(running)", token: demo)
            #expect(server.json?["server"]?["status"] == "ACTIVE")
            let reboot = try await cloud.send(.post, "/compute/v2.1/servers/\(running)/action", token: demo,
                                              json: ["reboot": ["type": "SOFT"]])
            #expect(reboot.status == .accepted)
        }
    }

    @Test func deprecatedAndDeactivatedImagesAreNotBooted() async throws {
        try await ServersHTTPTests.run(realImages: true) { cloud, _, demo, admin in
            let image = try await cloud.createImage(token: admin, ["visibility": "public"])
            _ = try await cloud.upload(image, token: admin, Array("disk".utf8))
            _ = try await cloud.patch("/image/v2/images/\(image)", token: admin, [
                ["op": "add", "path": "/stratus_deprecated", "value": "true"],
            ])
            let deprecated = try await Self.boot(cloud, demo, image: image)
            #expect(deprecated.json?["badRequest"]?["message"]?.stringValue?.contains("deprecated") == true)
            _ = try await cloud.patch("/image/v2/images/\(image)", token: admin, [
                ["op": "replace", "path": "/stratus_deprecated", "value": "false"],
            ])
            #expect(try await Self.boot(cloud, demo, image: image).status == .accepted)
            #expect(try await cloud.glance(.post, "/images/\(image)/actions/deactivate", token: admin).status == .noContent)
            let deactivated = try await Self.boot(cloud, demo, image: image)
            #expect(deactivated.status == .badRequest)
        }
    }

    @Test func aCloudThatRequiresSignaturesBootsOnlyVerifiedImagesFromTrustedCertificates() async throws {
        try await ServersHTTPTests.run(realImages: true, configure: {
            $0.imageBoot = ImageBootPolicy(requireVerifiedSignature: true)
        }) { cloud, _, demo, admin in
            let unsigned = try #require(cloud.cloud.testImageID)
            let refused = try await Self.boot(cloud, demo, image: unsigned)
            #expect(refused.json?["badRequest"]?["message"]?.stringValue?.contains("no verified signature") == true)

            let data = Array("signed disk".utf8)
            let signed = try await cloud.imageDeclaringSignature(
                of: data, by: try TestSigner(), admin: admin, ["visibility": "public"])
            #expect(try await cloud.upload(signed, token: admin, data).status == .noContent)
            #expect(try await Self.boot(cloud, demo, image: signed).status == .accepted)

            // A server's own trusted certificates (2.63) replace the cloud's list.
            let other = try await KeyManagerHTTPTests.storedID(cloud, admin, try TestSigner())
            let mistrusted = try await cloud.send(.post, "/compute/v2.1/servers", token: demo, json: [
                "server": ["name": "vm", "imageRef": .string(signed), "flavorRef": "1", "networks": "none",
                           "trusted_image_certificates": [.string(other)]],
            ], headers: [HTTPField.Name("OpenStack-API-Version")!: "compute 2.63"])
            #expect(mistrusted.status == .badRequest)
            #expect(mistrusted.json?["badRequest"]?["message"]?.stringValue?.contains("certificate validation failed") == true)
        }
    }
}
