import Foundation

/// An event Neutron or Cinder sends Nova about a server (`os-server-external-events`).
public struct ServerExternalEvent: Sendable, Equatable {
    public var name: String
    public var serverID: String
    public var status: String
    public var tag: String?

    public init(name: String, serverID: String, status: String = "completed", tag: String? = nil) {
        self.name = name
        self.serverID = serverID
        self.status = status
        self.tag = tag
    }
}

extension ComputeService {
    /// Nova's events that must name what they are about.
    static let taggedExternalEvents: Set<String> = ["volume-extended", "power-update", "accelerator-request-bound"]

    /// Nova's per-event answer: 200 for a server on a host, 404 for an unknown one,
    /// 422 for one on no host, 400 for a missing tag. Accepted events change nothing
    /// here: Stratus's own network and volume services commit what these events
    /// would tell a Nova (a port's change is in the server's transaction), and a
    /// `power-update` is for Ironic's driver only, as in Nova.
    public func receiveExternalEvents(_ caller: Caller, _ events: [ServerExternalEvent]) async throws -> [Int] {
        try authorize(.createExternalEvents, caller)
        var codes: [Int] = []
        for event in events {
            guard let instance = try await store.instance(id: event.serverID), !instance.isDeleted else {
                codes.append(404)
                continue
            }
            if Self.taggedExternalEvents.contains(event.name), event.tag == nil {
                codes.append(400)
            } else {
                codes.append(instance.hostID == nil ? 422 : 200)
            }
        }
        return codes
    }
}
