import Foundation
import StratusCore

/// What a real host offers, read off the machine rather than assumed: its CPUs and
/// memory (the capacity it registers) and whether it has a hardware entropy source
/// (the `HW_RNG` trait `trait:HW_RNG=required` flavors and the RNGFilter ask for).
public enum HostProbe {
    /// A CPU random-number instruction (`rdrand`/`rdseed` in `/proc/cpuinfo`'s flags)
    /// or a kernel hardware RNG device (`/dev/hwrng`).
    public static func hasHardwareRNG(cpuinfo: String, hwrngDevicePresent: Bool) -> Bool {
        if hwrngDevicePresent { return true }
        for line in cpuinfo.split(separator: "\n") where line.hasPrefix("flags") {
            let flags = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == ":" })
            if flags.contains("rdrand") || flags.contains("rdseed") { return true }
        }
        return false
    }

    /// This machine's answer.
    public static func localHardwareRNG() -> Bool {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        return hasHardwareRNG(cpuinfo: cpuinfo, hwrngDevicePresent: FileManager.default.fileExists(atPath: "/dev/hwrng"))
    }

    /// The machine's CPUs and memory; disk is what the data directory's file system has free.
    public static func localCapacity(dataDirectory: String) -> ResourceAmounts {
        let memoryMiB = Int(ProcessInfo.processInfo.physicalMemory / 1_048_576)
        let free = (try? FileManager.default.attributesOfFileSystem(forPath: dataDirectory))?[.systemFreeSize] as? NSNumber
        let diskGiB = Int((free?.int64Value ?? 0) / 1_073_741_824)
        return ResourceAmounts(vcpus: ProcessInfo.processInfo.activeProcessorCount, memoryMiB: memoryMiB, diskGiB: diskGiB)
    }
}
