import Foundation
import StratusCore
import StratusStore
import Testing

/// Every image mutation commits its audit record with it, naming the caller.
@Suite struct ImageAuditTests {
    @Test func eachMutationLeavesOneRecordNamingItsActor() async throws {
        let world = try ImageWorld(trust: ImageTrustPolicy(create: .members, publicize: .administrators, share: .members))
        let owner = ImageWorld.owner
        let image = try await world.queuedImage(owner)
        _ = try await world.service.updateImage(owner, id: image.id, operations: [
            ImagePatchOperation(.replace, path: ["visibility"], value: .string("shared")),
        ])
        _ = try await world.service.updateImage(owner, id: image.id, operations: [])
        try await world.service.uploadImageData(owner, id: image.id, chunks: Uploads.chunks([1, 2]))
        try await world.service.addImageTag(owner, id: image.id, tag: "t")
        _ = try await world.service.addImageMember(owner, imageID: image.id, memberID: "P-member")
        _ = try await world.service.updateImageMember(ImageWorld.consumer, imageID: image.id, memberID: "P-member", status: .accepted)
        try await world.service.deleteImage(owner, id: image.id)

        let records = try await world.store.auditRecords(limit: 20).reversed()
        #expect(records.map(\.action) == [
            "image:add_image", "image:modify_image", "image:upload_image", "image:activate", "image:modify_image",
            "image:add_member", "image:modify_member", "image:delete_image",
        ], "an update that changes nothing writes nothing")
        #expect(records.allSatisfy { $0.targetID == image.id })
        let actors = records.map(\.actorProjectID)
        #expect(actors == ["P-owner", "P-owner", "P-owner", "P-owner", "P-owner", "P-owner", "P-member", "P-owner"])
    }
}
