import Foundation

/// The ISO 8601 times Glance's `created_at`/`updated_at` filters take (oslo's
/// `parse_isotime`): `YYYY-MM-DD`, optionally `T` or a space and `hh:mm[:ss[.f]]`,
/// then `Z` or `±hh[:mm]`; no zone is UTC. Fractions beyond microseconds are
/// dropped, as Python's datetime drops them. The whole text must be a time.
public enum ImageFilterTimestamp {
    public static func parse(_ text: String) -> Date? {
        var scanner = Scanner(Array(text.unicodeScalars))
        guard let year = scanner.digits(4), scanner.skip("-"), let month = scanner.digits(2), scanner.skip("-"),
              let day = scanner.digits(2), (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day)
        else { return nil }
        var seconds = Double(daysFromEpoch(year: year, month: month, day: day)) * 86_400
        guard scanner.skip("T") || scanner.skip(" ") else { return scanner.atEnd ? Date(timeIntervalSince1970: seconds) : nil }
        guard let hour = scanner.digits(2), scanner.skip(":"), let minute = scanner.digits(2), hour < 24, minute < 60 else {
            return nil
        }
        seconds += Double(hour * 3_600 + minute * 60)
        if scanner.skip(":") {
            guard let second = scanner.digits(2), second < 60 else { return nil }
            seconds += Double(second)
            if scanner.skip(".") || scanner.skip(",") {
                let fraction = scanner.run(of: "0"..."9")
                guard !fraction.isEmpty else { return nil }
                let micro = fraction.prefix(6).reduce(0) { $0 * 10 + digit($1) } * pow10(6 - min(6, fraction.count))
                seconds += Double(micro) / 1_000_000
            }
        }
        if scanner.skip("Z") {
            // UTC.
        } else if let sign = scanner.take(oneOf: ["+", "-"]) {
            guard let zoneHour = scanner.digits(2), zoneHour < 24 else { return nil }
            var zoneMinute = 0
            if scanner.skip(":") || scanner.peekDigit {
                guard let minutes = scanner.digits(2), minutes < 60 else { return nil }
                zoneMinute = minutes
            }
            let offset = Double(zoneHour * 3_600 + zoneMinute * 60)
            seconds += sign == "+" ? -offset : offset
        }
        return scanner.atEnd ? Date(timeIntervalSince1970: seconds) : nil
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    static func daysFromEpoch(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func digit(_ scalar: Unicode.Scalar) -> Int { Int(scalar.value) - 48 }
    private static func pow10(_ exponent: Int) -> Int { (0..<exponent).reduce(1) { value, _ in value * 10 } }

    /// Reads ASCII pieces off the front of the text.
    private struct Scanner {
        let scalars: [Unicode.Scalar]
        var index = 0
        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        var atEnd: Bool { index == scalars.count }
        var peekDigit: Bool { index < scalars.count && ("0"..."9").contains(scalars[index]) }

        mutating func skip(_ scalar: Unicode.Scalar) -> Bool {
            guard index < scalars.count, scalars[index] == scalar else { return false }
            index += 1
            return true
        }

        mutating func take(oneOf choices: [Unicode.Scalar]) -> Unicode.Scalar? {
            guard index < scalars.count, choices.contains(scalars[index]) else { return nil }
            index += 1
            return scalars[index - 1]
        }

        /// Exactly `count` decimal digits, as a number.
        mutating func digits(_ count: Int) -> Int? {
            guard index + count <= scalars.count else { return nil }
            let piece = scalars[index..<(index + count)]
            guard piece.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
            index += count
            return piece.reduce(0) { $0 * 10 + ImageFilterTimestamp.digit($1) }
        }

        mutating func run(of range: ClosedRange<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> {
            let start = index
            while index < scalars.count, range.contains(scalars[index]) { index += 1 }
            return scalars[start..<index]
        }
    }
}
