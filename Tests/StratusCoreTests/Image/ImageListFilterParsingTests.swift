@testable import StratusCore
import Foundation
import Testing

/// Glance's list filter syntax, case by case from `glance/tests/unit/common/test_utils.py`
/// (`SplitFilterOpTestCase`, `EvaluateFilterOpTestCase`) and `functional/db/base.py`.
@Suite struct ImageListFilterParsingTests {
    static func utc(_ text: String) -> Date? { ImageFilterTimestamp.parse(text) }

    @Test(arguments: [
        ("lt:bar", "lt", "bar"), ("lte:bar", "lte", "bar"), ("gt:bar", "gt", "bar"), ("gte:bar", "gte", "bar"),
        ("neq:bar", "neq", "bar"), ("eq:bar", "eq", "bar"), ("in:bar", "in", "bar"), ("bar", "eq", "bar"),
        ("2015-08-27T09:49:58Z", "eq", "2015-08-27T09:49:58Z"), ("lt:2015-08-27T09:49:58Z", "lt", "2015-08-27T09:49:58Z"),
        ("eq:a:b", "eq", "a:b"), ("a:b", "a", "b"), (":x", "", "x"), ("", "eq", ""),
    ])
    func expressionsSplitAsGlanceSplitsThem(text: String, op: String, operand: String) {
        #expect(ImageFilterExpression(parsing: text) == ImageFilterExpression(op: op, operand: operand))
    }

    @Test(arguments: [
        (#""fake\"name",fakename,"fake,name""#, [#"fake\"name"#, "fakename", "fake,name"]),
        ("a,b", ["a", "b"]), ("a", ["a"]), ("", []), (",", [""]), ("a,,b", ["a", "", "b"]), ("a,", ["a"]),
        (",a", ["", "a"]), (#""""#, [""]), (#""glass, darkly",share me"#, ["glass, darkly", "share me"]),
        (#"\"a"#, [#"\"a"#]), ("é,ü", ["é", "ü"]),
    ])
    func inValuesSplitOnUnquotedCommas(text: String, values: [String]) throws {
        #expect(try ImageFilterValueList.split(text) == values)
    }

    @Test(arguments: [
        (#""name"#, "The quote is not closed."), (#""name"name"#, "There is no comma after closing quotation mark."),
        (#"name"dd""#, "There is no comma before opening quotation mark."),
        (#"na"me"#, "There is no comma before opening quotation mark."),
        (#""name""name""#, "There is no comma after closing quotation mark."), (#""aa\""#, "The quote is not closed."),
    ])
    func badQuotesAreRefused(text: String, reason: String) {
        #expect(throws: ImageError.badRequest("Invalid filter value \(text). \(reason)")) {
            try ImageFilterValueList.split(text)
        }
    }

    @Test func timestampsAreISO8601() throws {
        let base = try #require(Self.utc("2016-04-18T21:38:54Z"))
        #expect(base.timeIntervalSince1970 == 1_461_015_534)
        #expect(Self.utc("2016-04-18T21:38:54") == base, "no zone is UTC")
        #expect(Self.utc("2016-04-18 21:38:54Z") == base)
        #expect(Self.utc("2016-04-18T23:38:54+02:00") == base)
        #expect(Self.utc("2016-04-18T19:08:54-0230") == base)
        #expect(Self.utc("2016-04-18T22:38:54+01") == base)
        #expect(Self.utc("2016-04-18T21:38Z") == base.addingTimeInterval(-54))
        #expect(Self.utc("2016-04-18") == base.addingTimeInterval(-(21 * 3_600 + 38 * 60 + 54)))
        #expect(Self.utc("2016-04-18T21:38:54.25Z") == base.addingTimeInterval(0.25))
        #expect(Self.utc("2016-04-18T21:38:54.0000009Z") == base, "beyond microseconds is dropped")
        #expect(Self.utc("1970-01-01T00:00:00Z")?.timeIntervalSince1970 == 0)
        #expect(Self.utc("2000-02-29T00:00:00Z")?.timeIntervalSince1970 == 951_782_400)
        for bad in ["", "yesterday", "2016-13-01", "2015-02-29", "2016-04-31", "2016-04-18T24:00", "2016-04-18T21:60",
                    "2016-04-18T21:38:61", "2016-04-18T21:38:54.Z", "2016-04-18T21:38:54Zjunk", "2016-04-18T21",
                    "2016-4-18", "16-04-18", "2016-04-18T21:38:54+2", "2016-04-18T21:38:54+24:00", "gt:2016-04-18"] {
            #expect(Self.utc(bad) == nil, "\(bad)")
        }
    }

    /// `evaluate_filter_op` on the shown second, around a whole and a fractional threshold.
    @Test(arguments: ImageTimeComparison.Operator.allCases)
    func comparisonsHoldOnTheShownSecond(op: ImageTimeComparison.Operator) {
        func admits(_ seconds: Double, threshold: Double) -> Bool {
            ImageTimeComparison(.createdAt, op, Date(timeIntervalSince1970: threshold))
                .admits(Date(timeIntervalSince1970: seconds))
        }
        let expected: (Double, Double) -> Bool = switch op {
        case .gt: { $0 > $1 }
        case .gte: { $0 >= $1 }
        case .lt: { $0 < $1 }
        case .lte: { $0 <= $1 }
        case .neq: { $0 != $1 }
        case .eq: { $0 == $1 }
        }
        for threshold in [1_000.0, 1_000.5] {
            for shown in [999.0, 1_000, 1_001] {
                for fraction in [0.0, 0.4, 0.999] {
                    #expect(admits(shown + fraction, threshold: threshold) == expected(shown, threshold),
                            "\(shown + fraction) \(op) \(threshold)")
                }
            }
        }
        // Foundation shows x.9995 as the next second; the comparison follows what is shown.
        #expect(admits(999.9996, threshold: 1_000) == expected(1_000, 1_000))
    }

    @Test func columnFiltersTakeInAndEq() throws {
        var query = ImageListQuery()
        try query.filter(.id, by: "in:a,b")
        try query.filter(.name, by: #"in:"x,y",z"#)
        try query.filter(.status, by: "sleeping")
        try query.filter(.diskFormat, by: "eq:raw")
        try query.filter(.containerFormat, by: "in:")
        #expect(query.oneOf == [.id: ["a", "b"], .name: ["x,y", "z"], .status: ["sleeping"], .diskFormat: ["raw"],
                                .containerFormat: []])
        #expect(throws: ImageError.badRequest("Unable to filter by unknown operator 'gt'.")) {
            try query.filter(.name, by: "gt:a")
        }
        #expect(throws: ImageError.badRequest("Unable to filter by unknown operator 'lala'.")) {
            try query.filter(.status, by: "lala:active")
        }
        #expect(throws: ImageError.badRequest("Invalid filter value \"a. The quote is not closed.")) {
            try query.filter(.name, by: "in:\"a")
        }
    }

    @Test func inListsAreBounded() throws {
        var query = ImageListQuery()
        let most = (0..<ImageListQuery.maxInValues).map { "i\($0)" }
        try query.filter(.id, by: "in:" + most.joined(separator: ","))
        #expect(query.oneOf[.id]?.count == 1_000)
        #expect(throws: ImageError.self) { try query.filter(.id, by: "in:" + (most + ["one-more"]).joined(separator: ",")) }
    }

    @Test func timeFiltersTakeTheSixOperators() throws {
        var query = ImageListQuery()
        let time = try #require(Self.utc("2016-04-18T21:38:54Z"))
        for op in ImageTimeComparison.Operator.allCases {
            try query.filter(.updatedAt, by: "\(op.rawValue):2016-04-18T21:38:54Z")
        }
        try query.filter(.createdAt, by: "2016-04-18T21:38:54Z")
        #expect(query.timeComparisons == ImageTimeComparison.Operator.allCases.map { ImageTimeComparison(.updatedAt, $0, time) }
            + [ImageTimeComparison(.createdAt, .eq, time)])
        #expect(throws: ImageError.badRequest("Unable to filter on a unknown operator.")) {
            try query.filter(.createdAt, by: "in:2016-04-18T21:38:54Z")
        }
        #expect(throws: ImageError.badRequest("Bad \"created_at\" query filter format. Use ISO 8601 DateTime notation.")) {
            try query.filter(.createdAt, by: "gt:yesterday")
        }
        #expect(throws: ImageError.badRequest("Bad \"updated_at\" query filter format. Use ISO 8601 DateTime notation.")) {
            try query.filter(.updatedAt, by: "foo:bar")
        }
    }

    /// Seeded strings from the characters the syntax cares about: every parse ends in
    /// a value or an `ImageError`, never a trap.
    @Test func parsersTakeAnyText() {
        let alphabet = Array(#"",\:\T Z+-.0129aé\#n"#.unicodeScalars)
        var state: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<5_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<next(24) { text.append(alphabet[next(alphabet.count)]) }
            var query = ImageListQuery()
            for column in ImageListColumn.allCases {
                do { try query.filter(column, by: String(text)) } catch { #expect(error is ImageError) }
            }
            for field in ImageTimeComparison.Field.allCases {
                do { try query.filter(field, by: String(text)) } catch { #expect(error is ImageError) }
            }
            do { _ = try ImageFilterValueList.split(String(text)) } catch { #expect(error is ImageError) }
            _ = ImageFilterTimestamp.parse("2016-04-18T" + String(text))
        }
    }
}
