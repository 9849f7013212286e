import StratusCore
import Testing

@Suite("List filters' regular expressions are held to linear-time shapes")
struct BoundedRegexTests {
    @Test(arguments: [
        "server", "^server-\\d+$", "10\\.0\\.0\\.\\d+", "(foo|bar)", "(ab)+", "[a+]+", "a{2,5}b*", "(?:x)?y",
        "^(web|db)-[0-9]+$", "\\(a+\\)+",
    ])
    func ordinaryPatternsPass(_ pattern: String) throws {
        try BoundedRegex.check(pattern)
    }

    @Test(arguments: [
        ("(a+)+$", BoundedRegex.Refusal.nestedRepetition), ("(a|aa)*", .nestedRepetition), ("((a)*)*", .nestedRepetition),
        ("(x(a+))+", .nestedRepetition), ("(a*){2,}", .nestedRepetition), ("(a)\\1", .backReference),
        ("(?<n>a)\\k<n>", .backReference), (String(repeating: "a", count: 256), .tooLong),
    ])
    func hazardsAreRefused(_ pattern: String, _ refusal: BoundedRegex.Refusal) {
        #expect(throws: refusal) { try BoundedRegex.check(pattern) }
    }
}
