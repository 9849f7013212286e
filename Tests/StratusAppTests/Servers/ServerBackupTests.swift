import Foundation
import HTTPTypes
import StratusCore
import StratusOpenStack
import Testing

/// `createBackup`: a snapshot marked as a backup of its type, after which only the
/// newest `rotation` backups of that type remain.
@Suite("Server backups")
struct ServerBackupTests {
    static func backup(
        _ cloud: TestCloud, _ token: String, _ server: String, name: String, type: String = "daily", rotation: JSONValue = 2
    ) async throws -> Reply {
        try await cloud.send(.post, "/compute/v2.1/servers/\(server)/action", token: token,
                             json: ["createBackup": ["name": .string(name), "backup_type": .string(type), "rotation": rotation]],
                             headers: [HTTPField.Name("OpenStack-API-Version")!: "compute 2.45"])
    }

    @Test func backupsRotateKeepingTheNewestOfTheirType() async throws {
        try await ServersHTTPTests.run(realImages: true, configure: ServerSnapshotTests.publicCloud) { cloud, converge, demo, _ in
            let (server, _) = try await ServerSnapshotTests.runningServer(cloud, demo, converge)
            var ids: [String] = []
            for index in 1...3 {
                let reply = try await Self.backup(cloud, demo, server, name: "b\(index)")
                #expect(reply.status == .accepted)
                ids.append(try #require(reply.json?["image_id"]?.stringValue))
                try await converge()
            }
            let weekly = try #require(try await Self.backup(cloud, demo, server, name: "w", type: "weekly", rotation: "1")
                .json?["image_id"]?.stringValue)
            try await converge()
            let first = try await cloud.glance(.get, "/images/\(ids[0])", token: demo)
            #expect(first.status == .notFound, "the oldest daily backup is rotated out")
            for id in ids.dropFirst() + [weekly] {
                let image = try await cloud.glance(.get, "/images/\(id)", token: demo)
                #expect(image.json?["status"] == "active")
                #expect(image.json?["image_type"] == "backup")
            }
            #expect(try await cloud.glance(.get, "/images/\(weekly)", token: demo).json?["backup_type"] == "weekly")
            let server2 = try await cloud.send(.get, "/compute/v2.1/servers/\(server)", token: demo)
            #expect(server2.json?["server"]?["OS-EXT-STS:task_state"] == .null)
        }
    }

    @Test func badBackupRequestsChangeNothing() async throws {
        try await ServersHTTPTests.run(realImages: true, configure: ServerSnapshotTests.publicCloud) { cloud, converge, demo, _ in
            let (server, _) = try await ServerSnapshotTests.runningServer(cloud, demo, converge)
            #expect(try await Self.backup(cloud, demo, server, name: "x", rotation: -1).status == .badRequest)
            #expect(try await Self.backup(cloud, demo, server, name: "x", rotation: "two").status == .badRequest)
            let missing = try await cloud.send(.post, "/compute/v2.1/servers/\(server)/action", token: demo,
                                               json: ["createBackup": ["name": "x", "rotation": 1]])
            #expect(missing.status == .badRequest)
            let shown = try await cloud.send(.get, "/compute/v2.1/servers/\(server)", token: demo)
            #expect(shown.json?["server"]?["OS-EXT-STS:task_state"] == .null)
        }
    }
}
