import Foundation
import Hummingbird

extension ComputeRenderer {
    /// Nova's `_get_collection_links`: a `next` link when the page is full —
    /// `limit` items when asked (capped at max_limit 1000), else 1000 — carrying
    /// the request's own query (sorted, one value per key) with the marker set
    /// to the last item.
    func nextLinks(_ request: Request, path: String, count: Int, lastID: String?) -> JSONValue? {
        let asked = request.query("limit").flatMap { Int($0) } ?? 1000
        let pageSize = min(asked, 1000)
        guard pageSize > 0, count == pageSize, let lastID else { return nil }
        var parameters: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { parameters[String(key)] = String(value) }
        parameters["marker"] = lastID
        let query = parameters.keys.sorted().map { "\(Self.formEncode($0))=\(Self.formEncode(parameters[$0]!))" }
        return [["rel": "next", "href": .string("\(v21)/\(path)?\(query.joined(separator: "&"))")]]
    }

    /// Python's `quote_plus`.
    static func formEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "_.-~ ")
        return (text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text).replacingOccurrences(of: " ", with: "+")
    }
}
