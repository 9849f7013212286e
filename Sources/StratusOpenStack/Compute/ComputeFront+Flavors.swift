import Hummingbird
import StratusCore

extension ComputeFront {
    /// `/v2.1/flavors`, `/detail`, `/{id}`, create and delete.
    func addFlavorRoutes(_ group: RouterGroup<Context>) {
        group.get("flavors") { request, context in
            let (filter, flavors) = try await listFlavors(request, context)
            return try Response.json(render.flavorList(flavors.map(render.flavorSummary), filter: filter, path: "flavors"))
        }
        group.get("flavors/detail") { request, context in
            let (filter, flavors) = try await listFlavors(request, context)
            return try Response.json(render.flavorList(flavors.map(render.flavor), filter: filter, path: "flavors/detail"))
        }
        group.get("flavors/:id") { _, context in
            let flavor = try await compute.getFlavor(try context.caller(), id: try context.parameter("id"))
            return try Response.json(["flavor": render.flavor(flavor)])
        }
        group.post("flavors") { request, context in
            let body = try JSONObjectReader(try await request.jsonBody(limit: context.maxUploadSize)["flavor"], field: "flavor")
            let id: String?? = try body.nullableString("id")
            let draft = FlavorDraft(
                id: id ?? nil, name: try body.requiredString("name"), vcpus: try body.requiredInteger("vcpus"),
                memoryMiB: try body.requiredInteger("ram"), rootDiskGiB: try body.requiredInteger("disk"),
                ephemeralGiB: try body.integer("OS-FLV-EXT-DATA:ephemeral") ?? 0,
                swapMiB: try body.integer("swap") ?? 0,
                isPublic: try body.bool("os-flavor-access:is_public") ?? true)
            let flavor = try await compute.createFlavor(try context.caller(), draft)
            return try Response.json(["flavor": render.flavor(flavor)])
        }
        group.delete("flavors/:id") { _, context in
            try await compute.deleteFlavor(try context.caller(), id: try context.parameter("id"))
            return Response.empty(.accepted)
        }
    }

    private func listFlavors(_ request: Request, _ context: Context) async throws -> (FlavorListFilter, [Flavor]) {
        var filter = FlavorListFilter()
        filter.minDiskGiB = try Self.nonNegative(request.query("minDisk"), "minDisk")
        filter.minMemoryMiB = try Self.nonNegative(request.query("minRam"), "minRam")
        filter.limit = try Self.nonNegative(request.query("limit"), "limit")
        filter.marker = request.query("marker")
        switch request.query("is_public")?.lowercased() {
        case nil, "true", "t", "1", "yes", "y", "on": filter.isPublic = true
        case "false", "f", "0", "no", "n", "off": filter.isPublic = false
        case "none": filter.isPublic = nil
        case let other?: throw APIError.badRequest("Invalid is_public filter [\(other)]")
        }
        if let marker = filter.marker {
            _ = try await compute.getFlavor(try context.caller(), id: marker)
        }
        return (filter, try await compute.listFlavors(try context.caller(), filter: filter))
    }

    static func nonNegative(_ text: String?, _ name: String) throws -> Int? {
        guard let text else { return nil }
        guard let value = Int(text), value >= 0 else {
            throw APIError.badRequest("Invalid input for query parameters \(name). Value: \(text).")
        }
        return value
    }
}

extension ComputeRenderer {
    func flavorSummary(_ flavor: Flavor) -> JSONValue {
        ["id": .string(flavor.id), "name": .string(flavor.name), "links": links("flavors", flavor.id)]
    }

    /// The 2.1 shape; `swap` is "" when there is none, as Nova renders it.
    func flavor(_ flavor: Flavor) -> JSONValue {
        [
            "id": .string(flavor.id), "name": .string(flavor.name), "ram": .int(flavor.memoryMiB),
            "disk": .int(flavor.rootDiskGiB), "swap": flavor.swapMiB == 0 ? "" : .int(flavor.swapMiB),
            "OS-FLV-EXT-DATA:ephemeral": .int(flavor.ephemeralGiB), "OS-FLV-DISABLED:disabled": false,
            "vcpus": .int(flavor.vcpus), "os-flavor-access:is_public": .bool(flavor.isPublic),
            "rxtx_factor": .double(1.0), "links": links("flavors", flavor.id),
        ]
    }

    /// A full page gets a `next` link with the last id as marker.
    func flavorList(_ items: [JSONValue], filter: FlavorListFilter, path: String) -> JSONValue {
        var body: [String: JSONValue] = ["flavors": .array(items)]
        if let limit = filter.limit, limit > 0, items.count == limit, let last = items.last?["id"]?.stringValue {
            body["flavors_links"] = [["rel": "next", "href": .string("\(v21)/\(path)?limit=\(limit)&marker=\(last)")]]
        }
        return .object(body)
    }
}
