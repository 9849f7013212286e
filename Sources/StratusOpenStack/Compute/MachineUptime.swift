import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// This machine's `uptime` line, the format Nova's hypervisor uptime carries.
enum MachineUptime {
    static func text(now: Date) -> String {
        let seconds = Int(ProcessInfo.processInfo.systemUptime)
        let days = seconds / 86_400, hours = (seconds % 86_400) / 3_600, minutes = (seconds % 3_600) / 60
        var loads = [Double](repeating: 0, count: 3)
        #if canImport(Glibc)
        _ = getloadavg(&loads, 3)
        #endif
        let clock = DateFormatter()
        clock.locale = Locale(identifier: "en_US_POSIX")
        clock.timeZone = TimeZone(identifier: "UTC")
        clock.dateFormat = "HH:mm:ss"
        return String(
            format: " %@ up %d days, %2d:%02d,  0 users,  load average: %.2f, %.2f, %.2f",
            clock.string(from: now), days, hours, minutes, loads[0], loads[1], loads[2])
    }
}
