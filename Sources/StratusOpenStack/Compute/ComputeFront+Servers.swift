import Foundation
import Hummingbird
import StratusCore

extension ComputeFront {
    /// `/servers`, `/servers/detail`, `/servers/{id}`.
    func addServerRoutes(_ group: RouterGroup<Context>) {
        group.get("servers") { request, context in
            try await listServers(request, context, detail: false)
        }
        group.get("servers/detail") { request, context in
            try await listServers(request, context, detail: true)
        }
        group.post("servers") { request, context in
            let caller = try context.caller()
            let body = try await request.jsonBody(limit: context.maxUploadSize)
            let (draft, returnReservation) = try ServerRequestDecoder.create(body, version: context.computeVersion)
            let creation = try await compute.createServers(caller, draft)
            if returnReservation {
                return try Response.json(["reservation_id": .string(creation.reservationID)], status: .accepted)
            }
            guard let first = creation.instances.first else { return Response.empty(.accepted) }
            var response = try Response.json([
                "server": [
                    "id": .string(first.id), "links": render.links("servers", first.id),
                    "OS-DCF:diskConfig": "MANUAL",
                    "security_groups": .array((draft.securityGroups.isEmpty ? ["default"] : draft.securityGroups)
                        .map { ["name": .string($0)] }),
                    "adminPass": .string(creation.adminPass),
                ],
            ], status: .accepted)
            response.headers[.location] = "\(render.v21)/servers/\(first.id)"
            return response
        }
        group.get("servers/:id") { _, context in
            let caller = try context.caller()
            let instance = try await compute.getServer(caller, id: try context.parameter("id"))
            return try Response.json(["server": try await serverView(instance, caller, context.computeVersion, .show)])
        }
        group.put("servers/:id") { request, context in
            let body = try JSONObjectReader(wrapped: try await request.jsonBody(limit: context.maxUploadSize), key: "server")
            let allowed: Set<String> = context.computeVersion >= Microversion(2, 19)
                ? ["name", "accessIPv4", "accessIPv6", "OS-DCF:diskConfig", "description"]
                : ["name", "accessIPv4", "accessIPv6", "OS-DCF:diskConfig"]
            try ServerRequestDecoder.rejectUnknown(body, allowed: allowed, field: "server")
            let patch = ServerPatch(
                name: try body.string("name"), description: try body.nullableString("description"),
                accessIPv4: try ServerRequestDecoder.accessIP(body, "accessIPv4"),
                accessIPv6: try ServerRequestDecoder.accessIP(body, "accessIPv6"))
            let caller = try context.caller()
            let instance = try await compute.updateServer(caller, id: try context.parameter("id"), patch)
            return try Response.json(["server": try await serverView(instance, caller, context.computeVersion, .update)])
        }
        group.delete("servers/:id") { _, context in
            try await compute.deleteServer(try context.caller(), id: try context.parameter("id"))
            return Response.empty(.noContent)
        }
    }

    /// One server's view: policy for its project, its host's status (show, and
    /// update and rebuild from 2.75; from 2.16) and its groups (not in lists, from 2.71).
    func serverView(
        _ instance: Instance, _ caller: Caller, _ version: Microversion, _ kind: ServerViewKind
    ) async throws -> JSONValue {
        let policy = compute.serverViewPolicy(caller, projectID: instance.projectID)
        let full = kind.isFull(at: version)
        var hostStatus: HostStatus?
        if full, version >= Microversion(2, 16), policy.hostStatusUnknownOnly != nil {
            hostStatus = policy.shown(try await compute.hostStatuses([instance])[instance.id] ?? .none)
        }
        var groups: [String]?
        if version >= Microversion(2, 71) { groups = try await compute.serverGroupIDs(of: instance) }
        let securityGroups = full ? try await compute.securityGroupNames([instance])[instance.id] : nil
        let volumes = full ? try await compute.volumeAttachments(of: [instance])[instance.id] ?? [] : []
        return render.server(instance, ServerViewContext(
            version: version, kind: kind, policy: policy, isAdmin: caller.auth.isCloudAdmin, hostStatus: hostStatus,
            serverGroups: groups, securityGroups: securityGroups, volumes: volumes))
    }

    private func listServers(_ request: Request, _ context: Context, detail: Bool) async throws -> Response {
        let caller = try context.caller()
        let version = context.computeVersion
        guard let filter = try ServerListRequest.filter(
            request, version: version, allFilters: compute.allowsAllServerFilters(caller))
        else {
            return try Response.json(["servers": []])
        }
        let instances = try await compute.listServers(caller, filter, detail: detail)
        let rendered: [JSONValue]
        if detail {
            let policy = compute.serverViewPolicy(caller)
            let statuses = version >= Microversion(2, 16) && policy.hostStatusUnknownOnly != nil
                ? try await compute.hostStatuses(instances) : [:]
            let isAdmin = caller.auth.isCloudAdmin  // a set of role names built per call: once per list
            let securityGroups = try await compute.securityGroupNames(instances)
            let volumes = try await compute.volumeAttachments(of: instances)
            rendered = instances.map { instance in
                render.server(instance, ServerViewContext(
                    version: version, kind: .detail, policy: policy, isAdmin: isAdmin,
                    hostStatus: statuses[instance.id].flatMap(policy.shown), serverGroups: nil,
                    securityGroups: securityGroups[instance.id], volumes: volumes[instance.id] ?? []))
            }
        } else {
            rendered = instances.map(render.serverSummary)
        }
        var body: [String: JSONValue] = ["servers": .array(rendered)]
        let path = detail ? "servers/detail" : "servers"
        if let links = render.nextLinks(request, path: path, count: instances.count, lastID: instances.last?.id) {
            body["servers_links"] = links
        }
        return try Response.json(.object(body))
    }
}
