import Foundation

extension ComputeService {
    public func serverTags(_ caller: Caller, id: String) async throws -> [String] {
        let instance = try await visibleInstance(caller, id: id)
        try authorize(.listServerTags, caller, target: ["project_id": instance.projectID])
        return instance.tags
    }

    /// `GET /servers/{id}/tags/{tag}`: 204 when present, 404 otherwise.
    public func requireServerTag(_ caller: Caller, id: String, tag: String) async throws {
        let instance = try await visibleInstance(caller, id: id)
        try authorize(.showServerTag, caller, target: ["project_id": instance.projectID])
        guard instance.tags.contains(tag) else {
            throw ComputeError.notFound("Server \(id) has no tag '\(tag)'")
        }
    }

    /// Adds one tag; false when the server had it already (Nova answers 204, not 201).
    public func addServerTag(_ caller: Caller, id: String, tag: String) async throws -> Bool {
        try await changeTags(caller, id: id, action: .updateServerTag, verb: "update tag") { tags in
            try ServerTags.checkPathTag(tag)
            guard tags.count < ServerTags.maxCount else {
                throw ComputeError.badRequest("The number of tags exceeded the per-server limit \(ServerTags.maxCount)")
            }
            guard !tags.contains(tag) else { return false }
            tags.append(tag)
            return true
        }
    }

    public func replaceServerTags(_ caller: Caller, id: String, tags: [String]) async throws -> [String] {
        try ServerTags.checkList(tags)
        return try await changeTags(caller, id: id, action: .replaceServerTags, verb: "update tags") { current in
            current = tags
            return ServerTags.normalized(tags)
        }
    }

    public func deleteServerTag(_ caller: Caller, id: String, tag: String) async throws {
        try await changeTags(caller, id: id, action: .deleteServerTag, verb: "delete tag") { tags in
            guard let index = tags.firstIndex(of: tag) else {
                throw ComputeError.notFound("Instance \(id) has no tag '\(tag)'")
            }
            tags.remove(at: index)
        }
    }

    public func deleteServerTags(_ caller: Caller, id: String) async throws {
        try await changeTags(caller, id: id, action: .deleteServerTags, verb: "delete tags") { tags in tags = [] }
    }

    /// Nova's tag writes need a settled server (active, paused, suspended or
    /// stopped) and no lock check; they leave `updated` alone. A write racing
    /// another re-reads and applies again.
    @discardableResult
    private func changeTags<T>(
        _ caller: Caller, id: String, action: ComputePolicy.Action, verb: String,
        _ change: (inout [String]) throws -> T
    ) async throws -> T {
        for attempt in 1...8 {
            var instance = try await visibleInstance(caller, id: id)
            try authorize(action, caller, target: ["project_id": instance.projectID])
            guard [.active, .paused, .suspended, .stopped].contains(instance.state.vmState) else {
                throw ComputeError.conflict(
                    "Cannot '\(verb)' instance \(id) while it is in vm_state \(instance.state.vmState.rawValue)")
            }
            let result = try change(&instance.tags)
            instance.tags = ServerTags.normalized(instance.tags)
            do {
                try await store.commit([.updateInstance(instance), audit(caller, action.rawValue, "server", id)])
                return result
            } catch StoreError.versionConflict where attempt < 8 {
                continue
            }
        }
        throw Self.concurrentUpdate(id)
    }
}
