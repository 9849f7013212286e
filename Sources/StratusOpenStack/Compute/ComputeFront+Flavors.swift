import Hummingbird
import StratusCore

extension ComputeFront {
    /// `/v2.1/flavors`, `/detail`, `/{id}`, create and delete.
    func addFlavorRoutes(_ group: RouterGroup<Context>) {
        group.get("flavors") { request, context in
            let (_, flavors) = try await listFlavors(request, context)
            let items = flavors.map { render.flavorSummary($0, version: context.computeVersion) }
            return try Response.json(render.flavorList(items, request: request, path: "flavors", lastID: flavors.last?.id))
        }
        group.get("flavors/detail") { request, context in
            let (_, flavors) = try await listFlavors(request, context)
            let extraSpecs = try flavorExtraSpecsShown(context)
            let items = flavors.map { render.flavor($0, version: context.computeVersion, extraSpecs: extraSpecs) }
            return try Response.json(render.flavorList(items, request: request, path: "flavors/detail", lastID: flavors.last?.id))
        }
        group.get("flavors/:id") { _, context in
            let flavor = try await compute.getFlavor(try context.caller(), id: try context.parameter("id"))
            return try Response.json(["flavor": render.flavor(
                flavor, version: context.computeVersion, extraSpecs: try flavorExtraSpecsShown(context))])
        }
        group.post("flavors") { request, context in
            let body = try JSONObjectReader(wrapped: try await request.jsonBody(limit: context.maxUploadSize), key: "flavor")
            let draft = try FlavorRequestDecoder.draft(body, version: context.computeVersion)
            let flavor = try await compute.createFlavor(try context.caller(), draft)
            return try Response.json(["flavor": render.flavor(
                flavor, version: context.computeVersion, extraSpecs: try flavorExtraSpecsShown(context))])
        }
        // 2.55: the description is the one thing that changes; before 2.55 the route does not exist.
        group.put("flavors/:id") { request, context in
            guard context.computeVersion >= Microversion(2, 55) else { throw APIError.notFound() }
            let body = try JSONObjectReader(wrapped: try await request.jsonBody(limit: context.maxUploadSize), key: "flavor")
            try ServerRequestDecoder.rejectUnknown(body, allowed: ["description"], field: "flavor")
            guard let description = try body.nullableString("description") else {
                throw APIError.badRequest("Invalid input for field/attribute flavor. Value: \(body.members). 'description' is a required property")
            }
            let flavor = try await compute.updateFlavorDescription(
                try context.caller(), id: try context.parameter("id"), description: description)
            return try Response.json(["flavor": render.flavor(
                flavor, version: context.computeVersion, extraSpecs: try flavorExtraSpecsShown(context))])
        }
        group.delete("flavors/:id") { _, context in
            try await compute.deleteFlavor(try context.caller(), id: try context.parameter("id"))
            return Response.empty(.accepted)
        }
    }

    private func listFlavors(_ request: Request, _ context: Context) async throws -> (FlavorListFilter, [Flavor]) {
        try StrictQuery.check(request, context.computeVersion, allowed: StrictQuery.flavorList)
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

    /// Nova's `parameter_types.boolean`: JSON booleans and their usual spellings.
    static func boolean(_ value: JSONValue?) -> Bool? {
        switch value {
        case .bool(let flag)?: return flag
        case .string(let text)?:
            switch text.lowercased() {
            case "true", "1", "on", "yes": return true
            case "false", "0", "off", "no": return false
            default: return nil
            }
        default: return nil
        }
    }

    static func checkPublicFlag(_ body: JSONObjectReader) throws {
        guard let value = body.members["os-flavor-access:is_public"], boolean(value) == nil else { return }
        throw APIError.badRequest("Invalid input for field/attribute os-flavor-access:is_public. Value: \(value). \(value) is not one of [True, 'True', 'TRUE', 'true', '1', 'ON', 'On', 'on', 'YES', 'Yes', 'yes', False, 'False', 'FALSE', 'false', '0', 'OFF', 'Off', 'off', 'NO', 'No', 'no']")
    }

    /// 2.61: flavors carry their extra specs for callers allowed to list them.
    func flavorExtraSpecsShown(_ context: Context) throws -> Bool {
        guard context.computeVersion >= Microversion(2, 61) else { return false }
        return compute.mayListExtraSpecs(try context.caller())
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
    /// 2.55 adds the description to every flavor view.
    func flavorSummary(_ flavor: Flavor, version: Microversion) -> JSONValue {
        var fields: [String: JSONValue] = [
            "id": .string(flavor.id), "name": .string(flavor.name), "links": links("flavors", flavor.id),
        ]
        if version >= Microversion(2, 55) { fields["description"] = flavor.description.map(JSONValue.string) ?? .null }
        return .object(fields)
    }

    /// The 2.1 shape (`swap` is "" when there is none below 2.75, 0 from it), the
    /// description from 2.55, extra specs from 2.61 when allowed.
    func flavor(_ flavor: Flavor, version: Microversion, extraSpecs: Bool) -> JSONValue {
        guard case .object(var fields) = flavorSummary(flavor, version: version) else { return .null }
        let noSwap: JSONValue = version >= Microversion(2, 75) ? 0 : ""
        fields.merge([
            "ram": .int(flavor.memoryMiB),
            "disk": .int(flavor.rootDiskGiB), "swap": flavor.swapMiB == 0 ? noSwap : .int(flavor.swapMiB),
            "OS-FLV-EXT-DATA:ephemeral": .int(flavor.ephemeralGiB), "OS-FLV-DISABLED:disabled": false,
            "vcpus": .int(flavor.vcpus), "os-flavor-access:is_public": .bool(flavor.isPublic),
            "rxtx_factor": .double(1.0),
        ]) { _, new in new }
        if extraSpecs { fields["extra_specs"] = .object(flavor.extraSpecs.mapValues(JSONValue.string)) }
        return .object(fields)
    }

    func flavorList(_ items: [JSONValue], request: Request, path: String, lastID: String?) -> JSONValue {
        var body: [String: JSONValue] = ["flavors": .array(items)]
        if let links = nextLinks(request, path: path, count: items.count, lastID: lastID) { body["flavors_links"] = links }
        return .object(body)
    }
}
