import Hummingbird
import StratusCore

/// Glance's Image API v2 at `/image`: decodes requests, calls `ImageService`,
/// renders Glance's shapes. No decisions are made here.
public struct ImageFront: Sendable {
    public typealias Context = OpenStackRequestContext

    let identity: IdentityService
    let images: ImageService
    /// `<public URL>/image`, for absolute links.
    let imageURL: String
    let render = ImageRenderer()

    public init(identity: IdentityService, images: ImageService, imageURL: String) {
        self.identity = identity
        self.images = images
        self.imageURL = imageURL
    }

    public func register(on router: Router<Context>) {
        addVersionRoutes(router)
        let api = router.group("image/v2").add(middleware: TokenAuthMiddleware(identity: identity))
        addImageRoutes(api)
        addPatchRoute(api)
        addDataRoutes(api)
        addActionRoutes(api)
        addMemberRoutes(api)
        addSchemaRoutes(api)
        addInfoRoutes(api)
    }
}
