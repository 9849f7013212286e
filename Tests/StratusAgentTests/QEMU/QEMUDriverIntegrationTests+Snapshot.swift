import Foundation
import StratusCore
import Testing
@testable import StratusAgent

/// A snapshot is the guest's disk, flattened: not its initrd, and the guest keeps running.
extension QEMUDriverDiskIntegrationTests {
    @Test func aSnapshotIsTheGuestsFlattenedDiskAndTheGuestResumes() async throws {
        defer { sandbox.cleanUp() }
        let driver = try await driver()
        try await driver.spawn(guest("s1"))
        var bytes: [UInt8] = []
        let chunks = try await driver.snapshot(instanceID: "s1")
        for try await chunk in chunks { bytes += chunk }
        #expect(try await driver.observedGuests() == ["s1": .running])
        #expect(!FileManager.default.fileExists(atPath: sandbox.folder("s1").snapshotFile))

        let initrd = try Data(contentsOf: URL(fileURLWithPath: try #require(TestGuest.image.initrd)))
        #expect(bytes != Array(initrd))
        let uploaded = sandbox.dataDirectory + "/uploaded.qcow2"
        try Data(bytes).write(to: URL(fileURLWithPath: uploaded))
        let tool = try #require(QEMUImageTool.find(besides: TestGuest.qemu ?? ""))
        let info = try await tool.info(uploaded, format: .qcow2)
        #expect(info.backingFile == nil)  // standalone: the base is folded in
        #expect(info.virtualSize == 1 << 30)  // the flavor's root disk
        // Same guest-visible content as the overlay itself.
        try await ToolProcess.run(tool.executable, ["compare", "-U", "-f", "qcow2", "-F", "qcow2", uploaded, sandbox.folder("s1").disk])
        try await driver.destroy(instanceID: "s1")
    }
}
