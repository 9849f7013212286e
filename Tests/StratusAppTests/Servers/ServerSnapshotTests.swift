import Foundation
import HTTPTypes
import StratusAgent
import StratusApp
import StratusCore
import StratusOpenStack
import Testing

/// `createImage`: the image is made as the caller under the image service's rules,
/// the host uploads the guest's disk, and a failure leaves no empty image behind.
@Suite("Server snapshots")
struct ServerSnapshotTests {
    static func snapshot(_ cloud: TestCloud, _ token: String, _ server: String, at version: String = "2.1") async throws -> Reply {
        try await cloud.send(.post, "/compute/v2.1/servers/\(server)/action", token: token,
                             json: ["createImage": ["name": "snap", "metadata": ["purpose": "backup"]]],
                             headers: [HTTPField.Name("OpenStack-API-Version")!: "compute \(version)"])
    }

    static func publicCloud(_ configuration: inout StratusConfiguration) { configuration.imageTrust = .publicCloud }

    /// A server of `token`'s booted from the cloud's test image, ACTIVE; and that image.
    static func runningServer(
        _ cloud: TestCloud, _ token: String, _ converge: @Sendable () async throws -> Void
    ) async throws -> (server: String, image: String) {
        let base = try #require(cloud.cloud.testImageID)
        let server = try #require(try await ImageBootPolicyHTTPTests.boot(cloud, token, image: base)
            .json?["server"]?["id"]?.stringValue)
        try await converge()
        return (server, base)
    }

    @Test func aSnapshotBecomesAnActiveImageOfTheGuestsDisk() async throws {
        try await ServersHTTPTests.run(realImages: true, configure: Self.publicCloud) { cloud, converge, demo, _ in
            let (server, base) = try await Self.runningServer(cloud, demo, converge)
            let reply = try await Self.snapshot(cloud, demo, server)
            #expect(reply.status == .accepted)
            let location = try #require(reply.headers[.location])
            #expect(location.hasPrefix(cloud.cloud.baseURL + "/image/images/"))
            let imageID = String(location.split(separator: "/").last ?? "")

            let queued = try await cloud.glance(.get, "/images/\(imageID)", token: demo)
            #expect(queued.json?["status"] == "queued" && queued.json?["visibility"] == "private")
            #expect(queued.json?["image_type"] == "snapshot" && queued.json?["instance_uuid"] == .string(server))
            #expect(queued.json?["base_image_ref"] == .string(base) && queued.json?["purpose"] == "backup")
            let during = try await cloud.send(.get, "/compute/v2.1/servers/\(server)", token: demo)
            #expect(during.json?["server"]?["OS-EXT-STS:task_state"] == "image_snapshot_pending")

            try await converge()
            let image = try await cloud.glance(.get, "/images/\(imageID)", token: demo)
            #expect(image.json?["status"] == "active")
            let data = try await cloud.sendRaw(.get, "/image/v2/images/\(imageID)/file", token: demo)
            #expect(data.text.contains("instance \(server)"))
            let after = try await cloud.send(.get, "/compute/v2.1/servers/\(server)", token: demo)
            #expect(after.json?["server"]?["status"] == "ACTIVE" && after.json?["server"]?["OS-EXT-STS:task_state"] == .null)
            let actions = try await cloud.send(.get, "/compute/v2.1/servers/\(server)/os-instance-actions", token: demo)
            #expect(actions.json?["instanceActions"]?.arrayValue?.contains { $0["action"] == "createImage" } == true)

            // 2.45: the id in the body, no Location.
            let v245 = try await Self.snapshot(cloud, demo, server, at: "2.45")
            #expect(v245.status == .accepted && v245.headers[.location] == nil)
            #expect(v245.json?["image_id"]?.stringValue?.count == 36)
        }
    }

    @Test func snapshotsFollowTheImageTrustPolicy() async throws {
        // The private-cloud profile lets only administrators bring images in.
        try await ServersHTTPTests.run(realImages: true) { cloud, converge, demo, admin in
            let (server, _) = try await Self.runningServer(cloud, demo, converge)
            let refused = try await Self.snapshot(cloud, demo, server)
            #expect(refused.status == .forbidden)
            let state = try await cloud.send(.get, "/compute/v2.1/servers/\(server)", token: demo)
            #expect(state.json?["server"]?["OS-EXT-STS:task_state"] == .null)
            #expect(try await Self.snapshot(cloud, admin, server).status == .accepted)
        }
    }

    @Test func aLockedServerIsNotSnapshottedByItsOwner() async throws {
        try await ServersHTTPTests.run(realImages: true, configure: Self.publicCloud) { cloud, converge, demo, admin in
            let (server, _) = try await Self.runningServer(cloud, demo, converge)
            let lock = try await cloud.send(.post, "/compute/v2.1/servers/\(server)/action", token: admin, json: ["lock": .null])
            #expect(lock.status == .accepted)
            let refused = try await Self.snapshot(cloud, demo, server)
            #expect(refused.status == .conflict)
            #expect(refused.json?["conflictingRequest"]?["message"] == .string("Instance \(server) is locked"))
            let images = try await cloud.glance(.get, "/images?owner=\(try await Self.project(cloud, demo))", token: demo)
            #expect(images.json?["images"]?.arrayValue?.isEmpty == true)
            #expect(try await Self.snapshot(cloud, admin, server).status == .accepted)
        }
    }

    static func project(_ cloud: TestCloud, _ token: String) async throws -> String {
        let reply = try await cloud.send(.get, "/identity/v3/auth/tokens", token: token,
                                         headers: [HTTPField.Name("X-Subject-Token")!: token])
        return try #require(reply.json?["token"]?["project"]?["id"]?.stringValue)
    }

    @Test func aFailedOrAbandonedSnapshotLeavesNoImage() async throws {
        let sink = RecordingSnapshots()
        let world = try await ServerWorld(hostList: SimulatedHosts.make(count: 1), snapshots: sink)
        let server = try await world.create(ServerWorld.demo)
        try await world.converge()

        await world.drivers[0].injectFailure(.snapshot)
        let failed = try await world.compute.createServerImage(ServerWorld.demo, id: server.id, .init(name: "s1"))
        // The agent's pass meets the injected driver failure and reports it.
        for agent in world.agents { try await agent.reconcile { _ in } }
        let afterFailure = try await world.instance(server.id)
        #expect(afterFailure.state.taskState == nil && afterFailure.state.vmState == .active)
        #expect(afterFailure.snapshotImageID == nil)
        #expect(await sink.discarded == [failed])

        // Deleted while the snapshot waits: the delete wins and the image goes.
        let abandoned = try await world.compute.createServerImage(ServerWorld.demo, id: server.id, .init(name: "s2"))
        try await world.compute.deleteServer(ServerWorld.demo, id: server.id)
        try await world.converge()
        #expect(try await world.store.instance(id: server.id)?.isDeleted == true)
        #expect(await sink.discarded == [failed, abandoned])
        #expect(await sink.received.isEmpty)
    }
}

/// A snapshot sink that records what compute asks of it.
actor RecordingSnapshots: SnapshotImageSink {
    private(set) var created: [String] = []
    private(set) var received: [String: [UInt8]] = [:]
    private(set) var discarded: [String] = []

    nonisolated func createSnapshotImage(_ caller: Caller, _ draft: ImageDraft) async throws -> Image {
        let image = Image(id: UUID().uuidString.lowercased(), owner: caller.auth.project?.id)
        await record(created: image.id)
        return image
    }

    func receiveSnapshotData(imageID: String, requestID: String, chunks: ImageDataChunks) async throws {
        var bytes: [UInt8] = []
        for try await chunk in chunks { bytes += chunk }
        received[imageID] = bytes
    }

    func discardSnapshotImage(imageID: String, requestID: String) async throws {
        discarded.append(imageID)
    }

    func rotateBackups(instanceID: String, projectID: String, backupType: String, keep: Int, requestID: String) async throws {}

    private func record(created id: String) { created.append(id) }
}

@Suite("Server snapshots through the image service")
struct ServerSnapshotImageServiceTests {
    @Test func anUploadRepeatedAfterACrashIsDoneNotFailed() async throws {
        try await ServersHTTPTests.run(realImages: true, configure: ServerSnapshotTests.publicCloud) { cloud, _, demo, _ in
            let id = try await cloud.createImage(token: demo)
            let images = cloud.cloud.images
            try await images.receiveSnapshotData(imageID: id, requestID: "req-1", chunks: ImageDataChunks([[1, 2, 3]]))
            // The agent died before reporting; its next pass uploads again.
            try await images.receiveSnapshotData(imageID: id, requestID: "req-1", chunks: ImageDataChunks([[1, 2, 3]]))
            let image = try await cloud.glance(.get, "/images/\(id)", token: demo)
            #expect(image.json?["status"] == "active" && image.json?["size"] == 3)
            try await images.discardSnapshotImage(imageID: id, requestID: "req-1")
            #expect(try await cloud.glance(.get, "/images/\(id)", token: demo).json?["status"] == "active")
        }
    }
}
