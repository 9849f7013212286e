import Foundation
import Hummingbird
import StratusCore

extension NetworkFront {
    static let networkFields: Set<String> = [
        "name", "admin_state_up", "shared", "router:external", "description", "mtu", "tenant_id", "project_id",
        "port_security_enabled", "availability_zone_hints",
    ]

    func addNetworkRoutes(_ api: RouterGroup<Context>) {
        api.get("networks") { request, context in
            let caller = try context.caller()
            let subnets = Dictionary(grouping: try await network.subnets(caller), by: \.networkID)
            let items = try await network.networks(caller).map { render.network($0, subnets: subnets[$0.id]?.map(\.id) ?? []) }
            return try list(request, items, collection: "networks")
        }
        api.get("networks/:id") { request, context in
            let caller = try context.caller()
            let found = try await network.network(caller, id: try context.parameter("id"))
            return try shown(request, try await networkView(found, caller), resource: "network")
        }
        api.post("networks") { request, context in
            let body = try await Self.body(request, context, resource: "network", allowed: Self.networkFields)
            var draft = NetworkDraft()
            draft.name = try body.string("name") ?? ""
            draft.description = try body.string("description") ?? ""
            draft.adminStateUp = try body.bool("admin_state_up") ?? true
            draft.shared = try body.bool("shared") ?? false
            draft.external = try body.bool("router:external") ?? false
            draft.mtu = try body.integer("mtu")
            draft.projectID = try Self.projectID(body)
            try Self.requirePortSecurity(body)
            let caller = try context.caller()
            let created = try await network.createNetwork(caller, draft)
            return try shown(request, render.network(created, subnets: []), resource: "network", status: .created)
        }
        api.put("networks/:id") { request, context in
            let body = try await Self.body(
                request, context, resource: "network",
                allowed: ["name", "admin_state_up", "shared", "router:external", "description", "mtu", "port_security_enabled"])
            var patch = NetworkPatch()
            patch.name = try body.string("name")
            patch.description = try body.string("description")
            patch.adminStateUp = try body.bool("admin_state_up")
            patch.shared = try body.bool("shared")
            patch.external = try body.bool("router:external")
            try Self.requirePortSecurity(body)
            let caller = try context.caller()
            let updated = try await network.updateNetwork(caller, id: try context.parameter("id"), patch)
            return try shown(request, try await networkView(updated, caller), resource: "network")
        }
        api.delete("networks/:id") { _, context in
            try await network.deleteNetwork(try context.caller(), id: try context.parameter("id"))
            return Response.empty(.noContent)
        }
    }

    func networkView(_ found: Network, _ caller: Caller) async throws -> JSONValue {
        let subnets = try await network.subnets(caller).filter { $0.networkID == found.id }.map(\.id)
        return render.network(found, subnets: subnets)
    }

    /// Port security cannot be switched off: no agent could honour it yet.
    static func requirePortSecurity(_ body: JSONObjectReader) throws {
        if try body.bool("port_security_enabled") == false {
            throw NetworkError.badRequest("Disabling port security is not supported by this cloud.")
        }
    }
}
