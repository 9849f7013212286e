import Foundation
import HTTPTypes
import StratusAgent
import StratusApp
import StratusCore
import StratusOpenStack
import Testing

/// A cloud with one simulated host and its agent, a member of "demo" and the
/// admin, for checks that compare a microversion's shapes with Nova's.
struct MicroversionCloud {
    static let kernelID = "11111111-1111-4111-8111-111111111111"
    static let ramdiskID = "22222222-2222-4222-8222-222222222222"
    /// Boots with a kernel and a ramdisk (2.3's kernel_id / ramdisk_id).
    static let kernelImageID = "33333333-3333-4333-8333-333333333333"

    static let images = FixedImages([
        Image(id: ServerWorld.imageID, name: "test", status: .active, visibility: .public, owner: nil,
              containerFormat: "bare", diskFormat: "raw", size: 1024),
        Image(id: kernelID, name: "kernel", status: .active, visibility: .public, owner: nil,
              containerFormat: "aki", diskFormat: "aki", size: 1024),
        Image(id: ramdiskID, name: "ramdisk", status: .active, visibility: .public, owner: nil,
              containerFormat: "ari", diskFormat: "ari", size: 1024),
        Image(id: kernelImageID, name: "ami", status: .active, visibility: .public, owner: nil,
              containerFormat: "ami", diskFormat: "ami", size: 1024,
              extraProperties: ["kernel_id": kernelID, "ramdisk_id": ramdiskID]),
    ])

    let cloud: TestCloud
    let demo: String
    let admin: String
    let converge: @Sendable () async throws -> Void

    static func run(_ body: @Sendable (MicroversionCloud) async throws -> Void) async throws {
        try await TestCloud.run(bootImages: images) { cloud in
            let compute = cloud.cloud.compute
            let host = SimulatedHosts.make(count: 1)[0]
            try await compute.registerHost(host)
            let driver = SimulatedDriver()
            cloud.cloud.consoles.add(hostID: host.id, driver: driver)
            let agent = HostAgent(host: host, driver: driver, controlPlane: InProcessControlPlane(compute: compute, volumes: cloud.cloud.volumes))
            let admin = try await cloud.token()
            _ = try await cloud.makeUser("demo", role: "member", project: "demo", adminToken: admin)
            let demo = try await cloud.token(user: "demo", password: "pw-demo", project: "demo")
            try await body(MicroversionCloud(cloud: cloud, demo: demo, admin: admin) {
                try await compute.scheduleUnplaced()
                try await agent.reconcile()
            })
        }
    }

    /// The headers asking for `version`.
    static func at(_ version: String) -> HTTPFields {
        [HTTPField.Name("OpenStack-API-Version")!: "compute \(version)"]
    }

    func send(
        _ method: HTTPRequest.Method, _ path: String, token: String? = nil, at version: String = "2.1",
        json: JSONValue? = nil
    ) async throws -> Reply {
        try await cloud.send(method, "/compute/v2.1" + path, token: token ?? demo, json: json, headers: Self.at(version))
    }

    /// Creates a server as `token` at `version` (networks "none" from 2.37) and returns its id.
    func createServer(
        _ token: String? = nil, at version: String = "2.1", name: String = "sample-1",
        extra: [String: JSONValue] = [:]
    ) async throws -> String {
        var server: [String: JSONValue] = [
            "name": .string(name), "imageRef": .string(ServerWorld.imageID), "flavorRef": "1", "metadata": ["k": "v"],
        ]
        if Microversion(version)! >= Microversion(2, 37) { server["networks"] = "none" }
        server.merge(extra) { _, new in new }
        let reply = try await send(.post, "/servers", token: token, at: version, json: ["server": .object(server)])
        try #require(reply.status == .accepted, "create at \(version): \(reply.status) \(String(describing: reply.json))")
        return try #require(reply.json?["server"]?["id"]?.stringValue)
    }

    func show(_ id: String, token: String? = nil, at version: String) async throws -> [String: JSONValue] {
        let reply = try await send(.get, "/servers/\(id)", token: token, at: version)
        try #require(reply.status == .ok, "show at \(version): \(reply.status)")
        return try #require(reply.json?["server"]?.objectValue)
    }
}
