import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// glibc functions Swift's Glibc module does not import (they sit behind
/// _GNU_SOURCE), looked up at run time; nil where this libc lacks them.
enum LinuxCalls {
    /// fallocate(2) with FALLOC_FL_COLLAPSE_RANGE: drops `length` bytes from the front.
    static func collapseFront(_ descriptor: Int32, _ length: Int) -> Bool {
        typealias Fallocate = @convention(c) (Int32, Int32, Int64, Int64) -> Int32
        guard let function = lookup("fallocate", as: Fallocate.self) else { return false }
        let collapseRange: Int32 = 0x08  // linux/falloc.h
        return function(descriptor, collapseRange, 0, Int64(length)) == 0
    }

    /// posix_spawn_file_actions_addclosefrom_np (glibc 2.34): the child closes
    /// every descriptor from `lowest` up. False when unavailable.
    static func addCloseFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ lowest: Int32) -> Bool {
        typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        guard let function = lookup("posix_spawn_file_actions_addclosefrom_np", as: AddCloseFrom.self) else {
            return false
        }
        return function(actions, lowest) == 0
    }

    private static func lookup<Function>(_ name: String, as type: Function.Type) -> Function? {
        #if os(Linux)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(symbol, to: type)
        #else
        return nil
        #endif
    }
}
