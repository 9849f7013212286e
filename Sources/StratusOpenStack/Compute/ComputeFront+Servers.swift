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
                    "OS-DCF:diskConfig": "MANUAL", "security_groups": [["name": "default"]],
                    "adminPass": .string(creation.adminPass),
                ],
            ], status: .accepted)
            response.headers[.location] = "\(render.v21)/servers/\(first.id)"
            return response
        }
        group.get("servers/:id") { _, context in
            let instance = try await compute.getServer(try context.caller(), id: try context.parameter("id"))
            return try Response.json(["server": render.server(
                instance, version: context.computeVersion, isAdmin: try context.caller().auth.isAdmin)])
        }
        group.put("servers/:id") { request, context in
            let body = try JSONObjectReader(
                try await request.jsonBody(limit: context.maxUploadSize)["server"], field: "server")
            let allowed: Set<String> = context.computeVersion >= Microversion(2, 19)
                ? ["name", "accessIPv4", "accessIPv6", "OS-DCF:diskConfig", "description"]
                : ["name", "accessIPv4", "accessIPv6", "OS-DCF:diskConfig"]
            if let unexpected = body.members.keys.sorted().first(where: { !allowed.contains($0) }) {
                throw APIError.badRequest("Invalid input for field/attribute server. Additional properties are not allowed ('\(unexpected)' was unexpected)")
            }
            let patch = ServerPatch(
                name: try body.string("name"), description: try body.nullableString("description"),
                accessIPv4: try body.string("accessIPv4"), accessIPv6: try body.string("accessIPv6"))
            let instance = try await compute.updateServer(try context.caller(), id: try context.parameter("id"), patch)
            return try Response.json(["server": render.server(
                instance, version: context.computeVersion, isAdmin: try context.caller().auth.isAdmin)])
        }
        group.delete("servers/:id") { _, context in
            try await compute.deleteServer(try context.caller(), id: try context.parameter("id"))
            return Response.empty(.noContent)
        }
    }

    private func listServers(_ request: Request, _ context: Context, detail: Bool) async throws -> Response {
        let caller = try context.caller()
        let filter = try Self.serverFilter(request, isAdmin: caller.auth.isAdmin)
        let instances = try await compute.listServers(caller, filter, detail: detail)
        let rendered: [JSONValue] = instances.map {
            detail ? render.server($0, version: context.computeVersion, isAdmin: caller.auth.isAdmin) : render.serverSummary($0)
        }
        var body: [String: JSONValue] = ["servers": .array(rendered)]
        if let limit = filter.limit, instances.count == limit, let last = instances.last {
            let path = detail ? "servers/detail" : "servers"
            body["servers_links"] = [["rel": "next", "href": .string("\(render.v21)/\(path)?limit=\(limit)&marker=\(last.id)")]]
        }
        return try Response.json(.object(body))
    }

    static func serverFilter(_ request: Request, isAdmin: Bool) throws -> ServerListFilter {
        var filter = ServerListFilter()
        filter.namePattern = request.query("name")
        if let status = request.query("status") {
            guard let parsed = ServerStatus(rawValue: status.uppercased()) else {
                // Nova answers an unknown status with an empty list, not an error.
                filter.status = .unknown
                return filter
            }
            filter.status = parsed
        }
        filter.imageID = request.query("image").map(ServerRequestDecoder.imageID)
        filter.flavorID = request.query("flavor").map(ServerRequestDecoder.lastPathComponent)
        if let since = request.query("changes-since") {
            guard let date = Self.parseTimestamp(since) else {
                throw APIError.badRequest("Invalid input for query parameters changes-since. Value: \(since). '\(since)' is not a 'date-time'")
            }
            filter.changesSince = date
        }
        if let locked = request.query("locked") {
            switch locked.lowercased() {
            case "true", "1", "yes", "t", "on": filter.locked = true
            case "false", "0", "no", "f", "off": filter.locked = false
            default: throw APIError.badRequest("Unrecognized value '\(locked)', acceptable values are: '0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'")
            }
        }
        filter.limit = try nonNegative(request.query("limit"), "limit")
        filter.marker = request.query("marker")
        // Admin-only filters are ignored for others, as Nova drops them.
        if isAdmin {
            if let all = request.query("all_tenants") {
                filter.allProjects = !["false", "0", "no", "f", "off"].contains(all.lowercased())
            }
            filter.host = request.query("host")
            if let project = request.query("project_id") ?? request.query("tenant_id") {
                filter.projectID = project
                filter.allProjects = true
            }
            filter.includeDeleted = request.query("deleted").map { ["true", "1", "yes"].contains($0.lowercased()) } ?? false
        }
        return filter
    }

    static func parseTimestamp(_ text: String) -> Date? {
        let formats = ["yyyy-MM-dd'T'HH:mm:ssXXXXX", "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXXXX", "yyyy-MM-dd'T'HH:mm:ss",
                       "yyyy-MM-dd'T'HH:mm:ss.SSSSSS", "yyyy-MM-dd'T'HH:mm:ssZ", "yyyy-MM-dd"]
        for format in formats {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
