@testable import StratusCore
import Foundation
import Testing

@Suite struct ImageDraftTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func defaultsArePrivateQueuedAndOwnedByTheCaller() throws {
        let draft = ImageDraft(fields: ["name": .string("cirros"), "disk_format": .string("qcow2"),
                                        "hw_disk_bus": .string("virtio"), "tags": .array([.string("base")])])
        let image = try draft.image(id: "I-1", defaultOwner: "P-1", at: Self.now)
        #expect(image.visibility == .private)
        #expect(image.status == .queued)
        #expect(image.owner == "P-1")
        #expect(image.diskFormat == "qcow2" && image.containerFormat == nil)
        #expect(image.extraProperties == ["hw_disk_bus": "virtio"])
        #expect(image.tags == ["base"])
        #expect(image.createdAt == Self.now && image.version == 1)
    }

    @Test(arguments: ["status", "size", "checksum", "self", "schema", "os_hash_algo"])
    func readOnlyFieldsAreRefused(_ name: String) {
        let draft = ImageDraft(fields: [name: .string("x")])
        #expect(throws: ImageError.forbidden("Attribute '\(name)' is read-only.")) {
            try draft.image(id: "I-1", defaultOwner: "P-1", at: Self.now)
        }
    }

    @Test func idsAreUUIDs() throws {
        #expect(try ImageDraft(fields: ["id": .string("0B8E5A2C-0000-4000-8000-000000000001")]).requestedID()
            == "0b8e5a2c-0000-4000-8000-000000000001")
        #expect(try ImageDraft().requestedID() == nil)
        #expect(throws: ImageError.self) { try ImageDraft(fields: ["id": .string("not-a-uuid")]).requestedID() }
        #expect(throws: ImageError.self) { try ImageDraft(fields: ["id": .int(1)]).requestedID() }
    }

    @Test func requestedOwnerAndVisibility() {
        let draft = ImageDraft(fields: ["owner": .null, "visibility": .string("public")])
        #expect(draft.requestedOwner == .some(nil))
        #expect(draft.requestedVisibility == .public)
        #expect(ImageDraft().requestedOwner == nil)
    }
}
