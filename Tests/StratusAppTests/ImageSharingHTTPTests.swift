import Foundation
import HTTPTypes
import StratusCore
import StratusOpenStack
import Testing

@Suite("Image v2 over HTTP: trust policy and members")
struct ImageSharingHTTPTests {
    @Test func privateCloudMembersNeitherUploadNorPublish() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let (_, demo) = try await cloud.makeUser("kim", role: "member", project: "demo", adminToken: admin)
            let kim = try await cloud.token(user: "kim", password: "pw-kim", project: "demo")
            let refused = try await cloud.glance(.post, "/images", token: kim, json: ["name": "mine"])
            #expect(refused.status == .forbidden)
            #expect(refused.glanceMessage?.contains("You are not authorized to complete add_image action.") == true)
            // An image the administrator made for the project: the project edits it, never publishes it.
            let id = try await cloud.createImage(token: admin, ["owner": .string(demo)])
            let path = "/image/v2/images/\(id)"
            #expect(try await cloud.patch(path, token: kim, [["op": "add", "path": "/os_distro", "value": "x"]]).status == .ok)
            let publish = try await cloud.patch(path, token: kim, [["op": "replace", "path": "/visibility", "value": "public"]])
            #expect(publish.status == .forbidden)
            #expect(publish.glanceMessage?.contains("publicize_image") == true)
            #expect(try await cloud.patch(path, token: kim, [["op": "replace", "path": "/visibility", "value": "shared"]])
                .status == .forbidden)
            #expect(try await cloud.patch(path, token: kim, [["op": "replace", "path": "/owner", "value": "other"]])
                .status == .forbidden)
            #expect(try await cloud.patch(path, token: admin, [["op": "replace", "path": "/visibility", "value": "public"]])
                .json?["visibility"] == "public")
        }
    }

    @Test func publicCloudMembersUploadPrivatelyButDoNotShare() async throws {
        try await TestCloud.run(configure: { $0.imageTrust = .publicCloud }) { cloud in
            let admin = try await cloud.token()
            _ = try await cloud.makeUser("kim", role: "member", project: "demo", adminToken: admin)
            _ = try await cloud.makeUser("lee", role: "member", project: "other", adminToken: admin)
            let kim = try await cloud.token(user: "kim", password: "pw-kim", project: "demo")
            let lee = try await cloud.token(user: "lee", password: "pw-lee", project: "other")
            let id = try await cloud.createImage(token: kim)
            #expect(try await cloud.upload(id, token: kim, [1, 2]).status == .noContent)
            #expect(try await cloud.glance(.get, "/images/\(id)", token: kim).json?["visibility"] == "private")
            #expect(try await cloud.glance(.get, "/images/\(id)", token: lee).status == .notFound)
            #expect(try await cloud.glance(.post, "/images", token: kim, json: ["visibility": "public"]).status == .forbidden)
            #expect(try await cloud.glance(.post, "/images", token: kim, json: ["visibility": "community"]).status == .forbidden)
            #expect(try await cloud.patch("/image/v2/images/\(id)", token: kim,
                                          [["op": "replace", "path": "/visibility", "value": "shared"]]).status == .forbidden)
        }
    }

    /// Sharing opened to members (`--image-share members`), so the owner is not
    /// an administrator: only the consumer answers a share.
    @Test func membersArePendingUntilTheConsumerAccepts() async throws {
        let trust = ImageTrustPolicy(create: .members, publicize: .administrators, share: .members)
        try await TestCloud.run(configure: { $0.imageTrust = trust }) { cloud in
            let admin = try await cloud.token()
            _ = try await cloud.makeUser("kim", role: "member", project: "demo", adminToken: admin)
            let (_, other) = try await cloud.makeUser("lee", role: "member", project: "other", adminToken: admin)
            let (_, third) = try await cloud.makeUser("max", role: "member", project: "third", adminToken: admin)
            let kim = try await cloud.token(user: "kim", password: "pw-kim", project: "demo")
            let lee = try await cloud.token(user: "lee", password: "pw-lee", project: "other")
            let max = try await cloud.token(user: "max", password: "pw-max", project: "third")
            let id = try await cloud.createImage(token: kim, ["visibility": "shared"])
            _ = try await cloud.upload(id, token: kim, [7])
            let private_ = try await cloud.createImage(token: kim)
            #expect(try await cloud.glance(.post, "/images/\(private_)/members", token: kim, json: ["member": .string(other)])
                .glanceMessage?.contains("Only shared images have members.") == true)

            let added = try await cloud.glance(.post, "/images/\(id)/members", token: kim, json: ["member": .string(other)])
            #expect(added.status == .ok && added.json?["status"] == "pending" && added.json?["schema"] == "/v2/schemas/member")
            #expect(try await cloud.glance(.post, "/images/\(id)/members", token: kim, json: ["member": .string(other)])
                .status == .conflict)
            #expect(try await cloud.glance(.post, "/images/\(id)/members", token: lee, json: ["member": "x"]).status == .forbidden,
                    "a member does not share further")
            func listed(_ token: String, _ query: String = "") async throws -> Bool {
                let images = try await cloud.glance(.get, "/images\(query)", token: token).json?["images"]?.arrayValue ?? []
                return images.contains { $0["id"] == .string(id) }
            }
            #expect(try await !listed(lee), "pending: reachable by id, not listed")
            #expect(try await listed(lee, "?member_status=pending"))
            #expect(try await cloud.glance(.get, "/images/\(id)", token: lee).status == .ok)
            #expect(try await cloud.glance(.get, "/images/\(id)", token: max).status == .notFound)

            let member = "/images/\(id)/members/\(other)"
            #expect(try await cloud.glance(.put, member, token: kim, json: ["status": "accepted"]).status == .forbidden,
                    "the owner does not accept for the consumer")
            #expect(try await cloud.glance(.put, member, token: lee, json: ["status": "maybe"]).status == .badRequest)
            #expect(try await cloud.glance(.put, member, token: lee, json: ["status": "accepted"]).json?["status"] == "accepted")
            #expect(try await listed(lee))
            #expect(try await cloud.glance(.get, "/images/\(id)/members", token: lee).json?["members"]?.arrayValue?.count == 1)
            #expect(try await cloud.glance(.get, member, token: lee).json?["member_id"] == .string(other))
            #expect(try await cloud.sendRaw(.get, "/image/v2/images/\(id)/file", token: lee).body == [7])

            _ = try await cloud.glance(.post, "/images/\(id)/members", token: kim, json: ["member": .string(third)])
            #expect(try await cloud.glance(.get, "/images/\(id)/members", token: kim).json?["members"]?.arrayValue?.count == 2)
            #expect(try await cloud.glance(.get, "/images/\(id)/members", token: lee).json?["members"]?.arrayValue?.count == 1,
                    "a member sees only itself")
            #expect(try await cloud.glance(.get, "/images/\(id)/members/\(third)", token: lee).status == .notFound)

            #expect(try await cloud.glance(.put, member, token: lee, json: ["status": "rejected"]).status == .ok)
            #expect(try await cloud.glance(.get, "/images/\(id)", token: lee).status == .notFound, "rejected: out of reach")
            #expect(try await cloud.glance(.put, member, token: lee, json: ["status": "accepted"]).status == .ok,
                    "a rejecting project may change its mind")
            #expect(try await cloud.glance(.delete, member, token: lee).status == .forbidden)
            #expect(try await cloud.glance(.delete, member, token: kim).status == .noContent)
            #expect(try await cloud.glance(.get, "/images/\(id)", token: lee).status == .notFound)
            #expect(try await cloud.glance(.delete, member, token: kim).status == .notFound)
        }
    }
}
