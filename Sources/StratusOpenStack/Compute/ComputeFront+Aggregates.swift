import Foundation
import Hummingbird
import StratusCore

extension ComputeFront {
    /// `/os-aggregates[/{id}]` and its `add_host`, `remove_host` and
    /// `set_metadata` actions, with Nova's schemas; 2.41 shows each aggregate's uuid.
    func addAggregateRoutes(_ group: RouterGroup<Context>) {
        group.get("os-aggregates") { _, context in
            let aggregates = try await compute.listAggregates(try context.caller())
            return try Response.json(["aggregates": .array(aggregates.map { render.aggregate($0, version: context.computeVersion) })])
        }
        group.post("os-aggregates") { request, context in
            let body = try JSONObjectReader(wrapped: try await request.jsonBody(limit: context.maxUploadSize), key: "aggregate")
            try ServerRequestDecoder.rejectUnknown(body, allowed: ["name", "availability_zone"], field: "aggregate")
            guard body.members["name"] != nil else {
                throw APIError.badRequest("Invalid input for field/attribute aggregate. 'name' is a required property")
            }
            let name = try Self.aggregateName(body, "name")
            let zone = try Self.aggregateZone(body)
            let aggregate = try await compute.createAggregate(try context.caller(), name: name ?? "", zone: zone ?? nil)
            guard case .object(var fields) = render.aggregate(aggregate, version: context.computeVersion) else {
                return Response.empty(.ok)
            }
            (fields["hosts"], fields["metadata"]) = (nil, nil)  // Nova's create answer has neither
            return try Response.json(["aggregate": .object(fields)])
        }
        group.get("os-aggregates/:id") { _, context in
            let aggregate = try await compute.aggregate(try context.caller(), id: try Self.aggregateID(context))
            return try Response.json(["aggregate": render.aggregate(aggregate, version: context.computeVersion)])
        }
        group.put("os-aggregates/:id") { request, context in
            let body = try JSONObjectReader(wrapped: try await request.jsonBody(limit: context.maxUploadSize), key: "aggregate")
            try ServerRequestDecoder.rejectUnknown(body, allowed: ["name", "availability_zone"], field: "aggregate")
            if body.members.isEmpty {
                throw APIError.badRequest("Invalid input for field/attribute aggregate. Value: {}. {} is not valid under any of the given schemas")
            }
            let aggregate = try await compute.updateAggregate(
                try context.caller(), id: try Self.aggregateID(context), name: try Self.aggregateName(body, "name"),
                zone: try Self.aggregateZone(body))
            return try Response.json(["aggregate": render.aggregate(aggregate, version: context.computeVersion)])
        }
        group.delete("os-aggregates/:id") { _, context in
            try await compute.deleteAggregate(try context.caller(), id: try Self.aggregateID(context))
            return Response.empty(.ok)
        }
        group.post("os-aggregates/:id/action") { request, context in
            let caller = try context.caller()
            let body = try await request.jsonBody(limit: context.maxUploadSize)
            guard case .object(let actions) = body, actions.count == 1, let (name, argument) = actions.first else {
                throw APIError.badRequest("Invalid request body")
            }
            let id = try Self.aggregateID(context)
            let aggregate: HostAggregate
            switch name {
            case "add_host", "remove_host":
                let reader = try JSONObjectReader(argument, field: name)
                try ServerRequestDecoder.rejectUnknown(reader, allowed: ["host"], field: name)
                guard let host = try reader.string("host") else {
                    throw APIError.badRequest("Invalid input for field/attribute \(name). Value: \(argument). 'host' is a required property")
                }
                aggregate = name == "add_host"
                    ? try await compute.addAggregateHost(caller, id: id, host: host)
                    : try await compute.removeAggregateHost(caller, id: id, host: host)
            case "set_metadata":
                let reader = try JSONObjectReader(argument, field: name)
                try ServerRequestDecoder.rejectUnknown(reader, allowed: ["metadata"], field: name)
                guard let metadata = try reader.object("metadata") else {
                    throw APIError.badRequest("Invalid input for field/attribute set_metadata. Value: \(argument). 'metadata' is a required property")
                }
                aggregate = try await compute.setAggregateMetadata(caller, id: id, try Self.aggregateMetadata(metadata))
            default:
                throw APIError.badRequest("There is no such action: \(name)")
            }
            return try Response.json(["aggregate": render.aggregate(aggregate, version: context.computeVersion)])
        }
    }

    /// Nova's `validate_integer(id)`.
    private static func aggregateID(_ context: Context) throws -> Int {
        let text = try context.parameter("id")
        guard let id = Int(text) else { throw APIError.badRequest("Invalid input received: id must be an integer") }
        return id
    }

    /// Nova's `name` type (servers' rule: 1–255 printable characters, no leading or
    /// trailing whitespace).
    private static func aggregateName(_ body: JSONObjectReader, _ key: String) throws -> String? {
        guard let name = try body.string(key) else { return nil }
        try ServerValidation.checkName(name, field: key)
        return name
    }

    /// `availability_zone`: a name as above, or null (no zone).
    private static func aggregateZone(_ body: JSONObjectReader) throws -> String?? {
        guard let zone = try body.nullableString("availability_zone") else { return nil }
        if let zone { try ServerValidation.checkName(zone, field: "availability_zone") }
        return .some(zone)
    }

    /// `set_metadata`'s map: keys of 1–255 characters, values of at most 255 or null.
    private static func aggregateMetadata(_ metadata: JSONObjectReader) throws -> [String: String?] {
        var result: [String: String?] = [:]
        for (key, value) in metadata.members {
            guard (1...255).contains(key.count) else {
                throw APIError.badRequest("Invalid input for field/attribute metadata. Value: \(metadata.members). '\(key)' does not match any of the regexes")
            }
            switch value {
            case .null: result[key] = .some(nil)
            case .string(let text) where text.count <= 255: result[key] = text
            default:
                throw APIError.badRequest("Invalid input for field/attribute \(key). Value: \(value). \(value) is not of type 'string', 'null'")
            }
        }
        return result
    }
}

extension ComputeRenderer {
    /// Nova's aggregate object: the zone beside the metadata that holds it, Nova's
    /// soft-delete fields, and the uuid from 2.41.
    func aggregate(_ aggregate: HostAggregate, version: Microversion) -> JSONValue {
        var fields: [String: JSONValue] = [
            "id": .int(aggregate.id), "name": .string(aggregate.name),
            "availability_zone": aggregate.availabilityZone.map(JSONValue.string) ?? .null,
            "hosts": .array(aggregate.hosts.map(JSONValue.string)),
            "metadata": .object(aggregate.metadata.mapValues(JSONValue.string)),
            "created_at": .string(UTCTimestamp.microseconds(aggregate.createdAt)),
            "updated_at": aggregate.updatedAt.map { .string(UTCTimestamp.microseconds($0)) } ?? .null,
            "deleted_at": .null, "deleted": false,
        ]
        if version >= Microversion(2, 41) { fields["uuid"] = .string(aggregate.uuid) }
        return .object(fields)
    }
}
