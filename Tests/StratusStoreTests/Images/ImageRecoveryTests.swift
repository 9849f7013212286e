import Foundation
import StratusCore
import StratusStore
import Testing

/// Crashes simulated by leaving exactly what a crash would: a `saving` image with
/// its partial file, or with its file renamed into place before the image was
/// activated, or data of an image deleted since. Recovery at the next start leaves
/// no active image without verified data and no stray bytes.
@Suite struct ImageRecoveryTests {
    /// The image as the upload left it before the crash: `saving`.
    func savingImage(_ world: ImageWorld) async throws -> Image {
        var image = try await world.queuedImage()
        try image.moveStatus(to: .saving)
        try await world.store.commit([.updateImage(image)])
        return image
    }

    @Test func aCrashBeforeTheRenameLeavesNoActiveImage() async throws {
        let world = try ImageWorld()
        let image = try await savingImage(world)
        let writer = try await world.data.beginWrite(imageID: image.id)
        try await writer.append(Uploads.bytes(500))
        // Crash: no commit, no discard. The partial file is on disk, not readable.
        #expect(try world.files().count == 1 && world.files()[0].hasPrefix(".partial-"))
        await #expect(throws: (any Error).self) { _ = try await world.data.read(imageID: image.id) }

        let recovery = try await world.restarted().recoverInterruptedUploads()
        #expect(recovery.requeued == [image.id])
        #expect(try world.files().isEmpty)
        let after = try await world.image(image.id)
        #expect(after.status == .queued && after.checksum == nil)
    }

    @Test func dataRenamedBeforeTheActivationIsDiscarded() async throws {
        let world = try ImageWorld()
        let image = try await savingImage(world)
        _ = try await world.data.write(imageID: image.id, chunks: Uploads.chunks(Uploads.bytes(300)), limit: 1 << 20)
        #expect(try world.files() == [image.id])

        let recovery = try await world.restarted().recoverInterruptedUploads()
        #expect(recovery.requeued == [image.id])
        #expect(try world.files().isEmpty)
        #expect(try await world.image(image.id).status == .queued)
    }

    @Test func dataOfDeletedOrUnknownImagesIsRemovedAndActiveDataKept() async throws {
        let world = try ImageWorld()
        let kept = try await world.queuedImage(name: "kept")
        try await world.service.uploadImageData(ImageWorld.owner, id: kept.id, chunks: Uploads.chunks([1, 2, 3]))
        let deleted = try await world.queuedImage(name: "deleted")
        try await world.service.uploadImageData(ImageWorld.owner, id: deleted.id, chunks: Uploads.chunks([4, 5]))
        // A crash between the delete's commit and the data's removal.
        var gone = try await world.image(deleted.id)
        try gone.moveStatus(to: .deleted)
        try await world.store.commit([.updateImage(gone)])
        _ = try await world.data.write(imageID: "0000dead-0000-4000-8000-000000000000", chunks: Uploads.chunks([9]), limit: 10)

        let recovery = try await world.restarted().recoverInterruptedUploads()
        #expect(recovery.requeued.isEmpty)
        #expect(recovery.discardedData == ["0000dead-0000-4000-8000-000000000000", deleted.id].sorted())
        #expect(try world.files() == [kept.id])
        #expect(try await world.image(kept.id).status == .active)
    }

    @Test func theTestImageIsMadeOnceAndNotRemadeOnceDeleted() async throws {
        let world = try ImageWorld()
        let id = try #require(try await world.service.bootstrapTestImage(ownerProjectID: "P-admin"))
        let image = try await world.image(id)
        #expect(image.status == .active && image.visibility == .public && image.size == Int64(TestImageData.size))
        #expect(image.name == ImageService.testImageName && image.diskFormat == "raw")
        let (_, data) = try await world.service.downloadImageData(ImageWorld.other, id: id)
        #expect(try await Uploads.collect(try #require(data)).count == TestImageData.size)

        #expect(try await world.service.bootstrapTestImage(ownerProjectID: "P-admin") == id)
        #expect(try await world.image(id).version == image.version, "a second start changes nothing")
        try await world.service.deleteImage(ImageWorld.admin, id: id)
        #expect(try await world.service.bootstrapTestImage(ownerProjectID: "P-admin") == nil)
        #expect(try world.files().isEmpty)
    }
}
