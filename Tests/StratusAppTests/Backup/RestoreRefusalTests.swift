import Foundation
import StratusApp
import StratusCore
import StratusStore
import Testing

/// What a restore refuses, and a backup's honesty about data it could not copy.
@Suite("Backup and restore: refusals and damaged backups")
struct RestoreRefusalTests {
    /// A freshly opened cloud (its public test image has data) and its backup.
    static func backedUp(_ scratch: BackupScratch) async throws -> (data: String, backup: String, manifest: BackupManifest) {
        let data = scratch.path("data")
        var configuration = StratusConfiguration()
        configuration.dataDirectory = data
        configuration.adminPassword = TestCloud.adminPassword
        configuration.passwordRounds = 1000
        _ = try await StratusCloud.open(configuration, port: 5000)
        let backup = scratch.path("backup")
        return (data, backup, try await BackupTest.backup(data, to: backup))
    }

    @Test func aNonEmptyTargetIsRefusedAndLeftAlone() async throws {
        let scratch = try BackupScratch()
        let (data, backup, _) = try await Self.backedUp(scratch)
        let target = scratch.path("busy")
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: URL(fileURLWithPath: target + "/notes.txt"))
        let error = await #expect(throws: BackupError.self) { try await BackupTest.restore(backup, into: target) }
        #expect(error?.description.contains("exists and is not empty") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: target) == ["notes.txt"])
        // The live data directory is not a restore target either.
        await #expect(throws: BackupError.self) { try await BackupTest.restore(backup, into: data) }
    }

    @Test func aDamagedFileFailsItsChecksumAndNothingIsWritten() async throws {
        let scratch = try BackupScratch()
        let (_, backup, manifest) = try await Self.backedUp(scratch)
        let image = try #require(manifest.files.first { $0.path.hasPrefix("images/") })
        let path = backup + "/" + image.path
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: path))
        let target = scratch.path("restored")
        let error = await #expect(throws: BackupError.self) { try await BackupTest.restore(backup, into: target) }
        #expect(error?.description.contains("\(image.path) does not match the manifest") == true)
        #expect(!FileManager.default.fileExists(atPath: target))

        // An empty target stays empty.
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        await #expect(throws: BackupError.self) { try await BackupTest.restore(backup, into: target) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: target).isEmpty)
    }

    @Test func aDamagedDatabaseOrForeignPathIsRefused() async throws {
        let scratch = try BackupScratch()
        let (_, backup, _) = try await Self.backedUp(scratch)
        let database = backup + "/stratus.sqlite"
        let original = try Data(contentsOf: URL(fileURLWithPath: database))
        var damaged = original
        damaged[damaged.count - 10] ^= 0xff
        try damaged.write(to: URL(fileURLWithPath: database))
        await #expect(throws: BackupError.self) { try await BackupTest.restore(backup, into: scratch.path("a")) }
        try original.write(to: URL(fileURLWithPath: database))

        let manifestURL = URL(fileURLWithPath: backup + "/manifest.json")
        var tampered = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: manifestURL)) as? [String: Any])
        let files = try #require(tampered["files"] as? [Any])
        tampered["files"] = files + [["path": "../escape", "size": 0, "sha512": ""]]
        try JSONSerialization.data(withJSONObject: tampered).write(to: manifestURL)
        let error = await #expect(throws: BackupError.self) { try await BackupTest.restore(backup, into: scratch.path("b")) }
        #expect(error?.description.contains("../escape") == true)
        #expect(!FileManager.default.fileExists(atPath: scratch.path("a")))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("b")))
    }

    @Test func aBackupNeverOverwritesAndAPartialOneIsNotABackup() async throws {
        let scratch = try BackupScratch()
        let (data, backup, _) = try await Self.backedUp(scratch)
        await #expect(throws: BackupError.self) { try await BackupTest.backup(data, to: backup) }
        try FileManager.default.createDirectory(atPath: scratch.path("next.partial"), withIntermediateDirectories: true)
        let interrupted = await #expect(throws: BackupError.self) { try await BackupTest.backup(data, to: scratch.path("next")) }
        #expect(interrupted?.description.contains("interrupted") == true)
        let partial = await #expect(throws: BackupError.self) {
            try await BackupTest.restore(scratch.path("next.partial"), into: scratch.path("r"))
        }
        #expect(partial?.description.contains("no manifest.json") == true)
    }

    /// An image whose file is gone though its row says it has data (deleted between
    /// the snapshot and the copy, or lost): after fresh snapshots still say so, the
    /// backup records it, and the restore brings it back as queued, without data.
    @Test func anImageWhoseDataIsGoneIsRecordedAndRestoredWithoutData() async throws {
        let scratch = try BackupScratch()
        let data = scratch.path("data")
        var configuration = StratusConfiguration()
        configuration.dataDirectory = data
        configuration.adminPassword = TestCloud.adminPassword
        configuration.passwordRounds = 1000
        let cloud = try await StratusCloud.open(configuration, port: 5000)
        let image = try #require(cloud.testImageID)
        try FileManager.default.removeItem(atPath: data + "/images/" + image)

        let lines = Lines()
        let manifest = try await BackupTest.backup(data, to: scratch.path("backup"), lines: lines)
        #expect(manifest.imagesWithoutData.map(\.id) == [image])
        #expect(manifest.imagesWithoutData.first?.reason.contains("gone") == true)
        #expect(lines.all.filter { $0.contains("taking a fresh snapshot") }.count == 2, "\(lines.all)")
        #expect(!manifest.files.contains { $0.path == "images/" + image })

        let restored = scratch.path("restored")
        _ = try await BackupTest.restore(scratch.path("backup"), into: restored)
        #expect(try BackupTest.unprivate(under: restored).isEmpty)
        let row = try #require(try await SQLiteStore(path: restored + "/stratus.sqlite").image(id: image))
        #expect(row.status == .queued)
        #expect(row.checksum == nil && row.size == nil)
        // This one is the cloud's own test image, which a start whose image is queued makes again.
        configuration.dataDirectory = restored
        let reopened = try await StratusCloud.open(configuration, port: 5000)
        #expect(try await reopened.store.image(id: image)?.status == .active)
    }
}
