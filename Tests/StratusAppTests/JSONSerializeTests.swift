import Foundation
import StratusOpenStack
import Testing

@Suite("JSONValue.serialized writes what JSONDecoder reads back")
struct JSONSerializeTests {
    static let samples: [JSONValue] = [
        .null, true, 0, -42, .int(Int.max), .double(1.5), "", "plain", "quote \" slash / back \\ tab \t nl \n cr \r bell \u{07} nul \u{00}",
        "ünïcødé ☃ 𝄞", [], [1, "two", nil, [false]], [:], ["a": ["b": ["c": 1]], "d": [], "e": .null],
    ]

    @Test(arguments: samples)
    func roundTrips(_ value: JSONValue) throws {
        let bytes = try value.serialized()
        let decoded = try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        #expect(decoded == value)
    }

    @Test func nonFiniteNumbersThrow() {
        #expect(throws: (any Error).self) { try JSONValue.double(.nan).serialized() }
    }

    @Test func slashesAreNotEscaped() throws {
        #expect(String(decoding: try JSONValue.string("http://x/y").serialized(), as: UTF8.self) == "\"http://x/y\"")
    }
}
