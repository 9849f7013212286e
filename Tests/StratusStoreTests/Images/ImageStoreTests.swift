import Foundation
import StratusCore
import StratusStore
import Testing

/// Image rows in SQLite: round trip, compare-and-set, members and their limit.
@Suite struct ImageStoreTests {
    static func image(_ id: String, owner: String? = "P-owner", name: String? = "disk") -> Image {
        Image(
            id: id, name: name, owner: owner, containerFormat: "bare", diskFormat: "qcow2", minDisk: 1, minRAM: 64,
            tags: ["base", "lts"], extraProperties: ["os_distro": "ubuntu", "hw_disk_bus": "virtio"],
            createdAt: Date(timeIntervalSince1970: 1_700_000_000), updatedAt: Date(timeIntervalSince1970: 1_700_000_000),
            version: 1)
    }

    @Test func roundTripWithTagsAndProperties() async throws {
        let temp = try TemporaryStore()
        var image = Self.image("I-1")
        image.checksum = "c"
        image.size = 42
        image.osHidden = true
        image.protected = true
        image.visibility = .community
        try await temp.store.commit([.insertImage(image)])
        #expect(try await temp.store.image(id: "I-1") == image)
        #expect(try await temp.store.image(id: "I-2") == nil)
    }

    @Test func updatesAreCompareAndSetAndReplaceDetails() async throws {
        let temp = try TemporaryStore()
        let image = Self.image("I-1")
        try await temp.store.commit([.insertImage(image)])
        var changed = image
        changed.tags = ["new"]
        changed.extraProperties = ["only": "this"]
        changed.name = nil
        try await temp.store.commit([.updateImage(changed)])
        let stored = try #require(try await temp.store.image(id: "I-1"))
        #expect(stored.tags == ["new"] && stored.extraProperties == ["only": "this"] && stored.name == nil)
        #expect(stored.version == 2)
        // A second writer that read version 1 loses, and nothing of its write lands.
        var stale = image
        stale.name = "stale"
        #expect(await temp.store.commitFailure([.updateImage(stale)]) == .versionConflict)
        #expect(try await temp.store.image(id: "I-1")?.name == nil)
        #expect(await temp.store.commitFailure([.insertImage(image)]) == .duplicate)
    }

    @Test func membersAreLimitedPerImageInsideTheTransaction() async throws {
        let temp = try TemporaryStore()
        try await temp.store.commit([.insertImage(Self.image("I-1"))])
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        for project in ["P-a", "P-b"] {
            try await temp.store.commit([.insertImageMember(ImageMember(imageID: "I-1", memberID: project, createdAt: now,
                                                                        updatedAt: now), limit: 2)])
        }
        let third = ImageMember(imageID: "I-1", memberID: "P-c", createdAt: now, updatedAt: now)
        #expect(await temp.store.commitFailure([.insertImageMember(third, limit: 2)]) == .quotaExceeded)
        var accepted = try #require(try await temp.store.imageMember(imageID: "I-1", memberID: "P-a"))
        accepted.status = .accepted
        try await temp.store.commit([.updateImageMember(accepted)])
        #expect(try await temp.store.imageMembers(imageID: "I-1").map(\.status) == [.accepted, .pending])
        try await temp.store.commit([.deleteImageMember(imageID: "I-1", memberID: "P-a")])
        #expect(try await temp.store.imageMembers(imageID: "I-1").map(\.memberID) == ["P-b"])
        #expect(await temp.store.commitFailure([.updateImageMember(accepted)]) == .versionConflict)
    }
}
