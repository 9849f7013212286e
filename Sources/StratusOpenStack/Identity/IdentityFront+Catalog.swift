import Hummingbird
import StratusCore

/// `/v3/services`, `/v3/endpoints`, `/v3/regions`: the catalog as Keystone's
/// admin API lists it. Read-only: the catalog follows from the configuration.
extension IdentityFront {
    func addCatalogRoutes(_ group: RouterGroup<Context>) {
        group.get("services") { request, context in
            try authorize(.listServices, context)
            let services = catalog.services.filter { service in request.query("type").map { $0 == service.type } ?? true }
            return try Response.json(render.list("services", services.map(service), path: "services"))
        }
        group.get("services/:id") { _, context in
            try authorize(.getService, context)
            let id = try context.parameter("id")
            guard let found = catalog.services.first(where: { $0.id == id }) else {
                throw IdentityError.notFound(kind: "service", id: id)
            }
            return try Response.json(["service": service(found)])
        }
        group.get("endpoints") { request, context in
            try authorize(.listEndpoints, context)
            let endpoints = catalog.services.flatMap { service in service.endpoints.map { (service, $0) } }
                .filter { pair in request.query("interface").map { $0 == pair.1.interface } ?? true }
                .filter { pair in request.query("service_id").map { $0 == pair.0.id } ?? true }
            return try Response.json(render.list("endpoints", endpoints.map(endpoint), path: "endpoints"))
        }
        group.get("endpoints/:id") { _, context in
            try authorize(.getEndpoint, context)
            let id = try context.parameter("id")
            let pairs = catalog.services.flatMap { service in service.endpoints.map { (service, $0) } }
            guard let found = pairs.first(where: { $0.1.id == id }) else {
                throw IdentityError.notFound(kind: "endpoint", id: id)
            }
            return try Response.json(["endpoint": endpoint(found)])
        }
        group.get("regions") { _, context in
            try authorize(.listRegions, context)
            return try Response.json(render.list("regions", [region], path: "regions"))
        }
        group.get("regions/:id") { _, context in
            try authorize(.getRegion, context)
            let id = try context.parameter("id")
            guard id == ServiceCatalog.region else { throw IdentityError.notFound(kind: "region", id: id) }
            return try Response.json(["region": region])
        }
    }

    private func authorize(_ action: IdentityPolicy.Action, _ context: Context) throws {
        try identity.authorizeCatalogRead(action, try context.caller())
    }

    private var region: JSONValue {
        ["id": .string(ServiceCatalog.region), "description": "", "parent_region_id": nil,
         "links": ["self": .string("\(render.v3)/regions/\(ServiceCatalog.region)")]]
    }

    private func service(_ service: ServiceCatalog.Service) -> JSONValue {
        ["id": .string(service.id), "type": .string(service.type), "name": .string(service.name),
         "description": .string(service.description), "enabled": true,
         "links": ["self": .string("\(render.v3)/services/\(service.id)")]]
    }

    private func endpoint(_ pair: (ServiceCatalog.Service, ServiceCatalog.Endpoint)) -> JSONValue {
        let (service, endpoint) = pair
        return ["id": .string(endpoint.id), "interface": .string(endpoint.interface),
                "region": .string(endpoint.region), "region_id": .string(endpoint.region),
                "url": .string(endpoint.url), "service_id": .string(service.id), "enabled": true,
                "links": ["self": .string("\(render.v3)/endpoints/\(endpoint.id)")]]
    }
}
