#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// OpenStack's UTC timestamps, formatted by hand: a `DateFormatter` costs tens
/// of microseconds to build and is not Sendable, and a server list renders
/// several timestamps per server (the profile of `GET /servers/detail`).
enum UTCTimestamp {
    /// `2026-11-22T13:06:12Z`
    static func seconds(_ date: Date) -> String {
        let (parts, _) = split(date)
        return parts + "Z"
    }

    /// `2026-11-22T13:06:12.000123` (no zone designator, as Nova's usage fields).
    static func microseconds(_ date: Date) -> String {
        let (parts, micros) = split(date)
        return parts + "." + pad(micros, 6)
    }

    private static func split(_ date: Date) -> (String, Int) {
        let interval = date.timeIntervalSince1970
        var whole = time_t(interval.rounded(.down))
        let micros = min(999_999, max(0, Int(((interval - Double(whole)) * 1_000_000).rounded(.down))))
        var fields = tm()
        gmtime_r(&whole, &fields)
        let text = pad(Int(fields.tm_year) + 1900, 4) + "-" + pad(Int(fields.tm_mon) + 1, 2) + "-"
            + pad(Int(fields.tm_mday), 2) + "T" + pad(Int(fields.tm_hour), 2) + ":" + pad(Int(fields.tm_min), 2)
            + ":" + pad(Int(fields.tm_sec), 2)
        return (text, micros)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
