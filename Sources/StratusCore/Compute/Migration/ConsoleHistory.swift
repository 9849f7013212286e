import Foundation

/// A guest's console output from before a live migration, handed from the
/// source's agent to the destination's through the control plane. Why it
/// travels at all: QEMU's migration stream carries the machine, not the file
/// its serial console writes to, and hosts share no file system, so without it
/// the destination's console would start at the migration.
///
/// Bounded by `maxBytes`, the most a console output request ever shows (Nova's
/// libvirt driver reads at most the last 100 KiB too): a longer history could
/// never be read, and it rides in the migration's record for a moment.
public struct ConsoleHistory: Sendable, Equatable {
    public static let maxBytes = 100 * 1024
    public static let empty = ConsoleHistory("")

    /// At most `maxBytes` of UTF-8, starting at a line where it was cut.
    public let text: String

    /// The end of `output`: when it is over `maxBytes`, whole lines from the last
    /// `maxBytes` (the line the limit cuts is dropped; one line longer than the
    /// limit is kept as its last bytes).
    public init(_ output: String) {
        let bytes = Array(output.utf8)
        guard bytes.count > Self.maxBytes else {
            text = output
            return
        }
        var start = bytes.count - Self.maxBytes
        if bytes[start - 1] != UInt8(ascii: "\n") {
            if let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")), newline + 1 < bytes.count {
                start = newline + 1
            } else {
                // No line starts in the window: its last bytes, from a whole character.
                while start < bytes.count, bytes[start] & 0xC0 == 0x80 { start += 1 }
            }
        }
        text = String(decoding: bytes[start...], as: UTF8.self)
    }
}
