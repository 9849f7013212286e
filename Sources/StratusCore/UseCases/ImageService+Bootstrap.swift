import Foundation

extension ImageService {
    /// The test image's id: fixed, so its row (kept when deleted) tells every later
    /// start whether it was already made, and a deleted one is not made again.
    public static let testImageID = "5a7c0e1e-57a7-4000-8000-7e57000000a1"
    public static let testImageName = "stratus-test-image"

    /// Creates the public test image on the first start, owned by `ownerProjectID`,
    /// with its data written through the data store like any upload (checksum and
    /// hash are real). Returns its id, or nil when an operator deleted it.
    public func bootstrapTestImage(ownerProjectID: String) async throws -> String? {
        let actor = AuditActor(requestID: "bootstrap")
        var image: Image
        if let existing = try await store.image(id: Self.testImageID) {
            // Active: done. Queued: an earlier start stopped before its data was in.
            guard existing.status == .queued else { return existing.status.isGone ? nil : existing.id }
            image = existing
        } else {
            let now = clock.now()
            image = Image(
                id: Self.testImageID, name: Self.testImageName, visibility: .public, owner: ownerProjectID,
                containerFormat: "bare", diskFormat: "raw", minDisk: 1, createdAt: now, updatedAt: now, version: 1)
            image.extraProperties = ["description": "\(TestImageData.message) For trying servers out."]
            try await store.commit([.insertImage(image), audit(actor, "image:bootstrap", image.id)])
        }
        let saving = try await markSaving(image, audit(actor, "image:upload_image", image.id))
        // The cloud's own image: the users' upload cap does not apply to it.
        try await receive(saving, chunks: TestImageData.chunks, actor: actor, limit: Int64(TestImageData.size))
        return image.id
    }
}
