import Hummingbird
import StratusCore

/// Keystone v3 at `/identity`: decodes requests, calls `IdentityService`,
/// renders Keystone's shapes. No decisions are made here.
public struct IdentityFront: Sendable {
    public typealias Context = OpenStackRequestContext

    let identity: IdentityService
    let catalog: ServiceCatalog
    let render: IdentityRenderer

    public init(identity: IdentityService, catalog: ServiceCatalog, identityURL: String) {
        self.identity = identity
        self.catalog = catalog
        self.render = IdentityRenderer(identityURL: identityURL)
    }

    public func register(on router: Router<Context>) {
        let open = router.group("identity")
        addVersionRoutes(open)
        addAuthenticationRoutes(open)
        let authenticated = router.group("identity/v3").add(middleware: TokenAuthMiddleware(identity: identity))
        addTokenRoutes(authenticated)
        addDomainRoutes(authenticated)
        addProjectRoutes(authenticated)
        addProjectTagRoutes(authenticated)
        addUserRoutes(authenticated)
        addGroupRoutes(authenticated)
        addRoleRoutes(authenticated)
        addImpliedRoleRoutes(authenticated)
        addGrantRoutes(authenticated)
        addAssignmentRoutes(authenticated)
        addCatalogRoutes(authenticated)
    }
}

extension Request {
    /// Keystone's list filters: `name`, `domain_id`, `enabled`.
    var identityListFilter: IdentityListFilter {
        IdentityListFilter(name: query("name"), domainID: query("domain_id"), enabled: query("enabled").map(Self.truthy))
    }

    static func truthy(_ value: String) -> Bool {
        !["0", "false", "no", "off"].contains(value.lowercased())
    }
}

extension OpenStackRequestContext {
    /// A required path parameter; the router only matches when it is present.
    func parameter(_ name: String) throws -> String {
        guard let value = parameters.get(name) else { throw APIError.notFound() }
        return value
    }
}
