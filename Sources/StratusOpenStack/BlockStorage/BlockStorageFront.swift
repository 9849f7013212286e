import Foundation
import HTTPTypes
import Hummingbird
import StratusCore

/// A Block Storage v3 subset at `/volume` (Cinder's API): volumes. Decodes,
/// calls `VolumeService`, renders; errors in Cinder's format, which is Nova's.
/// Volumes are reached with the project in the path (`/v3/{project_id}/volumes`)
/// or, as from Cinder's 3.67, without it (`/v3/volumes`).
public struct BlockStorageFront: Sendable {
    public typealias Context = OpenStackRequestContext

    let identity: IdentityService
    let volumes: VolumeService
    /// `<public URL>/volume`.
    let volumeURL: String
    let render: BlockStorageRenderer

    /// The one microversion served: Cinder's base v3 behaviour.
    static let version = "3.0"

    public init(identity: IdentityService, volumes: VolumeService, volumeURL: String) {
        self.identity = identity
        self.volumes = volumes
        self.volumeURL = volumeURL
        self.render = BlockStorageRenderer(volumeURL: volumeURL)
    }

    public func register(on router: Router<Context>) {
        // Cinder answers the root with 300 Multiple Choices, and /v3/ with the same list.
        router.get("volume") { _, _ in try Response.json(["versions": [versionDocument()]], status: .multipleChoices) }
        router.get("volume/v3") { _, _ in try Response.json(["versions": [versionDocument()]]) }
        let api = router.group("volume/v3")
            .add(middleware: TokenAuthMiddleware(identity: identity))
            .add(middleware: BlockStorageVersionMiddleware())
        addVolumeRoutes(api, prefix: "")
        addVolumeRoutes(api, prefix: ":project_id/")
        addQuotaRoutes(api, prefix: "")
        addQuotaRoutes(api, prefix: ":project_id/")
    }

    func versionDocument() -> JSONValue {
        ["id": "v3.0", "status": "CURRENT", "version": .string(Self.version), "min_version": "3.0",
         "updated": "2016-02-08T12:20:21Z",
         "links": [["rel": "describedby", "type": "text/html", "href": "https://docs.openstack.org/"],
                   ["rel": "self", "href": .string(volumeURL + "/v3/")]],
         "media-types": [["base": "application/json", "type": "application/vnd.openstack.volume+json;version=3"]]]
    }

    /// The project the path names, if any, checked by the volume service.
    static func checkProject(_ context: Context, _ volumes: VolumeService) throws {
        try volumes.requirePathProject(try context.caller(), context.parameters.get("project_id"))
    }
}

/// `OpenStack-API-Version: volume 3.0` on every answer; a request for a later
/// microversion than this subset serves is Cinder's 406.
struct BlockStorageVersionMiddleware: RouterMiddleware {
    typealias Context = OpenStackRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let name = HTTPField.Name("OpenStack-API-Version")!
        if let header = request.headers[name] {
            let parts = header.split(separator: " ")
            if parts.count == 2, parts[0].lowercased() == "volume", parts[1] != "latest", parts[1] != "3.0", parts[1] != "3" {
                throw APIError(.notAcceptable, "Version \(parts[1]) is not supported by the API. Minimum is 3.0 and maximum is 3.0.")
            }
        }
        var response = try await next(request, context)
        response.headers[name] = "volume \(BlockStorageFront.version)"
        response.headers[HTTPField.Name("Vary")!] = "OpenStack-API-Version"
        return response
    }
}
