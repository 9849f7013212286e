import Foundation

/// The values of Glance's `in:` operator (`utils.split_filter_value_for_quotes`):
/// comma-separated, a value holding commas enclosed in double quotes. Backslashes
/// are kept as written, as Glance keeps them; a `\"` does not open or close a quote.
/// Works on Unicode scalars, as Python indexes a string.
public enum ImageFilterValueList {
    public static func split(_ text: String) throws -> [String] {
        let scalars = Array(text.unicodeScalars)
        try validateQuotes(scalars, text)
        var values: [String] = []
        var index = 0
        while index < scalars.count {
            if scalars[index] == "\"", let end = closingQuote(scalars, openedAt: index) {
                values.append(string(scalars[(index + 1)..<end]))
                index = end + 1
            } else if scalars[index] == "," {
                values.append("")
            } else {
                // Not a complete quoted value: the run up to the next comma, quotes and all.
                let end = scalars[index...].firstIndex(of: ",") ?? scalars.count
                values.append(string(scalars[index..<end]))
                index = end
            }
            // The comma that ends a value belongs to it (the regex's `,?`).
            if index < scalars.count, scalars[index] == "," { index += 1 }
        }
        return values
    }

    /// Glance's `validate_quotes`: an unescaped quote opens only at the start or
    /// after a comma, closes only before a comma or the end, and every one closes.
    static func validateQuotes(_ scalars: [Unicode.Scalar], _ text: String) throws {
        var opening = true
        for index in scalars.indices where scalars[index] == "\"" {
            if index > 0, scalars[index - 1] == "\\" { continue }
            if opening, index > 0, scalars[index - 1] != "," {
                throw ImageError.badRequest("Invalid filter value \(text). There is no comma before opening quotation mark.")
            }
            if !opening, index + 1 < scalars.count, scalars[index + 1] != "," {
                throw ImageError.badRequest("Invalid filter value \(text). There is no comma after closing quotation mark.")
            }
            opening.toggle()
        }
        if !opening { throw ImageError.badRequest("Invalid filter value \(text). The quote is not closed.") }
    }

    /// The index of the quote closing the one at `start` (`"([^"\\]*(?:\\.[^"\\]*)*)"`):
    /// a backslash takes the next scalar with it, except a line break (`.`).
    static func closingQuote(_ scalars: [Unicode.Scalar], openedAt start: Int) -> Int? {
        var index = start + 1
        while index < scalars.count {
            switch scalars[index] {
            case "\"":
                return index
            case "\\":
                guard index + 1 < scalars.count, scalars[index + 1] != "\n" else { return nil }
                index += 2
            default:
                index += 1
            }
        }
        return nil
    }

    private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}
