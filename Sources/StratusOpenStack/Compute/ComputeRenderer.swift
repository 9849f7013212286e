import StratusCore

/// Nova v2.1 JSON shapes, field by field.
struct ComputeRenderer: Sendable {
    /// `<public URL>/compute`.
    let computeURL: String
    /// `<public URL>/image`, for the images' `alternate` links.
    let imageURL: String

    var v21: String { computeURL + "/v2.1" }

    /// Nova's `self` (versioned) and `bookmark` (unversioned) links.
    func links(_ collection: String, _ id: String) -> JSONValue {
        [
            ["rel": "self", "href": .string("\(v21)/\(collection)/\(id)")],
            ["rel": "bookmark", "href": .string("\(computeURL)/\(collection)/\(id)")],
        ]
    }
}
