import Foundation
import Hummingbird
import StratusCore

/// `/servers/{id}/os-server-password`: the encrypted password a guest agent posts
/// to the metadata service. Stratus has no metadata service yet, so no guest has
/// posted one: Nova's answer for that case is the empty string, and clearing it
/// changes nothing. Visibility and policy are the server's.
extension ComputeFront {
    func addServerPasswordRoutes(_ api: RouterGroup<Context>) {
        api.get("servers/:id/os-server-password") { _, context in
            _ = try await compute.serverPassword(try context.caller(), id: try context.parameter("id"))
            return try Response.json(["password": ""])
        }
        api.delete("servers/:id/os-server-password") { _, context in
            try await compute.clearServerPassword(try context.caller(), id: try context.parameter("id"))
            return Response.empty(.noContent)
        }
    }
}
