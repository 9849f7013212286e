import Foundation
import StratusApp
import StratusCore
import StratusOpenStack
import Testing

/// Issue 16's acceptance: a backup taken while 50 servers are created and deleted
/// through the API, restored into a fresh directory, serves every project, user,
/// image (same checksums) and server its snapshot held.
@Suite("Backup and restore: a backup taken during a server churn")
struct BackupChurnTests {
    /// What the churn did, and when, beside the backup's window.
    actor Churn {
        struct Server {
            var sentAt: Date
            var acceptedAt: Date
            var deleteSentAt: Date?
        }

        private(set) var servers: [String: Server] = [:]
        private(set) var backupStart: Date?
        private(set) var backupEnd: Date?

        func created(_ id: String, sentAt: Date) { servers[id] = Server(sentAt: sentAt, acceptedAt: Date()) }
        func deleting(_ id: String) { servers[id]?.deleteSentAt = Date() }
        func backupStarted() { backupStart = Date() }
        func backupEnded() { backupEnd = Date() }
        var createdCount: Int { servers.count }
        var backupDone: Bool { backupEnd != nil }
    }

    @Test func theRestoredCloudServesEverythingTheSnapshotHeld() async throws {
        let scratch = try BackupScratch()
        let data = scratch.path("data")
        let backup = scratch.path("backup")
        let churn = Churn()
        let progress = Lines()
        let uploadedBox = Box<[String: String]>([:])  // image id → md5 of what was sent
        let manifestBox = Box<BackupManifest?>(nil)

        try await TestCloud.run(configure: {
            $0.dataDirectory = data
            $0.simulatedHosts = 2  // real agents on simulated hosts: deletes complete, as in a serving cloud
        }) { cloud in
            let admin = try await cloud.token()
            let alice = try await cloud.makeUser("alice", role: "member", project: "demo", adminToken: admin)
            let bob = try await cloud.makeUser("bob", role: "member", project: "other", adminToken: admin)
            for project in [alice.projectID, bob.projectID] {
                try await cloud.raiseQuotas(projectID: project, adminToken: admin)
            }
            var sent: [String: String] = [:]
            for index in 0..<3 {
                let bytes = (0..<(40_000 + index * 1000)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ index) }
                let id = try await cloud.createImage(token: admin, ["name": .string("image-\(index)")])
                #expect(try await cloud.upload(id, token: admin, bytes).status == .noContent)
                sent[id] = BackupTest.md5(bytes)
            }
            let tokens = [
                try await cloud.token(user: "alice", password: "pw-alice", project: "demo"),
                try await cloud.token(user: "bob", password: "pw-bob", project: "other"),
            ]

            let manifest = try await withThrowingTaskGroup(of: BackupManifest?.self) { group in
                for worker in 0..<5 {
                    group.addTask {
                        try await Self.churn(cloud, worker: worker, token: tokens[worker % 2], churn: churn)
                        return nil
                    }
                }
                group.addTask {
                    while await churn.createdCount < 10 { try await Task.sleep(for: .milliseconds(5)) }
                    await churn.backupStarted()
                    let manifest = try await BackupTest.backup(data, to: backup, lines: progress)
                    await churn.backupEnded()
                    return manifest
                }
                var taken: BackupManifest?
                for try await result in group where result != nil { taken = result }
                return taken
            }
            manifestBox.set(manifest)
            uploadedBox.set(sent)
        }

        let taken = try #require(manifestBox.value)
        let uploaded = uploadedBox.value
        let start = try #require(await churn.backupStart)
        let end = try #require(await churn.backupEnd)
        let servers = await churn.servers
        #expect(servers.count == 50)
        // The backup ran inside the churn: servers before it, and after it.
        #expect(servers.values.filter { $0.acceptedAt < start }.count >= 10)
        #expect(servers.values.filter { $0.sentAt > end }.count >= 5)

        let inSnapshot = Set(taken.contents.servers.map(\.id))
        for (id, server) in servers {
            if server.acceptedAt < start, server.deleteSentAt.map({ $0 > end }) ?? true {
                #expect(inSnapshot.contains(id), "server \(id) existed through the backup")
            }
            if server.sentAt > end { #expect(!inSnapshot.contains(id), "server \(id) was asked for after the backup") }
        }
        #expect(taken.counts.servers == inSnapshot.count)
        for (id, md5) in uploaded {
            let image = try #require(taken.contents.images.first { $0.id == id })
            #expect(image.checksum == md5 && image.hasData)
        }
        #expect(taken.imagesWithoutData.isEmpty)
        #expect(progress.all.contains { $0.hasPrefix("database: ") && $0.hasSuffix(" copied") })
        #expect(progress.all.contains { $0.hasPrefix("images: ") })
        #expect(!FileManager.default.fileExists(atPath: backup + ".partial"))
        #expect(try BackupTest.unprivate(under: backup).isEmpty)

        let restored = scratch.path("restored")
        _ = try await BackupTest.restore(backup, into: restored)
        try await TestCloud.run(configure: {
            $0.dataDirectory = restored
            $0.simulatedHosts = 0  // no agent: the listing is the restored state itself
        }) { cloud in
            // The admin password is the backed-up one (the same as the original's).
            let admin = try await cloud.token()
            #expect(try await cloud.ids("/identity/v3/projects", key: "projects", token: admin)
                == Set(taken.contents.projects.map(\.id)))
            #expect(try await cloud.ids("/identity/v3/users", key: "users", token: admin)
                == Set(taken.contents.users.map(\.id)))
            #expect(try await cloud.ids("/compute/v2.1/servers?all_tenants=1", key: "servers", token: admin) == inSnapshot)
            for image in taken.contents.images where image.hasData {
                let shown = try await cloud.glance(.get, "/images/\(image.id)", token: admin)
                #expect(shown.json?["status"] == "active")
                #expect(shown.json?["checksum"]?.stringValue == image.checksum)
                #expect(shown.json?["os_hash_value"]?.stringValue == image.hashValue)
                let file = try await cloud.sendRaw(.get, "/image/v2/images/\(image.id)/file", token: admin)
                #expect(BackupTest.md5(file.body) == image.checksum, "image \(image.id)'s restored data")
            }
            for (id, md5) in uploaded {
                let file = try await cloud.sendRaw(.get, "/image/v2/images/\(id)/file", token: admin)
                #expect(BackupTest.md5(file.body) == md5)
            }
        }
    }

    /// Ten servers, each odd one deleting the one before it: 25 stay, 25 go. The
    /// last create waits for the backup to end, so the churn outlasts it.
    static func churn(_ cloud: TestCloud, worker: Int, token: String, churn: Churn) async throws {
        var previous: String?
        for index in 0..<10 {
            if index == 9 {
                while !(await churn.backupDone) { try await Task.sleep(for: .milliseconds(5)) }
            }
            let sent = Date()
            let id = try await cloud.createServer("churn-\(worker)-\(index)", token: token)
            await churn.created(id, sentAt: sent)
            if index % 2 == 1, let previous {
                await churn.deleting(previous)
                let reply = try await cloud.send(.delete, "/compute/v2.1/servers/\(previous)", token: token)
                #expect(reply.status == .noContent, "delete \(previous): \(reply.status)")
            }
            previous = id
        }
    }
}
