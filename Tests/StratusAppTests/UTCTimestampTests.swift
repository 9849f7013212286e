import Foundation
@testable import StratusOpenStack
import Testing

@Suite("UTC timestamps as OpenStack writes them")
struct UTCTimestampTests {
    @Test func formatsAgainstDateFormatter() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        for seconds in [0.0, 1_795_000_000.25, 951_782_400.4, 4_102_444_799.5] {
            let date = Date(timeIntervalSince1970: seconds)
            formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'"
            #expect(UTCTimestamp.seconds(date) == formatter.string(from: date))
            formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
            #expect(UTCTimestamp.microseconds(date).hasPrefix(formatter.string(from: date) + "."))
        }
        #expect(UTCTimestamp.microseconds(Date(timeIntervalSince1970: 1.25)) == "1970-01-01T00:00:01.250000")
        // Truncated, never rounded up, as Python's strftime (Nova) does.
        #expect(UTCTimestamp.seconds(Date(timeIntervalSince1970: 951_782_400.999_999)) == "2000-02-29T00:00:00Z")
    }
}
