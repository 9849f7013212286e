import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
@testable import StratusOpenStack
import Testing

/// Seeded hostile query strings, headers and body texts through the parsers that
/// read them: list queries (limit, marker, sort, dates), microversion headers and
/// the JSON body reader. As with the bodies, reaching the end without a trap and
/// refusing only with client errors are the assertions.
@Suite("Query, header and body-text parsers under fuzzed input")
struct QueryFuzzTests {
    static let names = [
        "limit", "marker", "offset", "sort", "sort_key", "sort_dir", "changes-since", "changes-before", "name", "status",
        "all_tenants", "tags", "not-tags-any", "ip", "ip6", "locked", "minRam", "minDisk", "size_min", "size_max",
        "visibility", "member_status", "os_hidden", "fields", "is_public", "start", "end", "with_servers", "deleted",
        "property-x", "server", "type", "fixed_ips", "id",
    ]

    /// `name=value&…`, percent-encoded as a client would, or left raw to test the decoder.
    static func query(_ fuzz: inout FuzzJSON) -> String {
        (0..<fuzz.below(4) + 1).map { _ in
            let name = fuzz.below(10) == 0 ? fuzz.pick(FuzzJSON.strings) : fuzz.pick(names)
            let value = fuzz.pick(Self.values)
            let encoded = value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            return (name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") + "="
                + (fuzz.below(4) == 0 ? value.filter { !" #\n\r".contains($0) } : encoded)
        }.joined(separator: "&")
    }

    /// Short ones only: every `request.query` re-reads the whole query string.
    static let values = FuzzJSON.strings.filter { $0.utf8.count < 1_000 }
        + ["-1", "0", "1000", "1001", "%25", "a%2Cb", "%3A", "name:asc,:"]

    static func request(_ query: String) -> Request {
        Request(head: HTTPRequest(method: .get, scheme: "http", authority: "fuzz", path: "/list?" + query),
                body: RequestBody(buffer: ByteBuffer()))
    }

    @Test func listQueries() {
        var fuzz = FuzzJSON(seed: 11)
        var tally = Tally()
        for _ in 0..<DecoderFuzzTests.rounds {
            let request = Self.request(Self.query(&fuzz))
            let version = fuzz.pick(DecoderFuzzTests.versions)
            tally.record { _ = try ServerListRequest.filter(request, version: version, allFilters: fuzz.below(2) == 0) }
            tally.record { _ = try ImageListRequest.query(request) }
            tally.record { _ = try ImageProxyListRequest(request) }
            tally.record { _ = try NetworkListQuery(request).apply(Self.networkItems, collection: "ports", baseURL: "u") }
            tally.record { _ = try BlockStorageFront.listQuery(request) }
            tally.record { _ = try ComputeFront.withServers(request, version) }
            tally.record { _ = try ComputeFront.usageTime(request.query("start")) }
        }
        tally.expectCovered(DecoderFuzzTests.rounds * 7)
    }

    static let networkItems: [JSONValue] = [
        ["id": "a", "name": "x", "fixed_ips": [["ip_address": "10.0.0.2"]], "admin_state_up": true],
        ["id": "b", "name": "y", "fixed_ips": [], "admin_state_up": false],
    ]

    @Test func sortAndTimestampTexts() {
        var fuzz = FuzzJSON(seed: 12)
        var tally = Tally()
        for _ in 0..<DecoderFuzzTests.rounds {
            let text = fuzz.pick(FuzzJSON.strings) + (fuzz.below(2) == 0 ? fuzz.pick([":", ",", ":asc", ",:"]) : "")
            tally.record { _ = try ImageSortParameters.parse(sort: text, keys: [], directions: []) }
            tally.record {
                _ = try ImageSortParameters.parse(sort: nil, keys: [fuzz.pick(FuzzJSON.strings)],
                                                  directions: fuzz.below(2) == 0 ? [] : [text])
            }
            tally.record { _ = ServerListRequest.parseTimestamp(text) }
            tally.record { _ = try ComputeFront.usageTime(text) }
        }
        tally.expectCovered(DecoderFuzzTests.rounds * 4)
    }

    @Test func microversionHeaders() {
        var fuzz = FuzzJSON(seed: 13)
        var tally = Tally()
        let digits = ["2", "1", "0", "80", "81", "99999999999999999999", "9223372036854775807", "9223372036854775808", ""]
        for _ in 0..<DecoderFuzzTests.rounds {
            let text = fuzz.below(3) == 0 ? fuzz.pick(FuzzJSON.strings) : fuzz.pick(digits) + "." + fuzz.pick(digits)
            var headers = HTTPFields()
            headers[ComputeVersionMiddleware.openstackHeader] = "compute " + text
            tally.record { _ = try ComputeVersionMiddleware.negotiate(ComputeVersionMiddleware.requestedVersion(headers)) }
        }
        tally.expectCovered(DecoderFuzzTests.rounds)
    }

    /// Foundation's parser traps on these (the 513th level opened by the last byte);
    /// the body parser refuses them first, and still takes the deepest it allows.
    @Test func nestingPastTheParsersLimitIsRefusedBeforeParsing() throws {
        for text in [String(repeating: "[", count: 513), String(repeating: "{\"a\":", count: 512) + "[",
                     String(repeating: " [", count: 513), String(repeating: "[", count: 100_000)] {
            #expect(throws: APIError.badRequest("The request body is not valid JSON.")) {
                try JSONBodyParser.parse(Data(text.utf8))
            }
        }
        let deepest = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(try JSONBodyParser.parse(Data(deepest.utf8)) == FuzzJSON.nested(depth: 511))
        // Brackets inside strings are text, not nesting.
        let quoted = "[\"" + String(repeating: "[", count: 600) + "\\\"\"]"
        #expect(try JSONBodyParser.parse(Data(quoted.utf8)) == [.string(String(repeating: "[", count: 600) + "\"")])
    }

    /// Body texts the JSON parser sees: numbers past every bound, deep nesting,
    /// truncation. Each either parses or is the reader's 400.
    @Test func bodyTexts() async {
        var fuzz = FuzzJSON(seed: 14)
        let numbers = ["1e19", "-1e19", "1.8e308", "-1.8e308", "1e400", "-0.0", "-0", "1e-320", "1e-400",
                       "9223372036854775807", "9223372036854775808", "-9223372036854775809", "18446744073709551616",
                       "2147483648", "0.1e1", "1E+2", "01", "1.", ".1", "-", "+1", "NaN", "Infinity", "\"\\ud800\""]
        var tally = Tally()
        for _ in 0..<DecoderFuzzTests.rounds {
            let depth = fuzz.pick([0, 1, 10, 511, 512, 513, 2_000])
            let number = fuzz.pick(numbers)
            var text = String(repeating: "[", count: depth) + "{\"flavor\":{\"id\":\(number)}}" + String(repeating: "]", count: depth)
            if fuzz.below(5) == 0 { text = String(text.prefix(fuzz.below(text.count + 1))) }
            let request = Request(
                head: HTTPRequest(method: .post, scheme: "http", authority: "fuzz", path: "/"),
                body: RequestBody(buffer: ByteBuffer(string: text)))
            do {
                let value = try await request.jsonBody(limit: 1 << 20)
                tally.record {
                    _ = try FlavorRequestDecoder.flavorID(try JSONObjectReader(value["flavor"], field: "flavor"))
                }
            } catch {
                tally.record { throw error }
            }
        }
        tally.expectCovered(DecoderFuzzTests.rounds)
    }
}
