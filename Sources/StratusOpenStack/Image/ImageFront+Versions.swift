import Hummingbird
import StratusCore

extension ImageFront {
    /// The versions this endpoint serves. v2.7 brought `os_hidden` and the
    /// multihash; v2.6 (interoperable import) is not offered, since its flow is not
    /// implemented, and clients choose by the `CURRENT` entry anyway.
    static let versions: [(id: String, status: String)] = [
        ("v2.7", "CURRENT"), ("v2.5", "SUPPORTED"), ("v2.4", "SUPPORTED"), ("v2.3", "SUPPORTED"),
        ("v2.2", "SUPPORTED"), ("v2.1", "SUPPORTED"), ("v2.0", "SUPPORTED"),
    ]

    /// `GET /image` (and `/image/v2`): 300 Multiple Choices with every version, as
    /// Glance's version negotiation answers.
    func addVersionRoutes(_ router: Router<Context>) {
        for path in ["image", "image/v2"] {
            router.get(RouterPath(path)) { _, _ in try Response.json(versionList(), status: .multipleChoices) }
        }
    }

    func versionList() -> JSONValue {
        let link: JSONValue = [["rel": "self", "href": .string(imageURL + "/v2/")]]
        return ["versions": .array(Self.versions.map { ["id": .string($0.id), "status": .string($0.status), "links": link] })]
    }
}
