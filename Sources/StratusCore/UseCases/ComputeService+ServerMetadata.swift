import Foundation

extension ComputeService {
    public func serverMetadata(_ caller: Caller, id: String) async throws -> [String: String] {
        let instance = try await visibleInstance(caller, id: id)
        try authorize(.listMetadata, caller, target: ["project_id": instance.projectID])
        return instance.metadata
    }

    /// `POST` merges, `PUT` (replace) swaps the whole set, a single key is set
    /// or deleted on its own. Locked servers refuse all of them but reads.
    public func changeServerMetadata(
        _ caller: Caller, id: String, _ change: MetadataChange
    ) async throws -> [String: String] {
        var instance = try await visibleInstance(caller, id: id)
        let action: ComputePolicy.Action
        switch change {
        case .merge: action = .createMetadata
        case .replace: action = .replaceMetadata
        case .set: action = .updateMetadata
        case .delete: action = .deleteMetadata
        }
        try authorize(action, caller, target: ["project_id": instance.projectID])
        try requireUnlocked(instance, caller)
        try requireState(.updateMetadata, instance)
        switch change {
        case .merge(let items): instance.metadata.merge(items) { _, new in new }
        case .replace(let items): instance.metadata = items
        case .set(let key, let value): instance.metadata[key] = value
        case .delete(let key):
            guard instance.metadata.removeValue(forKey: key) != nil else {
                throw ComputeError.notFound("Metadata item was not found")
            }
        }
        for (key, value) in instance.metadata where key.isEmpty || key.count > 255 || value.count > 255 {
            throw ComputeError.badRequest("Invalid input for field/attribute metadata. Value: \(key). Metadata keys and values must be at most 255 characters")
        }
        let limits = try await quotaLimits(projectID: instance.projectID)
        if limits.metadataItems >= 0, instance.metadata.count > limits.metadataItems {
            throw ComputeError.forbidden("Quota exceeded for metadata_items: Requested \(instance.metadata.count), but already used 0 of \(limits.metadataItems) metadata_items")
        }
        instance.updatedAt = clock.now()
        try await store.commit([.updateInstance(instance), audit(caller, action.rawValue, "server", id)])
        return instance.metadata
    }
}

public enum MetadataChange: Sendable, Equatable {
    case merge([String: String])
    case replace([String: String])
    case set(key: String, value: String)
    case delete(key: String)
}
