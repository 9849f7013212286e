import Foundation
import Hummingbird
import StratusCore

extension ComputeFront {
    /// `os-migrateLive`, with Nova's schema per microversion: `block_migration`
    /// and `host` are required (2.1 also `disk_over_commit`); `auto` arrives in
    /// 2.25, `force` lives in 2.30–2.67. `disk_over_commit` is accepted and
    /// ignored, as Nova's libvirt driver ignores it; `force` still runs the
    /// filters, because capacity and liveness hold for administrators too.
    func liveMigrateAction(_ argument: JSONValue, caller: Caller, id: String, version: Microversion) async throws -> Response {
        let field = "os-migrateLive"
        guard case .object = argument else {
            throw APIError.badRequest("Invalid input for field/attribute \(field). Value: \(argument). \(argument) is not of type 'object'")
        }
        let body = try JSONObjectReader(argument, field: field)
        var allowed: Set<String> = ["block_migration", "host"]
        var required = ["block_migration", "host"]
        if version < Microversion(2, 25) {
            allowed.insert("disk_over_commit")
            required.append("disk_over_commit")
        }
        if version >= Microversion(2, 30) && version < Microversion(2, 68) { allowed.insert("force") }
        try ServerRequestDecoder.rejectUnknown(body, allowed: allowed, field: field)
        if let missing = required.first(where: { body.members[$0] == nil }) {
            throw APIError.badRequest("Invalid input for field/attribute \(field). Value: \(argument). '\(missing)' is a required property")
        }
        let blockMigration = try Self.blockMigration(body.members["block_migration"], autoAllowed: version >= Microversion(2, 25))
        if let overcommit = body.members["disk_over_commit"], Self.boolean(overcommit) == nil {
            throw Self.notBoolean("disk_over_commit", overcommit)
        }
        if let force = body.members["force"] {
            guard case .bool = force else {
                throw APIError.badRequest("Invalid input for field/attribute force. Value: \(force). \(force) is not of type 'boolean'")
            }
        }
        let host = try Self.migrationHost(body.members["host"])
        try await compute.liveMigrateServer(caller, id: id, host: host, blockMigration: blockMigration)
        return Response.empty(.accepted)
    }

    static func blockMigration(_ value: JSONValue?, autoAllowed: Bool) throws -> ComputeService.BlockMigration {
        if autoAllowed, case .string("auto")? = value { return .auto }
        guard let value, let flag = boolean(value) else { throw notBoolean("block_migration", value ?? .null, auto: autoAllowed) }
        return flag ? .yes : .no
    }

    /// Nova's `hostname` type, nullable: letters, digits, `-`, `.`, `_`; 1–255 long.
    static func migrationHost(_ value: JSONValue?) throws -> String? {
        switch value {
        case .null?, nil: return nil
        case .string(let name)?:
            let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._"))
            guard !name.isEmpty, name.count <= 255, name.unicodeScalars.allSatisfy({ $0.isASCII && allowed.contains($0) })
            else {
                throw APIError.badRequest("Invalid input for field/attribute host. Value: \(name). '\(name)' does not match '^[a-zA-Z0-9-._]*$'")
            }
            return name
        case let other?:
            throw APIError.badRequest("Invalid input for field/attribute host. Value: \(other). \(other) is not of type 'string', 'null'")
        }
    }

    private static func notBoolean(_ field: String, _ value: JSONValue, auto: Bool = false) -> APIError {
        let choices = "[True, 'True', 'TRUE', 'true', '1', 'ON', 'On', 'on', 'YES', 'Yes', 'yes', False, 'False', 'FALSE', 'false', '0', 'OFF', 'Off', 'off', 'NO', 'No', 'no'\(auto ? ", 'auto'" : "")]"
        return APIError.badRequest("Invalid input for field/attribute \(field). Value: \(value). \(value) is not one of \(choices)")
    }
}
