import Foundation
import Hummingbird
import StratusCore

/// Cinder's quota routes: `GET /limits` (absolute limits with `total…Used`;
/// no rate limits), os-quota-sets (show, `?usage=True`, defaults, update,
/// delete) and os-quota-class-sets, each with or without the project in the path.
extension BlockStorageFront {
    func addQuotaRoutes(_ api: RouterGroup<Context>, prefix: String) {
        api.get("\(prefix)limits") { request, context in
            try Self.checkProject(context, volumes)
            // Cinder's 3.39 `project_id` (and the older `tenant_id`): an administrator's choice.
            let query = request.uri.queryParameters
            let requested = query.get("project_id") ?? query.get("tenant_id")
            let limits = try await volumes.absoluteLimits(try context.caller(), projectID: requested)
            return try Response.json(["limits": ["rate": [], "absolute": .object(Self.absolute(limits))]])
        }
        api.get("\(prefix)os-quota-sets/:target_id") { request, context in
            try Self.checkProject(context, volumes)
            let caller = try context.caller()
            let target = try context.parameter("target_id")
            guard try Self.usageRequested(request) else {
                return try Response.json(["quota_set": Self.quotaSet(try await volumes.quotaSet(caller, projectID: target), id: target)])
            }
            let lines = try await volumes.quotaUsage(caller, projectID: target)
            var fields: [String: JSONValue] = lines.mapValues { line in
                ["limit": .int(line.limit), "in_use": .int(line.inUse), "reserved": .int(line.reserved), "allocated": 0]
            }
            fields["id"] = .string(target)
            return try Response.json(["quota_set": .object(fields)])
        }
        api.get("\(prefix)os-quota-sets/:target_id/defaults") { _, context in
            try Self.checkProject(context, volumes)
            let target = try context.parameter("target_id")
            let defaults = try await volumes.defaultQuotaSet(try context.caller(), projectID: target)
            return try Response.json(["quota_set": Self.quotaSet(defaults, id: target)])
        }
        api.put("\(prefix)os-quota-sets/:target_id") { request, context in
            try Self.checkProject(context, volumes)
            let limits = try Self.quotaLimits(try await request.jsonBody(limit: context.maxUploadSize), key: "quota_set")
            let updated = try await volumes.updateQuotaSet(
                try context.caller(), projectID: try context.parameter("target_id"), limits)
            // Cinder's update answers without the id.
            return try Response.json(["quota_set": Self.quotaSet(updated, id: nil)])
        }
        api.delete("\(prefix)os-quota-sets/:target_id") { _, context in
            try Self.checkProject(context, volumes)
            try await volumes.deleteQuotaSet(try context.caller(), projectID: try context.parameter("target_id"))
            return Response.empty(.ok)
        }
        api.get("\(prefix)os-quota-class-sets/:class_name") { _, context in
            try Self.checkProject(context, volumes)
            let name = try context.parameter("class_name")
            let limits = try await volumes.quotaClassSet(try context.caller(), name: name)
            return try Response.json(["quota_class_set": Self.quotaSet(limits, id: name)])
        }
        api.put("\(prefix)os-quota-class-sets/:class_name") { request, context in
            try Self.checkProject(context, volumes)
            let limits = try Self.quotaLimits(try await request.jsonBody(limit: context.maxUploadSize), key: "quota_class_set")
            let updated = try await volumes.updateQuotaClassSet(
                try context.caller(), name: try context.parameter("class_name"), limits)
            return try Response.json(["quota_class_set": Self.quotaSet(updated, id: nil)])
        }
    }

    static func quotaSet(_ limits: [String: Int], id: String?) -> JSONValue {
        var fields = limits.mapValues { JSONValue.int($0) }
        if let id { fields["id"] = .string(id) }
        return .object(fields)
    }

    /// Cinder's view of limits and usage (`views/limits.py`, `used_limits`).
    static func absolute(_ limits: VolumeLimits) -> [String: JSONValue] {
        let names = [
            ("maxTotalVolumes", "volumes"), ("maxTotalVolumeGigabytes", "gigabytes"), ("maxTotalSnapshots", "snapshots"),
            ("maxTotalBackups", "backups"), ("maxTotalBackupGigabytes", "backup_gigabytes"),
        ]
        var absolute: [String: JSONValue] = [:]
        for (name, resource) in names { if let limit = limits.limits[resource] { absolute[name] = .int(limit) } }
        if let used = limits.used {
            let usedNames = [
                ("totalVolumesUsed", "volumes"), ("totalGigabytesUsed", "gigabytes"), ("totalSnapshotsUsed", "snapshots"),
                ("totalBackupsUsed", "backups"), ("totalBackupGigabytesUsed", "backup_gigabytes"),
            ]
            for (name, resource) in usedNames { absolute[name] = .int(used[resource] ?? 0) }
        }
        return absolute
    }

    /// `usage` as Cinder reads it (`get_bool_param`: oslo's strict booleans).
    static func usageRequested(_ request: Request) throws -> Bool {
        guard let value = request.uri.queryParameters.get("usage") else { return false }
        switch value.lowercased() {
        case "1", "t", "true", "on", "y", "yes": return true
        case "0", "f", "false", "off", "n", "no": return false
        default: throw ComputeError.badRequest("Value '\(value)' for 'usage' is not a boolean.")
        }
    }

    /// `{"<key>": {resource: limit}}`: integers or strings of digits, as Cinder's
    /// `validate_integer` takes them; `id` and `tenant_id` are not limits. Names
    /// and ranges are the core's to check.
    static func quotaLimits(_ json: JSONValue, key: String) throws -> [String: Int] {
        guard case .object(let top) = json, let inner = top[key] else {
            throw ComputeError.badRequest("Invalid input for field/attribute \(key). '\(key)' is a required property")
        }
        guard case .object(let members) = inner else {
            throw ComputeError.badRequest("Invalid input for field/attribute \(key). Value: \(inner). \(inner) is not of type 'object'")
        }
        if let extra = top.keys.first(where: { $0 != key }) {
            throw ComputeError.badRequest("Additional properties are not allowed ('\(extra)' was unexpected)")
        }
        guard !members.isEmpty else {
            throw ComputeError.badRequest("Invalid input for field/attribute \(key). Value: {}. {} does not have enough properties")
        }
        var limits: [String: Int] = [:]
        for (name, value) in members.sorted(by: { $0.key < $1.key }) where key == "quota_class_set" || !["id", "tenant_id"].contains(name) {
            // An unknown name is refused as such whatever its value (Cinder's order).
            guard VolumeService.quotaResources.contains(name) else { limits[name] = 0; continue }
            switch value {
            case .int(let number): limits[name] = number
            case .double(let number) where number == number.rounded() && abs(number) < 1e15: limits[name] = Int(number)
            case .string(let text) where Int(text.trimmingCharacters(in: .whitespaces)) != nil:
                limits[name] = Int(text.trimmingCharacters(in: .whitespaces))
            default: throw ComputeError.badRequest("\(name) must be an integer")
            }
        }
        return limits
    }
}
