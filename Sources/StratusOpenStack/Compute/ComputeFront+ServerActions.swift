import Foundation
import Hummingbird
import StratusCore

extension ComputeFront {
    /// `POST /servers/{id}/action`: one action named by the body's only key.
    func addServerActionRoutes(_ group: RouterGroup<Context>) {
        group.post("servers/:id/action") { request, context in
            let caller = try context.caller()
            let id = try context.parameter("id")
            guard case .object(let body) = try await request.jsonBody(limit: context.maxUploadSize),
                  body.count == 1, let (name, argument) = body.first
            else { throw APIError.badRequest("Malformed request body: one action is expected.") }
            switch name {
            case "os-start": try await compute.performServerAction(caller, id: id, .start)
            case "os-stop": try await compute.performServerAction(caller, id: id, .stop)
            case "pause": try await compute.performServerAction(caller, id: id, .pause)
            case "unpause": try await compute.performServerAction(caller, id: id, .unpause)
            case "suspend": try await compute.performServerAction(caller, id: id, .suspend)
            case "resume": try await compute.performServerAction(caller, id: id, .resume)
            case "reboot":
                let reboot = try JSONObjectReader(argument, field: "reboot")
                switch try reboot.string("type")?.uppercased() {
                case "SOFT": try await compute.performServerAction(caller, id: id, .rebootSoft)
                case "HARD": try await compute.performServerAction(caller, id: id, .rebootHard)
                case let other:
                    throw APIError.badRequest("Invalid input for field/attribute type. Value: \(other ?? "None"). '\(other ?? "None")' is not one of ['HARD', 'Hard', 'hard', 'SOFT', 'Soft', 'soft']")
                }
            case "lock":
                try await compute.lockServer(caller, id: id, reason: try Self.lockReason(argument, context.computeVersion))
            case "unlock": try await compute.unlockServer(caller, id: id)
            case "forceDelete": try await compute.deleteServer(caller, id: id, force: true)
            case "restore": try await compute.performServerAction(caller, id: id, .restore)
            case "injectNetworkInfo": try await compute.injectNetworkInfo(caller, id: id)
            case "os-resetState":
                let reset = try JSONObjectReader(argument, field: "os-resetState")
                try ServerRequestDecoder.rejectUnknown(reset, allowed: ["state"], field: "os-resetState")
                let value = try reset.string("state")
                guard let state = value.flatMap(ComputeService.ResetState.init(rawValue:)) else {
                    throw APIError.badRequest("Invalid input for field/attribute state. Value: \(value ?? "None"). '\(value ?? "None")' is not one of ['active', 'error']")
                }
                try await compute.resetServerState(caller, id: id, to: state)
            case "createImage":
                return try await createImageAction(argument, caller: caller, id: id, version: context.computeVersion)
            case "createBackup":
                return try await createBackupAction(argument, caller: caller, id: id, version: context.computeVersion)
            case "rebuild":
                let version = context.computeVersion
                let (instance, adminPass) = try await compute.rebuildServer(
                    caller, id: id, try ServerRequestDecoder.rebuild(argument, version: version))
                guard case .object(var fields) = try await serverView(instance, caller, version, .rebuild)
                else { return Response.empty(.accepted) }
                fields["adminPass"] = .string(adminPass)
                // Rebuild's user data is its own top-level field (2.57), never the
                // extended attribute its full view (2.75) would otherwise carry.
                fields["OS-EXT-SRV-ATTR:user_data"] = nil
                if version >= Microversion(2, 57) { fields["user_data"] = instance.userData.map(JSONValue.string) ?? .null }
                var response = try Response.json(["server": .object(fields)], status: .accepted)
                response.headers[.location] = "\(render.v21)/servers/\(id)"
                return response
            case "addSecurityGroup", "removeSecurityGroup":
                let group = try JSONObjectReader(argument, field: name)
                guard let groupName = try group.string("name"), !groupName.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw APIError.badRequest("Security group name cannot be empty")
                }
                try await compute.changeSecurityGroup(caller, id: id, name: groupName, add: name == "addSecurityGroup")
            case "os-getConsoleOutput":
                let options = try JSONObjectReader(argument, field: "os-getConsoleOutput")
                let length = options.members["length"] == .null ? nil : try options.integer("length")
                let output = try await compute.consoleOutput(caller, id: id, lines: length)
                return try Response.json(["output": .string(output)])
            default:
                if let response = try await moveAction(name, argument, caller: caller, id: id, version: context.computeVersion) {
                    return response
                }
                throw APIError.badRequest("There is no such action: \(name)")
            }
            return Response.empty(.accepted)
        }
    }

    /// 2.73: `{"lock": {"locked_reason": "..."}}` or `{"lock": null}`; before it
    /// the body is not read (Nova 2.72 accepts and drops a reason).
    static func lockReason(_ argument: JSONValue, _ version: Microversion) throws -> String? {
        guard version >= Microversion(2, 73), argument != .null else { return nil }
        guard case .object = argument else {
            throw APIError.badRequest("Invalid input for field/attribute lock. Value: \(argument). \(argument) is not of type 'object', 'null'")
        }
        let lock = try JSONObjectReader(argument, field: "lock")
        try ServerRequestDecoder.rejectUnknown(lock, allowed: ["locked_reason"], field: "lock")
        guard let reason = try lock.string("locked_reason") else { return nil }
        if reason.isEmpty {
            throw APIError.badRequest("Invalid input for field/attribute locked_reason. Value: . '' should be non-empty")
        }
        if reason.count > 255 {
            throw APIError.badRequest("Invalid input for field/attribute locked_reason. Value: \(reason). '\(reason)' is too long")
        }
        return reason
    }
}
