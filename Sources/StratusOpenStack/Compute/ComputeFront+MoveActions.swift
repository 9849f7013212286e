import Foundation
import Hummingbird
import StratusCore

extension ComputeFront {
    /// The server actions that move a server: resize, confirmResize,
    /// revertResize and (administrators) migrate and os-migrateLive. Nil when `name` is none of them.
    func moveAction(
        _ name: String, _ argument: JSONValue, caller: Caller, id: String, version: Microversion
    ) async throws -> Response? {
        switch name {
        case "resize":
            let body = try JSONObjectReader(argument, field: "resize")
            let allowed: Set<String> = ["flavorRef", "OS-DCF:diskConfig"]
            if let unexpected = body.members.keys.sorted().first(where: { !allowed.contains($0) }) {
                throw APIError.badRequest("Invalid input for field/attribute resize. Additional properties are not allowed ('\(unexpected)' was unexpected)")
            }
            guard let flavorRef = body.members["flavorRef"] else {
                throw APIError.badRequest("Invalid input for field/attribute resize. 'flavorRef' is a required property")
            }
            let reference: String
            switch flavorRef {
            case .string(let text) where !text.isEmpty: reference = text
            case .int(let number): reference = String(number)
            default:
                throw APIError.badRequest("Invalid input for field/attribute flavorRef. Value: \(flavorRef). \(flavorRef) is not of type 'string', 'integer'")
            }
            try await compute.resizeServer(caller, id: id, flavorRef: ServerRequestDecoder.lastPathComponent(reference))
        case "confirmResize":
            try await compute.confirmResize(caller, id: id)
            return Response.empty(.noContent)
        case "revertResize":
            try await compute.revertResize(caller, id: id)
        case "migrate":
            // 2.56 lets an administrator name the destination; before it the body is null.
            var host: String?
            if version >= Microversion(2, 56), case .object = argument {
                let body = try JSONObjectReader(argument, field: "migrate")
                if let unexpected = body.members.keys.first(where: { $0 != "host" }) {
                    throw APIError.badRequest("Invalid input for field/attribute migrate. Additional properties are not allowed ('\(unexpected)' was unexpected)")
                }
                host = body.members["host"] == .null ? nil : try body.string("host")
            }
            try await compute.migrateServer(caller, id: id, host: host)
        case "os-migrateLive":
            return try await liveMigrateAction(argument, caller: caller, id: id, version: version)
        default:
            return nil
        }
        return Response.empty(.accepted)
    }
}
