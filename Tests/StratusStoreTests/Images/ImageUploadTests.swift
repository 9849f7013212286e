import Foundation
import StratusCore
import StratusStore
import Synchronization
import Testing

/// Uploads through the use case into SQLite and real files: an image is active only
/// with complete, durable, hashed data; anything less leaves it queued and no data.
@Suite struct ImageUploadTests {
    @Test func uploadActivatesWithRealHashesAndDownloadsTheSameBytes() async throws {
        let world = try ImageWorld()
        let image = try await world.queuedImage()
        let bytes = Uploads.bytes(12_345)
        try await world.service.uploadImageData(ImageWorld.owner, id: image.id, chunks: Uploads.chunks(bytes))
        let active = try await world.image(image.id)
        #expect(active.status == .active)
        #expect(active.size == 12_345 && active.virtualSize == 12_345)
        #expect(active.checksum?.count == 32)
        #expect(active.osHashAlgo == "sha512" && active.osHashValue?.count == 128)
        let (shown, data) = try await world.service.downloadImageData(ImageWorld.owner, id: image.id)
        #expect(shown.checksum == active.checksum)
        #expect(try await Uploads.collect(try #require(data)) == bytes)
        #expect(try world.files() == [image.id])
    }

    @Test func anUploadThatBreaksOffLeavesTheImageQueuedWithoutData() async throws {
        let world = try ImageWorld()
        let image = try await world.queuedImage()
        await #expect(throws: Uploads.ConnectionLost.self) {
            try await world.service.uploadImageData(ImageWorld.owner, id: image.id, chunks: Uploads.breakingOff(after: 5))
        }
        let after = try await world.image(image.id)
        #expect(after.status == .queued)
        #expect(after.size == nil && after.checksum == nil)
        #expect(try world.files().isEmpty, "no partial file is left behind")
        let (_, data) = try await world.service.downloadImageData(ImageWorld.owner, id: image.id)
        #expect(data == nil, "a queued image has no data to download")
        // The upload can be tried again.
        try await world.service.uploadImageData(ImageWorld.owner, id: image.id, chunks: Uploads.chunks(Uploads.bytes(10)))
        #expect(try await world.image(image.id).status == .active)
    }

    @Test func tooMuchDataIsRefusedAndDiscarded() async throws {
        let world = try ImageWorld(sizeLimit: 4096)
        let image = try await world.queuedImage()
        let tooLarge = ImageError.tooLarge("Denying attempt to upload image larger than 4096 bytes.")
        #expect(await imageError {
            try await world.service.uploadImageData(ImageWorld.owner, id: image.id, chunks: Uploads.chunks(Uploads.bytes(5000)))
        } == tooLarge)
        #expect(try await world.image(image.id).status == .queued)
        #expect(try world.files().isEmpty)
        // A declared size over the limit is refused before anything is read.
        #expect(await imageError {
            try await world.service.uploadImageData(
                ImageWorld.owner, id: image.id, chunks: Uploads.breakingOff(after: 0), declaredSize: 5000)
        } == tooLarge)
    }

    @Test func onlyAQueuedImageWithFormatsTakesData() async throws {
        let world = try ImageWorld()
        let image = try await world.queuedImage()
        try await world.service.uploadImageData(ImageWorld.owner, id: image.id, chunks: Uploads.chunks([1, 2, 3]))
        #expect(await imageError {
            try await world.service.uploadImageData(ImageWorld.owner, id: image.id, chunks: Uploads.chunks([4]))
        } == .conflict("Image status transition from active to saving is not allowed"))
        let bare = try await world.service.createImage(ImageWorld.owner, ImageDraft(fields: ["name": .string("x")]))
        #expect(await imageError {
            try await world.service.uploadImageData(ImageWorld.owner, id: bare.id, chunks: Uploads.chunks([4]))
        } == .badRequest("Properties disk_format, container_format must be set prior to saving data."))
    }

    @Test func theTrustPolicyDecidesWhoUploads() async throws {
        let world = try ImageWorld(trust: .privateCloud)
        #expect(await imageError { _ = try await world.queuedImage(ImageWorld.owner) }
            == .policyDenied("add_image"))
        // An administrator may create an image for a project; the project still may not fill it.
        let image = try await world.service.createImage(ImageWorld.admin, ImageDraft(fields: [
            "owner": .string("P-owner"), "disk_format": .string("raw"), "container_format": .string("bare"),
        ]))
        #expect(await imageError {
            try await world.service.uploadImageData(ImageWorld.owner, id: image.id, chunks: Uploads.chunks([1]))
        } == .policyDenied("upload_image"))
        #expect(await imageError {
            try await world.service.uploadImageData(ImageWorld.other, id: image.id, chunks: Uploads.chunks([1]))
        } == .imageNotFound(image.id))
        try await world.service.uploadImageData(ImageWorld.admin, id: image.id, chunks: Uploads.chunks([1]))
        #expect(try await world.image(image.id).status == .active)
    }

    @Test func deletingDuringAnUploadLeavesNoData() async throws {
        let world = try ImageWorld()
        let image = try await world.queuedImage()
        let service = world.service
        // The image is deleted while its data is still arriving.
        let chunks = ImageDataChunks(next: DeletingMidway(service: service, imageID: image.id).next)
        #expect(await imageError {
            try await service.uploadImageData(ImageWorld.owner, id: image.id, chunks: chunks)
        } == .conflict("Image \(image.id) could not be found after upload. The image may have been deleted during the upload."))
        #expect(try await world.image(image.id).status == .deleted)
        #expect(try world.files().isEmpty)
    }
}

/// Sends two chunks, deleting the image between them.
private final class DeletingMidway: Sendable {
    let service: ImageService
    let imageID: String
    let sent = Mutex(0)

    init(service: ImageService, imageID: String) {
        self.service = service
        self.imageID = imageID
    }

    func next() async throws -> [UInt8]? {
        let index = sent.withLock { value in defer { value += 1 }; return value }
        if index == 1 { try await service.deleteImage(ImageWorld.owner, id: imageID) }
        return index < 2 ? [UInt8](repeating: 1, count: 100) : nil
    }
}
