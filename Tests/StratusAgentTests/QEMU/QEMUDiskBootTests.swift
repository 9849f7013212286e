import Foundation
import StratusCore
import Testing
@testable import StratusAgent

/// A machine image without `kernel_id`: the BIOS boots the guest from its disk.
@Suite(
    "QEMUDriver boots guests from their disk alone", .serialized,
    .enabled(if: TestGuest.available, "needs qemu-system-x86_64, qemu-img and genisoimage"))
struct QEMUDiskBootTests {
    let sandbox = QEMUSandbox()

    /// A 512-byte MBR boot sector that writes two lines to COM1 and halts, assembled
    /// with GNU as from:
    ///
    ///     .code16
    ///         cli; xor %ax,%ax; mov %ax,%ds; mov $msg,%si
    ///     next: lodsb; test %al,%al; jz done; mov %al,%bl; mov $0x3fd,%dx
    ///     wait: in %dx,%al; test $0x20,%al; jz wait      # transmitter empty
    ///         mov $0x3f8,%dx; mov %bl,%al; out %al,%dx; jmp next
    ///     done: hlt; jmp done
    ///     msg: .asciz "STRATUS-GUEST-READY\r\nbooted from disk\r\n"
    ///     .org 510; .word 0xaa55                          # ld -Ttext 0x7c00 --oformat binary
    static let bootSector: [UInt8] = {
        let code = "fa31c08ed8be227cac84c0741288c3bafd03eca82074fbbaf80388d8eeebe9f4ebfd"
            + "535452415455532d47554553542d52454144590d0a626f6f7465642066726f6d206469736b0d0a00"
        var bytes = stride(from: 0, to: code.count, by: 2).map { offset -> UInt8 in
            let start = code.index(code.startIndex, offsetBy: offset)
            return UInt8(code[start..<code.index(start, offsetBy: 2)], radix: 16)!
        }
        bytes += [UInt8](repeating: 0, count: 510 - bytes.count) + [0x55, 0xaa]
        return bytes
    }()

    @Test func aMachineImageWithoutKernelBootsFromItsDisk() async throws {
        defer { sandbox.cleanUp() }
        try FileManager.default.createDirectory(atPath: sandbox.dataDirectory, withIntermediateDirectories: true)
        let fetcher = FakeImageFetcher()
        fetcher.add("bootable", data: Data(Self.bootSector + [UInt8](repeating: 0, count: 1 << 20)), diskFormat: "raw")
        let cache = ImageCache(directory: sandbox.dataDirectory + "/image-cache", fetcher: fetcher)
        let driver = try await sandbox.driver(images: CachedGuestImages(cache: cache))
        let guest = GuestSpec(instanceID: "b1", name: "bootable", vcpus: 1, memoryMiB: 64, imageID: "bootable",
                              rootDiskGiB: 1)
        try await driver.spawn(guest)
        #expect(try await driver.observedGuests() == ["b1": .running])
        #expect(try await eventually(within: .seconds(20)) {
            try await driver.consoleOutput(instanceID: "b1", lines: nil).contains("booted from disk")
        }, "the BIOS ran the disk's boot sector: no -kernel")
        let launch = try #require(try sandbox.folder("b1").readLaunch())
        #expect(!launch.arguments.contains("-kernel") && launch.waitsForReadyMarker == false)
        #expect(launch.arguments.contains("virtio-blk-pci,drive=root-disk,id=root,bootindex=1"))
        try await driver.destroy(instanceID: "b1")
        #expect(sandbox.processes("b1").isEmpty)
    }
}
