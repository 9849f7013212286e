import Foundation

/// Decodes the JSON columns of instance rows, one value per fetch: one
/// `JSONDecoder` for all rows, the columns' defaults (`{}`, `[]`) answered
/// without parsing, and each distinct flavor text decoded once (a list's
/// servers share a few flavors). The memo is keyed by the text itself and dies
/// with the fetch, so it can never answer for another row's data.
struct InstanceJSONColumns {
    private let decoder = JSONDecoder()
    private var flavors: [String: FlavorRecord] = [:]

    mutating func flavor(_ text: String?) -> FlavorRecord? {
        guard let text else { return nil }
        if let known = flavors[text] { return known }
        let decoded = decode(FlavorRecord.self, text)
        if let decoded { flavors[text] = decoded }
        return decoded
    }

    func metadata(_ text: String?) -> [String: String]? {
        text == "{}" ? [:] : decode([String: String].self, text)
    }

    func strings(_ text: String?) -> [String]? {
        text == "[]" ? [] : decode([String].self, text)
    }

    func decode<T: Decodable>(_ type: T.Type, _ text: String?) -> T? {
        text.flatMap { try? decoder.decode(type, from: Data($0.utf8)) }
    }
}
