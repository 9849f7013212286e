import Foundation
import Hummingbird
import StratusCore

extension NetworkFront {
    static let subnetFields: Set<String> = [
        "name", "network_id", "ip_version", "cidr", "gateway_ip", "allocation_pools", "enable_dhcp",
        "dns_nameservers", "host_routes", "description", "tenant_id", "project_id",
    ]

    func addSubnetRoutes(_ api: RouterGroup<Context>) {
        api.get("subnets") { request, context in
            try list(request, try await network.subnets(try context.caller()).map(render.subnet), collection: "subnets")
        }
        api.get("subnets/:id") { request, context in
            try shown(request, render.subnet(try await network.subnet(try context.caller(), id: try context.parameter("id"))),
                      resource: "subnet")
        }
        api.post("subnets") { request, context in
            let body = try await Self.body(request, context, resource: "subnet", allowed: Self.subnetFields)
            guard let networkID = try body.string("network_id") else {
                throw NetworkError.badRequest("Failed to parse request. Required attribute 'network_id' not specified")
            }
            guard let cidr = try body.string("cidr") else {
                throw NetworkError.badRequest("Bad subnets request: a subnetpool must be specified in the absence of a cidr.")
            }
            guard let version = try body.integer("ip_version") else {
                throw NetworkError.badRequest("Failed to parse request. Required attribute 'ip_version' not specified")
            }
            var draft = SubnetDraft(networkID: networkID, cidr: cidr, ipVersion: version)
            draft.name = try body.string("name") ?? ""
            draft.description = try body.string("description") ?? ""
            draft.enableDHCP = try body.bool("enable_dhcp") ?? true
            draft.dnsNameservers = try body.stringArray("dns_nameservers") ?? []
            draft.projectID = try Self.projectID(body)
            switch body.members["gateway_ip"] {
            case nil: draft.gateway = .automatic
            case .null?: draft.gateway = SubnetDraft.Gateway.none
            default: draft.gateway = .address(try body.string("gateway_ip") ?? "")
            }
            if case .array(let pools)? = body.members["allocation_pools"] {
                draft.allocationPools = try pools.map { pool in
                    let reader = try JSONObjectReader(pool, field: "allocation_pools")
                    guard let start = try reader.string("start"), let end = try reader.string("end") else {
                        throw NetworkError.invalidInput("Invalid input for allocation_pools. Reason: Invalid data format for IP pool")
                    }
                    return (start, end)
                }
            }
            if case .array(let routes)? = body.members["host_routes"], !routes.isEmpty {
                throw NetworkError.badRequest("Host routes are not supported by this cloud.")
            }
            let created = try await network.createSubnet(try context.caller(), draft)
            return try shown(request, render.subnet(created), resource: "subnet", status: .created)
        }
        api.put("subnets/:id") { request, context in
            let body = try await Self.body(
                request, context, resource: "subnet", allowed: ["name", "description", "enable_dhcp", "dns_nameservers"])
            var patch = SubnetPatch()
            patch.name = try body.string("name")
            patch.description = try body.string("description")
            patch.enableDHCP = try body.bool("enable_dhcp")
            patch.dnsNameservers = try body.stringArray("dns_nameservers")
            let updated = try await network.updateSubnet(try context.caller(), id: try context.parameter("id"), patch)
            return try shown(request, render.subnet(updated), resource: "subnet")
        }
        api.delete("subnets/:id") { _, context in
            try await network.deleteSubnet(try context.caller(), id: try context.parameter("id"))
            return Response.empty(.noContent)
        }
    }
}
