import Foundation

/// `createBackup`: a snapshot marked `image_type=backup` with its `backup_type`,
/// after which the server's older backups of that type beyond `rotation` are
/// deleted (Nova's rotation, run when the new backup's data is in). Lock-guarded
/// like snapshots, unlike Nova: a locked (service-managed) server's disk stays in.
extension ComputeService {
    public struct BackupRequest: Sendable, Equatable {
        public var name: String
        public var type: String
        public var rotation: Int
        public var metadata: [String: String]

        public init(name: String, type: String, rotation: Int, metadata: [String: String] = [:]) {
            self.name = name
            self.type = type
            self.rotation = rotation
            self.metadata = metadata
        }
    }

    /// Returns the backup image's id.
    public func createServerBackup(_ caller: Caller, id: String, _ request: BackupRequest) async throws -> String {
        let instance = try await visibleInstance(caller, id: id)
        try authorize(.createBackup, caller, target: ["project_id": instance.projectID])
        guard request.rotation >= 0 else {
            throw ComputeError.badRequest("Invalid input for field/attribute rotation. Value: \(request.rotation). \(request.rotation) is less than the minimum of 0")
        }
        let base = try? await images.bootImage(id: instance.imageID)
        var metadata = request.metadata
        metadata["image_type"] = "backup"
        metadata["backup_type"] = request.type
        var draft = Self.snapshotDraft(SnapshotRequest(name: request.name, metadata: metadata), of: instance, base: base)
        // Nova's backup properties win over the request's metadata.
        draft.fields["image_type"] = .string("backup")
        draft.fields["backup_type"] = .string(request.type)
        return try await beginSnapshot(
            instance, .createBackup, caller: caller, policyAction: .createBackup, draft: draft,
            backup: BackupRotation(type: request.type, rotation: request.rotation))
    }
}
