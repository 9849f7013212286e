import Foundation
import HTTPTypes
import StratusCore
import StratusOpenStack
import Testing

/// Block Storage v3 at `/volume` and Nova's volume routes (the attachments and
/// the deprecated `/os-volumes` proxy) through every middleware, in the fields
/// and faults tempest's schemas hold Cinder and Nova to.
@Suite("Block Storage v3 and Nova's volume routes over HTTP")
struct BlockStorageHTTPTests {
    static let showKeys: Set<String> = [
        "id", "name", "description", "status", "size", "availability_zone", "created_at", "updated_at", "attachments",
        "links", "volume_type", "snapshot_id", "source_volid", "metadata", "user_id", "bootable", "encrypted",
        "replication_status", "consistencygroup_id", "multiattach", "migration_status", "os-vol-tenant-attr:tenant_id",
    ]

    private static func version(_ text: String) -> HTTPFields {
        [HTTPField.Name("OpenStack-API-Version")!: text]
    }

    @Test func versionsAndVolumeLifecycle() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            _ = try await cloud.makeUser("demo", role: "member", project: "demo", adminToken: admin)
            let demo = try await cloud.token(user: "demo", password: "pw-demo", project: "demo")

            let root = try await cloud.send(.get, "/volume")
            #expect(root.status == .multipleChoices)
            #expect(root.json?["versions"]?.arrayValue?.first?["id"] == .string("v3.0"))

            let created = try await cloud.send(.post, "/volume/v3/volumes", token: demo, json: [
                "volume": ["size": 1, "name": "data", "description": nil, "snapshot_id": nil, "metadata": ["k": "v"]],
            ])
            #expect(created.status == .accepted)
            #expect(created.headers[HTTPField.Name("OpenStack-API-Version")!] == "volume 3.0")
            let volume = try #require(created.json?["volume"])
            let id = try #require(volume["id"]?.stringValue)
            #expect(volume["status"] == .string("available"))
            // Create answers without the extension attributes (tempest's create schema forbids them).
            #expect(volume["os-vol-tenant-attr:tenant_id"] == nil)

            // The project may be in the path too; show carries the project attribute.
            let project = try #require(try await cloud.send(.get, "/volume/v3/volumes/\(id)", token: demo)
                .json?["volume"]?["os-vol-tenant-attr:tenant_id"]?.stringValue)
            let shown = try await cloud.send(.get, "/volume/v3/\(project)/volumes/\(id)", token: demo)
            #expect(shown.status == .ok)
            guard case .object(let fields)? = shown.json?["volume"] else { Issue.record("no volume"); return }
            #expect(Set(fields.keys) == Self.showKeys)
            #expect(fields["metadata"] == ["k": "v"])

            let list = try await cloud.send(.get, "/volume/v3/volumes", token: demo)
            #expect(list.json?["volumes"]?.arrayValue?.first == ["id": .string(id), "name": "data", "links": fields["links"] ?? .null])

            let renamed = try await cloud.send(.put, "/volume/v3/volumes/\(id)", token: demo, json: ["volume": ["name": "data-2"]])
            #expect(renamed.json?["volume"]?["name"] == .string("data-2"))
            let bootable = try await cloud.send(
                .post, "/volume/v3/volumes/\(id)/action", token: demo, json: ["os-set_bootable": ["bootable": true]])
            #expect(bootable.status == .ok)
            #expect(try await cloud.send(.get, "/volume/v3/volumes/\(id)", token: demo).json?["volume"]?["bootable"] == "true")
            let unknownAction = try await cloud.send(
                .post, "/volume/v3/volumes/\(id)/action", token: demo, json: ["os-extend": ["new_size": 2]])
            #expect(unknownAction.status == .badRequest)

            // Another project's path, a size of zero, a later microversion: refused in Cinder's fault format.
            #expect(try await cloud.send(.get, "/volume/v3/not-mine/volumes", token: demo).status == .badRequest)
            let zero = try await cloud.send(.post, "/volume/v3/volumes", token: demo, json: ["volume": ["size": 0]])
            #expect(zero.status == .badRequest)
            #expect(zero.json?["badRequest"]?["code"] == 400)
            let later = try await cloud.send(.get, "/volume/v3/volumes", token: demo, headers: Self.version("volume 3.60"))
            #expect(later.status == .notAcceptable)

            #expect(try await cloud.send(.delete, "/volume/v3/volumes/\(id)", token: demo).status == .accepted)
            let gone = try await cloud.send(.get, "/volume/v3/volumes/\(id)", token: demo)
            #expect(gone.status == .notFound)
            #expect(gone.json?["itemNotFound"]?["message"] == .string("Volume \(id) could not be found."))
        }
    }

    @Test func novaProxyAndAttachmentValidation() async throws {
        try await ServersHTTPTests.run { cloud, converge, demo, _ in
            let made = try await cloud.send(.post, "/compute/v2.1/os-volumes", token: demo, json: [
                "volume": ["size": "1", "display_name": "proxied"],
            ])
            #expect(made.status == .ok)
            let id = try #require(made.json?["volume"]?["id"]?.stringValue)
            #expect(made.json?["volume"]?["attachments"] == [[:]])
            #expect(made.json?["volume"]?["displayName"] == .string("proxied"))
            // Gone from 2.36, as Nova's other proxies; a trailing slash is Nova's show of "".
            let later = try await cloud.send(.get, "/compute/v2.1/os-volumes", token: demo, headers: Self.version("compute 2.36"))
            #expect(later.status == .notFound)
            #expect(try await cloud.send(.get, "/compute/v2.1/os-volumes/", token: demo).status == .notFound)
            let strict = try await cloud.send(.post, "/compute/v2.1/os-volumes", token: demo, json: ["volume": ["size": 1, "x": 1]])
            #expect(strict.status == .badRequest)

            let server = try await ServersHTTPTests.create(cloud, demo)
            try await converge()
            let path = "/compute/v2.1/servers/\(server)/os-volume_attachments"
            let badID = try await cloud.send(.post, path, token: demo, json: ["volumeAttachment": ["volumeId": "nope"]])
            #expect(badID.status == .badRequest)
            let badDevice = try await cloud.send(.post, path, token: demo, json: [
                "volumeAttachment": ["volumeId": .string(id), "device": "sdb!"],
            ])
            #expect(badDevice.status == .badRequest)
            let attached = try await cloud.send(.post, path, token: demo, json: [
                "volumeAttachment": ["volumeId": .string(id), "tag": "data", "delete_on_termination": true],
            ], headers: Self.version("compute 2.79"))
            #expect(attached.status == .ok)
            #expect(attached.json?["volumeAttachment"] == [
                "id": .string(id), "volumeId": .string(id), "serverId": .string(server), "device": "/dev/vdb",
                "tag": "data", "delete_on_termination": true,
            ])
            try await converge()
            let detail = try await cloud.send(.get, "/compute/v2.1/servers/\(server)", token: demo, headers: Self.version("compute 2.3"))
            #expect(detail.json?["server"]?["os-extended-volumes:volumes_attached"] == [
                ["id": .string(id), "delete_on_termination": true],
            ])
            let proxied = try await cloud.send(.get, "/compute/v2.1/os-volumes/\(id)", token: demo)
            #expect(proxied.json?["volume"]?["status"] == .string("in-use"))
            #expect(proxied.json?["volume"]?["attachments"]?.arrayValue?.first?["serverId"] == .string(server))
            // A swap is Cinder's to ask for: a member may not; an unknown volume is 404 to an administrator.
            let swap = try await cloud.send(.put, "\(path)/\(id)", token: demo, json: ["volumeAttachment": ["volumeId": .string(id)]])
            #expect(swap.status == .forbidden)
        }
    }
}
