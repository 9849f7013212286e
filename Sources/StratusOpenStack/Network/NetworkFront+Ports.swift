import Foundation
import Hummingbird
import StratusCore

extension NetworkFront {
    static let portFields: Set<String> = [
        "name", "network_id", "admin_state_up", "mac_address", "fixed_ips", "device_id", "device_owner",
        "security_groups", "description", "tenant_id", "project_id", "port_security_enabled", "binding:vnic_type",
    ]

    func addPortRoutes(_ api: RouterGroup<Context>) {
        api.get("ports") { request, context in
            try list(request, try await network.ports(try context.caller()).map(render.port), collection: "ports")
        }
        api.get("ports/:id") { request, context in
            try shown(request, render.port(try await network.port(try context.caller(), id: try context.parameter("id"))),
                      resource: "port")
        }
        api.post("ports") { request, context in
            let body = try await Self.body(request, context, resource: "port", allowed: Self.portFields)
            guard let networkID = try body.string("network_id") else {
                throw NetworkError.badRequest("Failed to parse request. Required attribute 'network_id' not specified")
            }
            var draft = PortDraft(networkID: networkID)
            draft.name = try body.string("name") ?? ""
            draft.description = try body.string("description") ?? ""
            draft.adminStateUp = try body.bool("admin_state_up") ?? true
            draft.macAddress = try body.string("mac_address")
            draft.deviceID = try body.string("device_id") ?? ""
            draft.deviceOwner = try body.string("device_owner") ?? ""
            draft.securityGroupIDs = try body.stringArray("security_groups")
            draft.projectID = try Self.projectID(body)
            try Self.requirePortSecurity(body)
            if draft.deviceOwner == NetworkPort.computeOwner || draft.deviceOwner.hasPrefix("compute:") {
                throw NetworkError.badRequest("Ports are bound to servers by compute (networks: [{\"port\": id}]), not by device_owner.")
            }
            if let vnic = try body.string("binding:vnic_type"), vnic != "normal" {
                throw NetworkError.invalidInput("Invalid input for binding:vnic_type. Reason: '\(vnic)' is not supported by this cloud")
            }
            if case .array(let items)? = body.members["fixed_ips"] {
                draft.fixedIPs = try items.map { item in
                    let fixed = try JSONObjectReader(item, field: "fixed_ips")
                    return PortDraft.FixedIPRequest(
                        subnetID: try fixed.string("subnet_id"), ipAddress: try fixed.string("ip_address"))
                }
            }
            let created = try await network.createPort(try context.caller(), draft)
            return try shown(request, render.port(created), resource: "port", status: .created)
        }
        api.put("ports/:id") { request, context in
            let body = try await Self.body(
                request, context, resource: "port",
                allowed: ["name", "description", "security_groups", "admin_state_up", "port_security_enabled"])
            var patch = PortPatch()
            patch.name = try body.string("name")
            patch.description = try body.string("description")
            patch.adminStateUp = try body.bool("admin_state_up")
            patch.securityGroupIDs = try body.stringArray("security_groups")
            try Self.requirePortSecurity(body)
            let updated = try await network.updatePort(try context.caller(), id: try context.parameter("id"), patch)
            return try shown(request, render.port(updated), resource: "port")
        }
        api.delete("ports/:id") { _, context in
            try await network.deletePort(try context.caller(), id: try context.parameter("id"))
            return Response.empty(.noContent)
        }
    }
}
