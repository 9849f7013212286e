import Foundation
import StratusAgent

/// The guest scripts/build-test-guest.sh builds, and whether the QEMU
/// integration suite can run here.
enum TestGuest {
    /// `STRATUS_TEST_GUEST`, else the package's `.build/test-guest`.
    static let directory: String = ProcessInfo.processInfo.environment["STRATUS_TEST_GUEST"]
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(".build/test-guest").path

    static var kernel: String { directory + "/vmlinuz" }
    static var image: GuestImage { GuestImage(kernel: kernel, initrd: directory + "/initrd.gz") }

    static let qemu = QEMUDriver.findExecutable()

    /// Why the suite cannot run, nil when it can.
    static let missing: String? = {
        if qemu == nil { return "qemu-system-x86_64 is not installed" }
        if ConfigDriveImage.find() == nil { return "no ISO tool for config drives (apt-get install genisoimage)" }
        let files = FileManager.default
        guard files.fileExists(atPath: kernel), files.fileExists(atPath: image.initrd ?? "") else {
            return "the test guest is not built in \(directory) (scripts/build-test-guest.sh)"
        }
        return nil
    }()

    static var available: Bool { missing == nil }
}
