import Foundation
import Hummingbird
import StratusCore

extension ComputeFront {
    /// `POST /servers/{id}/action`: one action named by the body's only key.
    func addServerActionRoutes(_ group: RouterGroup<Context>) {
        group.post("servers/:id/action") { request, context in
            let caller = try context.caller()
            let id = try context.parameter("id")
            let version = context.computeVersion
            let action = try ServerActionRequest.decode(try await request.jsonBody(limit: context.maxUploadSize), version: version)
            return try await perform(action, caller: caller, id: id, version: version)
        }
    }

    /// Every action decides here, with no catch-all.
    func perform(_ action: ServerActionRequest, caller: Caller, id: String, version: Microversion) async throws -> Response {
        switch action {
        case .start: try await compute.performServerAction(caller, id: id, .start)
        case .stop: try await compute.performServerAction(caller, id: id, .stop)
        case .pause: try await compute.performServerAction(caller, id: id, .pause)
        case .unpause: try await compute.performServerAction(caller, id: id, .unpause)
        case .suspend: try await compute.performServerAction(caller, id: id, .suspend)
        case .resume: try await compute.performServerAction(caller, id: id, .resume)
        case .restore: try await compute.performServerAction(caller, id: id, .restore)
        case .reboot(let hard): try await compute.performServerAction(caller, id: id, hard ? .rebootHard : .rebootSoft)
        case .lock(let reason): try await compute.lockServer(caller, id: id, reason: reason)
        case .unlock: try await compute.unlockServer(caller, id: id)
        case .forceDelete: try await compute.deleteServer(caller, id: id, force: true)
        case .injectNetworkInfo: try await compute.injectNetworkInfo(caller, id: id)
        case .resetState(let state): try await compute.resetServerState(caller, id: id, to: state)
        case .addSecurityGroup(let name): try await compute.changeSecurityGroup(caller, id: id, name: name, add: true)
        case .removeSecurityGroup(let name): try await compute.changeSecurityGroup(caller, id: id, name: name, add: false)
        case .consoleOutput(let length):
            let output = try await compute.consoleOutput(caller, id: id, lines: length)
            return try Response.json(["output": .string(output)])
        case .resize(let flavorRef): try await compute.resizeServer(caller, id: id, flavorRef: flavorRef)
        case .confirmResize:
            try await compute.confirmResize(caller, id: id)
            return Response.empty(.noContent)
        case .revertResize: try await compute.revertResize(caller, id: id)
        case .migrate(let host): try await compute.migrateServer(caller, id: id, host: host)
        case .liveMigrate(let argument): return try await liveMigrateAction(argument, caller: caller, id: id, version: version)
        case .createImage(let argument): return try await createImageAction(argument, caller: caller, id: id, version: version)
        case .createBackup(let argument): return try await createBackupAction(argument, caller: caller, id: id, version: version)
        case .rebuild(let argument): return try await rebuildAction(argument, caller: caller, id: id, version: version)
        }
        return Response.empty(.accepted)
    }

    func rebuildAction(_ argument: JSONValue, caller: Caller, id: String, version: Microversion) async throws -> Response {
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
