import Foundation

/// `createImage`: a snapshot of a server written through the image service.
///
/// The image is created first, as the caller and under the image API's own rules
/// (a cloud where only administrators bring images in refuses a member's snapshot
/// with the image service's 403). Then the task, the image id, the instance action
/// and the audit record commit together; the server's host agent reads the guest's
/// disk and uploads it into that image, and only then is the task complete. A
/// failed snapshot discards its image, so no empty image outlives it.
extension ComputeService {
    public struct SnapshotRequest: Sendable, Equatable {
        public var name: String
        public var metadata: [String: String]

        public init(name: String, metadata: [String: String] = [:]) {
            self.name = name
            self.metadata = metadata
        }
    }

    /// Returns the new image's id.
    public func createServerImage(_ caller: Caller, id: String, _ request: SnapshotRequest) async throws -> String {
        let instance = try await visibleInstance(caller, id: id)
        try authorize(.createImage, caller, target: ["project_id": instance.projectID])
        let base = try? await images.bootImage(id: instance.imageID)
        return try await beginSnapshot(
            instance, .createImage, caller: caller, policyAction: .createImage,
            draft: Self.snapshotDraft(request, of: instance, base: base), backup: nil)
    }

    /// The snapshot's image made as the caller, then the task, the image id, the
    /// instance action and the audit record in one commit; the image is discarded
    /// if that commit fails.
    func beginSnapshot(
        _ instance: Instance, _ action: ServerAction, caller: Caller, policyAction: ComputePolicy.Action,
        draft: ImageDraft, backup: BackupRotation?
    ) async throws -> String {
        if action.requiresUnlocked { try requireUnlocked(instance, caller) }
        var next = instance
        do {
            next.state = try InstanceStateMachine.begin(action, on: instance.state, instanceID: instance.id)
        } catch {
            throw error.computeError
        }
        let image = try await snapshots.createSnapshotImage(caller, draft)
        let now = clock.now()
        next.snapshotImageID = image.id
        next.snapshotBackup = backup
        next.taskRequestID = caller.requestID
        next.updatedAt = now
        let task = next.state.taskState ?? .imageSnapshotPending
        do {
            try await commitRecorded(
                next, action: action.apiName, caller: caller, policyAction: policyAction,
                events: [InstanceActionEvent(event: ServerEvents.hostEvent(for: task), startTime: now)])
        } catch {
            try? await snapshots.discardSnapshotImage(imageID: image.id, requestID: caller.requestID)
            throw error
        }
        if let host = next.hostID { wakeups.host(host).ring() }
        return image.id
    }

    /// The agent's upload of the guest's disk into the snapshot's image. Only the
    /// server's host, while the snapshot task it reports is still the server's.
    public func receiveSnapshot(instanceID: String, hostID: String, chunks: ImageDataChunks) async throws {
        guard let instance = try await store.instance(id: instanceID), instance.hostID == hostID,
              let task = instance.state.taskState, TaskState.snapshotTasks.contains(task),
              let imageID = instance.snapshotImageID
        else { throw ComputeError.conflict("Instance \(instanceID) has no snapshot in progress on \(hostID).") }
        try await snapshots.receiveSnapshotData(
            imageID: imageID, requestID: instance.taskRequestID ?? "", chunks: chunks)
        if let backup = instance.snapshotBackup {
            // Nova rotates once the new backup is in: the oldest beyond `rotation` go.
            try await snapshots.rotateBackups(
                instanceID: instanceID, projectID: instance.projectID, backupType: backup.type, keep: backup.rotation,
                requestID: instance.taskRequestID ?? "")
        }
    }

    /// Nova's snapshot image (`compute_utils.create_image`): the base image's
    /// formats and properties carried over, minus what describes the base image's
    /// own data (its signature, this service's marks); Nova's `image_type`,
    /// `instance_uuid`, `user_id` and `base_image_ref`; then the request's metadata.
    static func snapshotDraft(_ request: SnapshotRequest, of instance: Instance, base: Image?) -> ImageDraft {
        var properties = base?.extraProperties.filter { key, _ in
            !ImageLifecycleProperties.signatureProperties.contains(key) && !key.hasPrefix("stratus_")
                && !key.hasPrefix("os_glance")
        } ?? [:]
        properties["image_type"] = "snapshot"
        properties["instance_uuid"] = instance.id
        properties["user_id"] = instance.userID
        properties["base_image_ref"] = instance.imageID
        // Nova applies the request's metadata last: it may even set `image_type`.
        properties.merge(request.metadata) { _, requested in requested }
        var fields = properties.mapValues(ImageFieldValue.string)
        fields["name"] = .string(request.name)
        fields["container_format"] = .string(base?.containerFormat ?? "bare")
        fields["disk_format"] = .string(base?.diskFormat ?? "qcow2")
        fields["min_disk"] = .int(Int64(max(instance.flavor.rootDiskGiB, base?.minDisk ?? 0)))
        fields["min_ram"] = .int(Int64(base?.minRAM ?? 0))
        return ImageDraft(fields: fields)
    }
}

extension TaskState {
    /// The steps of Nova's snapshot and backup; any of them is the host's cue to snapshot.
    public static let snapshotTasks: Set<TaskState> = [
        .imageSnapshotPending, .imageSnapshot, .imagePendingUpload, .imageUploading, .imageBackup,
    ]
}
