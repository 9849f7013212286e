import Foundation

/// Reading the migration records (administrators, as in Nova).
extension ComputeService {
    /// `GET /os-migrations`, newest first. An unknown `marker` is Nova's 400.
    public func listMigrations(_ caller: Caller, _ filter: ServerMigrationFilter) async throws -> [ServerMigration] {
        try authorize(.listMigrations, caller)
        if let marker = filter.marker, try await store.migration(uuid: marker) == nil {
            throw ComputeError.badRequest("Marker \(marker) could not be found.")
        }
        return try await store.migrations(filter)
    }

    /// `GET /servers/{id}/migrations` (2.23): the server's live migrations in progress.
    public func serverMigrations(_ caller: Caller, id: String) async throws -> [ServerMigration] {
        let instance = try await visibleInstance(caller, id: id)
        try authorize(.listServerMigrations, caller, target: ["project_id": instance.projectID])
        return try await store.migrations(ServerMigrationFilter(instanceID: id)).filter(\.isLiveAndInProgress)
    }

    /// `GET /servers/{id}/migrations/{migration}`: one of those, by Nova's integer id.
    public func serverMigration(_ caller: Caller, id: String, migrationID: Int) async throws -> ServerMigration {
        let instance = try await visibleInstance(caller, id: id)
        try authorize(.showServerMigration, caller, target: ["project_id": instance.projectID])
        let all = try await store.migrations(ServerMigrationFilter(instanceID: id))
        guard let migration = all.first(where: { $0.id == migrationID }) else {
            throw ComputeError.notFound("Instance \(id) has no migration \(migrationID).")
        }
        guard migration.isLiveAndInProgress else {
            throw ComputeError.notFound("In-progress live migration \(migrationID) is not found for server \(id).")
        }
        return migration
    }
}
