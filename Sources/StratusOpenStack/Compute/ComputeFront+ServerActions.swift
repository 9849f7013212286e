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
                // The reason exists from 2.73; before it the body is ignored (Nova 2.72 accepts and drops it).
                var reason: String?
                if context.computeVersion >= Microversion(2, 73), case .object = argument {
                    let lock = try JSONObjectReader(argument, field: "lock")
                    if let unexpected = lock.members.keys.first(where: { $0 != "locked_reason" }) {
                        throw APIError.badRequest("Invalid input for field/attribute lock. Additional properties are not allowed ('\(unexpected)' was unexpected)")
                    }
                    reason = try lock.string("locked_reason")
                }
                try await compute.lockServer(caller, id: id, reason: reason)
            case "unlock": try await compute.unlockServer(caller, id: id)
            case "forceDelete": try await compute.deleteServer(caller, id: id, force: true)
            case "rebuild":
                let (instance, adminPass) = try await compute.rebuildServer(
                    caller, id: id, try ServerRequestDecoder.rebuild(argument, version: context.computeVersion))
                guard case .object(var fields) = render.server(
                    instance, version: context.computeVersion, isAdmin: caller.auth.isAdmin)
                else { return Response.empty(.accepted) }
                fields["adminPass"] = .string(adminPass)
                return try Response.json(["server": .object(fields)], status: .accepted)
            case "os-getConsoleOutput":
                let options = try JSONObjectReader(argument, field: "os-getConsoleOutput")
                let length = options.members["length"] == .null ? nil : try options.integer("length")
                let output = try await compute.consoleOutput(caller, id: id, lines: length)
                return try Response.json(["output": .string(output)])
            default:
                throw APIError.badRequest("There is no such action: \(name)")
            }
            return Response.empty(.accepted)
        }
    }
}
