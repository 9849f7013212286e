import Crypto
import Foundation
import HTTPTypes
import StratusAgent
import StratusApp
import StratusCore
import StratusOpenStack
import Testing

@Suite("Image v2 over HTTP: data, activation, the test image")
struct ImageDataHTTPTests {
    static func md5(_ bytes: [UInt8]) -> String {
        Insecure.MD5.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    @Test func uploadThenDownloadTheSameBytesWithChecksums() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let id = try await cloud.createImage(token: admin)
            let empty = try await cloud.sendRaw(.get, "/image/v2/images/\(id)/file", token: admin)
            #expect(empty.status == .noContent, "no data yet")
            let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 * 7) }
            #expect(try await cloud.upload(id, token: admin, bytes).status == .noContent)
            let shown = try await cloud.glance(.get, "/images/\(id)", token: admin)
            #expect(shown.json?["status"] == "active" && shown.json?["size"] == 200_000)
            #expect(shown.json?["checksum"] == .string(Self.md5(bytes)))
            #expect(shown.json?["os_hash_algo"] == "sha512")
            #expect(shown.json?["os_hash_value"] == .string(SHA512.hash(data: bytes).map { String(format: "%02x", $0) }.joined()))

            let download = try await cloud.sendRaw(.get, "/image/v2/images/\(id)/file", token: admin)
            #expect(download.status == .ok && download.body == bytes)
            #expect(download.headers[HTTPField.Name("Content-MD5")!] == Self.md5(bytes))
            #expect(download.headers[.contentType] == "application/octet-stream")
            #expect(try await cloud.upload(id, token: admin, [1]).status == .conflict, "data is written once")
        }
    }

    @Test func uploadsAreOctetStreamsWithinTheSizeCap() async throws {
        try await TestCloud.run(configure: { $0.imageSizeLimit = 1000 }) { cloud in
            let admin = try await cloud.token()
            let id = try await cloud.createImage(token: admin)
            let json = try await cloud.sendRaw(.put, "/image/v2/images/\(id)/file", token: admin, body: [1], contentType: "application/json")
            #expect(json.status == .unsupportedMediaType)
            let large = try await cloud.upload(id, token: admin, [UInt8](repeating: 0, count: 1001))
            #expect(large.status == .contentTooLarge)
            #expect(try await cloud.glance(.get, "/images/\(id)", token: admin).json?["status"] == "queued")
            #expect(try await cloud.upload(id, token: admin, [UInt8](repeating: 0, count: 1000)).status == .noContent)
        }
    }

    @Test func deactivatedDataIsForAdministratorsOnly() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            _ = try await cloud.makeUser("kim", role: "member", project: "demo", adminToken: admin)
            let kim = try await cloud.token(user: "kim", password: "pw-kim", project: "demo")
            let id = try await cloud.createImage(token: admin, ["visibility": "public"])
            _ = try await cloud.upload(id, token: admin, [1, 2, 3])
            let path = "/images/\(id)/actions/deactivate"
            #expect(try await cloud.glance(.post, path, token: kim).status == .forbidden, "not the owner")
            #expect(try await cloud.glance(.post, path, token: admin).status == .noContent)
            #expect(try await cloud.glance(.post, path, token: admin).status == .noContent, "twice is a no-op")
            #expect(try await cloud.glance(.get, "/images/\(id)", token: kim).json?["status"] == "deactivated")
            #expect(try await cloud.sendRaw(.get, "/image/v2/images/\(id)/file", token: kim).status == .forbidden)
            #expect(try await cloud.sendRaw(.get, "/image/v2/images/\(id)/file", token: admin).body == [1, 2, 3])
            #expect(try await cloud.glance(.post, "/images/\(id)/actions/reactivate", token: admin).status == .noContent)
            #expect(try await cloud.sendRaw(.get, "/image/v2/images/\(id)/file", token: kim).body == [1, 2, 3])
            let queued = try await cloud.createImage(token: admin)
            #expect(try await cloud.glance(.post, "/images/\(queued)/actions/deactivate", token: admin).glanceMessage?
                .contains("Not allowed to deactivate image in status 'queued'") == true)
        }
    }

    @Test func tagsArePutAndDeletedOneByOne() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let id = try await cloud.createImage(token: admin)
            #expect(try await cloud.glance(.put, "/images/\(id)/tags/lts", token: admin).status == .noContent)
            #expect(try await cloud.glance(.put, "/images/\(id)/tags/lts", token: admin).status == .noContent)
            #expect(try await cloud.glance(.put, "/images/\(id)/tags/base", token: admin).status == .noContent)
            #expect(try await cloud.glance(.get, "/images/\(id)", token: admin).json?["tags"] == ["base", "lts"])
            #expect(try await cloud.glance(.delete, "/images/\(id)/tags/lts", token: admin).status == .noContent)
            #expect(try await cloud.glance(.delete, "/images/\(id)/tags/lts", token: admin).status == .notFound)
            #expect(try await cloud.glance(.get, "/images/\(id)", token: admin).json?["tags"] == ["base"])
        }
    }

    @Test func theTestImageIsPublicActiveAndBootable() async throws {
        try await TestCloud.run { cloud in
            let id = try #require(cloud.cloud.testImageID)
            let admin = try await cloud.token()
            _ = try await cloud.makeUser("kim", role: "member", project: "demo", adminToken: admin)
            let kim = try await cloud.token(user: "kim", password: "pw-kim", project: "demo")
            let listed = try await cloud.glance(.get, "/images?name=\(ImageService.testImageName)", token: kim)
            let image = try #require(listed.json?["images"]?.arrayValue?.first)
            #expect(image["id"] == .string(id) && image["status"] == "active" && image["visibility"] == "public")
            let data = try await cloud.sendRaw(.get, "/image/v2/images/\(id)/file", token: kim)
            #expect(data.body.count == TestImageData.size && data.body[510] == 0x55 && data.body[511] == 0xAA)
            #expect(image["checksum"] == .string(Self.md5(data.body)))

            // Compute boots it through the image service.
            let host = SimulatedHosts.make(count: 1)[0]
            try await cloud.cloud.compute.registerHost(host)
            let server = try await cloud.send(.post, "/compute/v2.1/servers", token: kim, json: [
                "server": ["name": "vm", "imageRef": .string(id), "flavorRef": "1"],
            ])
            #expect(server.status == .accepted, "\(String(describing: server.json))")
            let privateImage = try await cloud.createImage(token: admin)
            let refused = try await cloud.send(.post, "/compute/v2.1/servers", token: kim, json: [
                "server": ["name": "vm2", "imageRef": .string(privateImage), "flavorRef": "1"],
            ])
            #expect(refused.status == .badRequest, "another project's private image is not found")
        }
    }
}
