import Foundation

/// What `rebuild` may change besides the image.
public struct RebuildRequest: Sendable, Equatable {
    public var imageRef: String
    public var name: String?
    public var metadata: [String: String]?
    public var adminPass: String?
    public var accessIPv4: String?
    public var accessIPv6: String?
    public var description: String??

    public init(
        imageRef: String, name: String? = nil, metadata: [String: String]? = nil, adminPass: String? = nil,
        accessIPv4: String? = nil, accessIPv6: String? = nil, description: String?? = nil
    ) {
        self.imageRef = imageRef
        self.name = name
        self.metadata = metadata
        self.adminPass = adminPass
        self.accessIPv4 = accessIPv4
        self.accessIPv6 = accessIPv6
        self.description = description
    }
}

extension ComputeService {
    /// Rebuilds a server from an image (the same or another): the image is
    /// checked as at create, the task is committed, and the host re-creates the
    /// guest. Returns the server as it is now and the admin password.
    public func rebuildServer(_ caller: Caller, id: String, _ request: RebuildRequest) async throws -> (Instance, String) {
        var instance = try await visibleInstance(caller, id: id)
        try authorize(.rebuildServer, caller, target: ["project_id": instance.projectID])
        try requireUnlocked(instance, caller)
        do {
            try InstanceStateMachine.check(.rebuild, on: instance.state, instanceID: id)
        } catch {
            throw error.computeError
        }
        let image = try await bootImage(request.imageRef, caller)
        try ServerValidation.check(flavor: instance.flavor, fits: image)
        if let name = request.name {
            try ServerValidation.checkName(name)
            instance.name = name
        }
        if let metadata = request.metadata {
            var draft = ServerDraft(name: instance.name, imageRef: image.id, flavorRef: instance.flavor.id)
            draft.metadata = metadata
            try ServerValidation.check(draft)
            instance.metadata = metadata
        }
        if let address = request.accessIPv4 { instance.accessIPv4 = address }
        if let address = request.accessIPv6 { instance.accessIPv6 = address }
        if let description = request.description { instance.description = description }
        instance.imageID = image.id
        try await transition(instance, action: .rebuild, caller: caller, policyAction: .rebuildServer)
        return (try await visibleInstance(caller, id: id), request.adminPass ?? Self.generatedPassword(ids))
    }
}
