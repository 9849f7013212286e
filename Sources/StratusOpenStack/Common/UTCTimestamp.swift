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
        var (text, _) = split(date)
        text.append(UInt8(ascii: "Z"))
        return String(decoding: text, as: UTF8.self)
    }

    /// `2026-11-22T13:06:12.000123` (no zone designator, as Nova's usage fields).
    static func microseconds(_ date: Date) -> String {
        var (text, micros) = split(date)
        text.append(UInt8(ascii: "."))
        append(micros, width: 6, to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// Python's `datetime.isoformat()` of a naive UTC time: microseconds only when
    /// there are any (`2026-11-22T13:06:12`, `2026-11-22T13:06:12.000123`).
    static func pythonISO(_ date: Date) -> String {
        let (text, micros) = split(date)
        return micros == 0 ? String(decoding: text, as: UTF8.self) : microseconds(date)
    }

    /// Python's `str(datetime)` without microseconds: `2026-11-22 13:06:12`.
    static func pythonSpaced(_ date: Date) -> String {
        var (text, _) = split(date)
        text[10] = UInt8(ascii: " ")
        return String(decoding: text, as: UTF8.self)
    }

    /// The date's digits up to the seconds, as bytes (no intermediate strings:
    /// a server list writes several timestamps per server), and its microseconds.
    private static func split(_ date: Date) -> ([UInt8], Int) {
        let interval = date.timeIntervalSince1970
        var whole = time_t(interval.rounded(.down))
        let micros = min(999_999, max(0, Int(((interval - Double(whole)) * 1_000_000).rounded(.down))))
        var fields = tm()
        gmtime_r(&whole, &fields)
        var text: [UInt8] = []
        text.reserveCapacity(27)
        append(Int(fields.tm_year) + 1900, width: 4, to: &text)
        text.append(UInt8(ascii: "-"))
        append(Int(fields.tm_mon) + 1, width: 2, to: &text)
        text.append(UInt8(ascii: "-"))
        append(Int(fields.tm_mday), width: 2, to: &text)
        text.append(UInt8(ascii: "T"))
        append(Int(fields.tm_hour), width: 2, to: &text)
        text.append(UInt8(ascii: ":"))
        append(Int(fields.tm_min), width: 2, to: &text)
        text.append(UInt8(ascii: ":"))
        append(Int(fields.tm_sec), width: 2, to: &text)
        return (text, micros)
    }

    /// `value` in decimal, zero-padded to at least `width` digits.
    private static func append(_ value: Int, width: Int, to text: inout [UInt8]) {
        let digits = Array(String(value).utf8)
        if digits.count < width { text.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - digits.count)) }
        text.append(contentsOf: digits)
    }
}
