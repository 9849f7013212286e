import Foundation

/// The bytes of the test image every cloud starts with: a 1 MiB raw disk whose
/// boot sector prints a line through the BIOS and halts. Small, real (a machine
/// can boot it), and the same everywhere, so its checksum is known.
public enum TestImageData {
    public static let size = 1 << 20
    public static let message = "Stratus test image: no operating system here."

    /// x86 real mode at 0x7c00: print `message` with int 0x10, then `cli; hlt` forever.
    static var bootSector: [UInt8] {
        let code: [UInt8] = [
            0x31, 0xC0,        // xor ax, ax
            0x8E, 0xD8,        // mov ds, ax
            0xBE, 0x17, 0x7C,  // mov si, 0x7c17 (the message, right after this code)
            0xFC,              // cld
            0xAC,              // .print: lodsb
            0x08, 0xC0,        // or al, al
            0x74, 0x06,        // jz .halt
            0xB4, 0x0E,        // mov ah, 0x0e (teletype output)
            0xCD, 0x10,        // int 0x10
            0xEB, 0xF5,        // jmp .print
            0xFA,              // .halt: cli
            0xF4,              // hlt
            0xEB, 0xFC,        // jmp .halt
        ]
        var sector = code + Array((message + "\r\n").utf8) + [0]
        sector += [UInt8](repeating: 0, count: 510 - sector.count)
        return sector + [0x55, 0xAA]
    }

    /// The whole disk in 64 KiB chunks, generated as they are read.
    public static var chunks: ImageDataChunks {
        let chunkSize = 64 << 10
        let first = bootSector + [UInt8](repeating: 0, count: chunkSize - 512)
        let zeros = [UInt8](repeating: 0, count: chunkSize)
        return ImageDataChunks([first] + Array(repeating: zeros, count: size / chunkSize - 1))
    }
}
