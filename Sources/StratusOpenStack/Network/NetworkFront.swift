import Foundation
import HTTPTypes
import Hummingbird
import StratusCore

/// A Networking v2 subset at `/network` (Neutron's API): networks, subnets,
/// ports, security groups and their rules. Decodes, calls `NetworkService`,
/// renders; errors in Neutron's format (`ErrorFormat.neutron`).
public struct NetworkFront: Sendable {
    public typealias Context = OpenStackRequestContext

    let identity: IdentityService
    let network: NetworkService
    /// `<public URL>/network`.
    let networkURL: String
    let render = NetworkRenderer()

    /// The extensions this subset implements, as `GET /v2.0/extensions` lists them.
    static let extensions: [(alias: String, name: String, description: String)] = [
        ("security-group", "security-group", "The security groups extension."),
        ("project-id", "project-id", "Extension that indicates that project_id field is enabled."),
        ("external-net", "Neutron external network", "Adds external network attribute to network resource."),
        ("standard-attr-description", "standard-attr-description", "Extension to add descriptions to standard attributes"),
        ("standard-attr-revisions", "Resource revision numbers", "This extension will display the revision number of neutron resources."),
        ("standard-attr-timestamp", "Resource timestamps", "Adds created_at and updated_at fields to all Neutron resources that have Neutron standard attributes."),
        ("net-mtu", "Network MTU", "Provides MTU attribute for a network resource."),
        ("port-security", "Port Security", "Provides port security"),
        ("binding", "Port Binding", "Expose port bindings of a virtual port to external application"),
        ("stateful-security-group", "Stateful security group", "Indicates if the security group is stateful or not"),
        ("quotas", "Quota management support", "Expose functions for quotas management per project"),
        ("quota_details", "Quota details management support", "Expose functions for quotas usage statistics per project"),
        ("quota-check-limit", "Quota engine limit check", "Support for checking the resource usage before applying a new quota limit"),
        ("quota-check-limit-default", "Quota engine limit check by default", "By default, the Neutron quota engine checks the resource usage before applying a new quota limit"),
    ]

    public init(identity: IdentityService, network: NetworkService, networkURL: String) {
        self.identity = identity
        self.network = network
        self.networkURL = networkURL
    }

    public func register(on router: Router<Context>) {
        router.get("network") { _, _ in
            try Response.json(["versions": [[
                "id": "v2.0", "status": "CURRENT",
                "links": [["rel": "self", "href": .string(networkURL + "/v2.0/")]],
            ]]])
        }
        let api = router.group("network/v2.0").add(middleware: TokenAuthMiddleware(identity: identity))
        api.get { _, _ in
            let resources: [JSONValue] = ["network", "subnet", "port", "security_group", "security_group_rule"].map { name in
                let collection = name.replacingOccurrences(of: "_", with: "-") + "s"
                return ["name": .string(name), "collection": .string(collection),
                        "links": [["rel": "self", "href": .string("\(networkURL)/v2.0/\(collection)")]]]
            }
            return try Response.json(["resources": .array(resources)])
        }
        api.get("extensions") { _, _ in try Response.json(["extensions": .array(Self.extensions.map(extensionView))]) }
        api.get("extensions/:alias") { _, context in
            let alias = try context.parameter("alias")
            guard let found = Self.extensions.first(where: { $0.alias == alias }) else {
                throw NetworkError(.notFound, "ExtensionNotFound", "Extension with alias \(alias) does not exist")
            }
            return try Response.json(["extension": extensionView(found)])
        }
        addNetworkRoutes(api)
        addSubnetRoutes(api)
        addPortRoutes(api)
        addSecurityGroupRoutes(api)
        addQuotaRoutes(api)
    }

    func extensionView(_ entry: (alias: String, name: String, description: String)) -> JSONValue {
        ["alias": .string(entry.alias), "name": .string(entry.name), "description": .string(entry.description),
         "updated": "2013-01-01T10:00:00-00:00", "links": []]
    }

    /// `{"<resource>": {...}}` with only the allowed attributes.
    static func body(
        _ request: Request, _ context: Context, resource: String, allowed: Set<String>
    ) async throws -> JSONObjectReader {
        let json = try await request.jsonBody(limit: context.maxUploadSize)
        guard case .object(let top) = json, let inner = top[resource], case .object(let members) = inner else {
            throw NetworkError.badRequest("Resource body required")
        }
        let unknown = members.keys.filter { !allowed.contains($0) }.sorted()
        if !unknown.isEmpty {
            throw NetworkError.badRequest("Unrecognized attribute(s) '\(unknown.joined(separator: ", "))'")
        }
        return try JSONObjectReader(inner, field: resource)
    }

    func list(_ request: Request, _ items: [JSONValue], collection: String) throws -> Response {
        try Response.json(try NetworkListQuery(request).apply(items, collection: collection, baseURL: "\(networkURL)/v2.0/\(collection)"))
    }

    func shown(_ request: Request, _ item: JSONValue, resource: String, status: HTTPResponse.Status = .ok) throws -> Response {
        let fields: [String] = request.uri.queryParameters.getAll("fields")
        guard !fields.isEmpty, case .object(let members) = item else {
            return try Response.json(.object([resource: item]), status: status)
        }
        return try Response.json(.object([resource: .object(members.filter { fields.contains($0.key) })]), status: status)
    }

    /// `tenant_id` or `project_id` in a body (they must agree when both are given).
    static func projectID(_ body: JSONObjectReader) throws -> String? {
        let tenant = try body.string("tenant_id"), project = try body.string("project_id")
        if let tenant, let project, tenant != project {
            throw NetworkError.badRequest("'project_id' and 'tenant_id' do not match")
        }
        return project ?? tenant
    }
}
