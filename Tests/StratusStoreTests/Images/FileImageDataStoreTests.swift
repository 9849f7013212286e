import Foundation
import StratusCore
import StratusStore
import Testing

@Suite struct FileImageDataStoreTests {
    let temp: URL
    let store: FileImageDataStore

    init() throws {
        temp = FileManager.default.temporaryDirectory.appendingPathComponent("stratus-data-\(UUID().uuidString)")
        store = try FileImageDataStore(directory: temp.appendingPathComponent("images").path)
    }

    func files() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: temp.appendingPathComponent("images").path).sorted()
    }

    @Test func dataIsInvisibleUntilCommittedAndReplacedWhole() async throws {
        defer { try? FileManager.default.removeItem(at: temp) }
        let writer = try await store.beginWrite(imageID: "img-1")
        try await writer.append([1, 2, 3])
        await #expect(throws: (any Error).self) { _ = try await store.read(imageID: "img-1") }
        #expect(try await store.storedImageIDs().isEmpty)
        try await writer.commit()
        #expect(try await Uploads.collect(try await store.read(imageID: "img-1")) == [1, 2, 3])
        #expect(try await store.storedImageIDs() == ["img-1"])

        let attrs = try FileManager.default.attributesOfItem(atPath: temp.appendingPathComponent("images/img-1").path)
        #expect((attrs[.posixPermissions] as? NSNumber)?.intValue == 0o600)

        // A discarded rewrite leaves the committed data as it was.
        let second = try await store.beginWrite(imageID: "img-1")
        try await second.append([9])
        await second.discard()
        await second.discard()
        #expect(try await Uploads.collect(try await store.read(imageID: "img-1")) == [1, 2, 3])
        #expect(try files() == ["img-1"])
    }

    @Test func largeDataStreamsInChunks() async throws {
        defer { try? FileManager.default.removeItem(at: temp) }
        let bytes = Uploads.bytes(1_000_003)
        let receipt = try await store.write(imageID: "big", chunks: Uploads.chunks(bytes, size: 65_536), limit: 2_000_000)
        #expect(receipt.size == 1_000_003)
        var chunks = 0
        var read: [UInt8] = []
        for try await chunk in try await store.read(imageID: "big") {
            chunks += 1
            read += chunk
        }
        #expect(read == bytes)
        #expect(chunks > 1, "read back in several chunks, not whole")
    }

    @Test func deleteAndDebris() async throws {
        defer { try? FileManager.default.removeItem(at: temp) }
        _ = try await store.write(imageID: "keep", chunks: Uploads.chunks([1]), limit: 10)
        let abandoned = try await store.beginWrite(imageID: "crashed")
        try await abandoned.append([1, 2])
        #expect(try files().count == 2)
        try await store.discardPartialWrites()
        #expect(try files() == ["keep"])
        try await store.delete(imageID: "keep")
        try await store.delete(imageID: "keep")
        #expect(try files().isEmpty)
    }

    @Test(arguments: ["../escape", "", ".partial-x", "a/b", "x y"])
    func idsThatCouldEscapeAreRefused(_ id: String) async throws {
        defer { try? FileManager.default.removeItem(at: temp) }
        await #expect(throws: (any Error).self) { _ = try await store.beginWrite(imageID: id) }
        await #expect(throws: (any Error).self) { try await store.delete(imageID: id) }
    }
}
