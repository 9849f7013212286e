import Foundation
import StratusCore
import Testing

/// Nova's extra_specs_ops.match, case by case.
@Suite struct ExtraSpecMatcherTests {
    static let cases: [(value: String, requirement: String, matches: Bool)] = [
        // No operator: the whole requirement is a literal, compared exactly.
        ("1", "1", true), ("1", "2", false), ("true", "true", true), ("True", "true", false),
        ("<foo> 1", "<foo> 1", true), ("1", "<foo> 1", false),
        // Numeric; "=" means at least.
        ("123", "= 123", true), ("124", "= 123", true), ("122", "= 123", false),
        ("123", "== 123", true), ("123.0", "== 123", true), ("124", "== 123", false),
        ("124", "!= 123", true), ("123", "!= 123", false),
        ("123", ">= 123", true), ("122", ">= 123", false),
        ("123", "<= 123", true), ("124", "<= 123", false),
        ("abc", "= 1", false),
        // Strings, by code point.
        ("abc", "s== abc", true), ("abd", "s== abc", false), ("abd", "s!= abc", true), ("abc", "s!= abc", false),
        ("abc", "s< abd", true), ("abd", "s< abc", false), ("abc", "s<= abc", true), ("abd", "s<= abc", false),
        ("abd", "s> abc", true), ("abc", "s> abc", false), ("abc", "s>= abc", true), ("abb", "s>= abc", false),
        ("12", "s< 9", true), ("12", "<= 9", false),
        ("\u{E9}", "s== e\u{301}", false),
        // Containment.
        ("12311321", "<in> 11", true), ("12311321", "<in> 99", false),
        ("avx sse2 aes", "<all-in> avx aes", true), ("avx sse2", "<all-in> avx aes", false),
        // Alternatives.
        ("12", "<or> 11 <or> 12", true), ("13", "<or> 11 <or> 12", false), ("11", "<or> 11", true),
        ("11", "<or> 11 <or>", true), ("x", "<or>", false),
        // Operands are every other word; the words between are not compared.
        ("c", "<or> a b c", true), ("b", "<or> a b c", false), ("<or>", "<or> a <or> b", false),
        // An operator with no operand matches nothing.
        ("1", "s==", false), ("", "<in>", false),
    ]

    @Test(arguments: cases)
    func matching(value: String, requirement: String, matches: Bool) {
        #expect(ExtraSpecMatcher.matches(value, requirement: requirement) == matches)
    }

    @Test(arguments: ["1", "s== 1", "<or> 1", "<in> 1", "= 1"])
    func missingValueNeverMatches(requirement: String) {
        #expect(!ExtraSpecMatcher.matches(nil, requirement: requirement))
    }
}
