import Foundation

extension ComputeService {
    public func createServerGroup(
        _ caller: Caller, name: String, policy: ServerGroupPolicy, maxServerPerHost: Int? = nil
    ) async throws -> ServerGroup {
        try authorize(.createServerGroup, caller)
        guard let projectID = caller.auth.project?.id else {
            throw ComputeError.badRequest("Server groups can only be created with a project-scoped token.")
        }
        guard !name.isEmpty, name.count <= 255, name.trimmingCharacters(in: .whitespaces) == name else {
            throw ComputeError.badRequest("Invalid input for field/attribute name. Value: \(name). Server group name must be 1 to 255 characters without leading or trailing spaces")
        }
        if let maxServerPerHost, policy != .antiAffinity || maxServerPerHost < 1 {
            throw ComputeError.badRequest("Invalid input for field/attribute max_server_per_host. Value: \(maxServerPerHost). Only anti-affinity groups take a positive max_server_per_host")
        }
        let group = ServerGroup(
            id: ids.newUUID(), name: name, projectID: projectID, userID: caller.auth.user.id, policy: policy,
            maxServerPerHost: maxServerPerHost, createdAt: clock.now())
        let limit = try await quotaLimits(projectID: projectID).serverGroups
        do {
            try await store.commit([
                .insertServerGroup(group, quotaLimit: limit),
                audit(caller, ComputePolicy.Action.createServerGroup.rawValue, "server_group", group.id),
            ])
        } catch StoreError.quotaExceeded(let exceeded) {
            throw ComputeError.forbidden(exceeded.message)
        }
        return group
    }

    public func listServerGroups(_ caller: Caller, allProjects: Bool) async throws -> [ServerGroup] {
        try authorize(.listServerGroups, caller)
        if allProjects, caller.auth.isCloudAdmin {
            try authorize(.listServerGroupsAllProjects, caller)
            return try await store.serverGroups(projectID: nil)
        }
        return try await store.serverGroups(projectID: caller.auth.project?.id ?? "")
    }

    public func getServerGroup(_ caller: Caller, id: String) async throws -> ServerGroup {
        let group = try await visibleGroup(caller, id: id)
        try authorize(.showServerGroup, caller, target: ["project_id": group.projectID])
        return group
    }

    /// Deleting a group leaves its servers where they are; they just stop
    /// being members.
    public func deleteServerGroup(_ caller: Caller, id: String) async throws {
        let group = try await visibleGroup(caller, id: id)
        try authorize(.deleteServerGroup, caller, target: ["project_id": group.projectID])
        try await store.commit([
            .deleteServerGroup(id: id),
            audit(caller, ComputePolicy.Action.deleteServerGroup.rawValue, "server_group", id),
        ])
    }

    private func visibleGroup(_ caller: Caller, id: String) async throws -> ServerGroup {
        guard let group = try await store.serverGroup(id: id),
              caller.auth.isCloudAdmin || group.projectID == caller.auth.project?.id
        else { throw ComputeError.notFound("Instance group \(id) could not be found.") }
        return group
    }
}
