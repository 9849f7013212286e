import Foundation
import StratusAgent
import StratusCore
import Testing

@Suite("A server keeps its image's hardware properties")
struct ServerImageHardwareTests {
    static let plainImageID = "0b1c3a52-6a0e-4a3f-9d3b-0b5a7d7f0c11"

    @Test func hwRNGModelReachesTheGuestThroughTheStore() async throws {
        let images = [
            Image(id: ServerWorld.imageID, name: "asks-rng", status: .active, visibility: .public, owner: "P-admin",
                  containerFormat: "bare", diskFormat: "raw", size: 1024,
                  extraProperties: ["hw_rng_model": "virtio", "os_distro": "debian"]),
            Image(id: Self.plainImageID, name: "plain", status: .active, visibility: .public, owner: "P-admin",
                  containerFormat: "bare", diskFormat: "raw", size: 1024),
        ]
        let world = try await ServerWorld(hosts: 1, images: images)
        let server = try await world.create(ServerWorld.demo)
        let stored = try await world.instance(server.id)
        #expect(stored.imageHardware == ["hw_rng_model": "virtio"], "only hw_* properties are kept")
        // Flavor 1 says nothing about hw_rng: the image's ask is enough (Nova's rule).
        #expect(GuestSpec(stored).rng == GuestRNG())

        // A rebuild onto an image that asks for nothing takes the device away.
        try await world.converge()
        _ = try await world.compute.rebuildServer(ServerWorld.demo, id: server.id, RebuildRequest(imageRef: Self.plainImageID))
        let rebuilt = try await world.instance(server.id)
        #expect(rebuilt.imageHardware.isEmpty)
        #expect(GuestSpec(rebuilt).rng == nil)
    }
}
