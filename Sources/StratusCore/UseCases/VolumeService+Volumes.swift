import Foundation

/// A volume with its attachment, as every view shows it.
public struct VolumeView: Sendable, Equatable {
    public var volume: Volume
    public var attachment: VolumeAttachment?
    /// Cinder's `status`.
    public var status: String { volume.status(attachment: attachment) }

    public init(volume: Volume, attachment: VolumeAttachment?) {
        self.volume = volume
        self.attachment = attachment
    }
}

/// Which volumes a list wants.
public struct VolumeListQuery: Sendable, Equatable {
    /// `all_tenants` (administrators).
    public var allProjects: Bool
    /// With `allProjects`: only this project's.
    public var projectID: String?
    public var name: String?
    public var status: String?
    public var limit: Int?
    public var marker: String?

    public init(
        allProjects: Bool = false, projectID: String? = nil, name: String? = nil, status: String? = nil,
        limit: Int? = nil, marker: String? = nil
    ) {
        self.allProjects = allProjects
        self.projectID = projectID
        self.name = name
        self.status = status
        self.limit = limit
        self.marker = marker
    }
}

extension VolumeService {
    public func createVolume(_ caller: Caller, _ draft: VolumeDraft) async throws -> VolumeView {
        guard let projectID = caller.auth.project?.id else {
            throw ComputeError.badRequest("A project-scoped token is required.")
        }
        try authorize(.create, caller, projectID: projectID)
        guard draft.sizeGiB >= 1 else {
            throw ComputeError.badRequest(
                "Invalid input for field/attribute size. Value: \(draft.sizeGiB). \(draft.sizeGiB) is less than the minimum of 1")
        }
        guard draft.sizeGiB <= settings.maxSizeGiB else {
            throw ComputeError.badRequest(
                "Invalid input received: Volume size '\(draft.sizeGiB)' must be an integer and no greater than \(settings.maxSizeGiB).")
        }
        if let zone = draft.availabilityZone, zone != settings.availabilityZone {
            throw ComputeError.badRequest("Invalid input received: Availability zone '\(zone)' is invalid.")
        }
        if let type = draft.volumeType, type != Self.defaultType {
            throw ComputeError.notFound("Volume type with name \(type) could not be found.")
        }
        try Self.check(name: draft.name, description: draft.description, metadata: draft.metadata)
        let perVolume = try await quotaLimits(projectID: projectID)["per_volume_gigabytes"] ?? -1
        if perVolume >= 0, draft.sizeGiB > perVolume {
            throw ComputeError.overLimit(
                "VolumeSizeExceedsLimit: Requested volume size \(draft.sizeGiB)G is larger than maximum allowed limit \(perVolume)G.")
        }
        let volume = Volume(
            id: ids.newUUID(), projectID: projectID, userID: caller.auth.user.id, name: draft.name,
            description: draft.description, sizeGiB: draft.sizeGiB, availabilityZone: settings.availabilityZone,
            metadata: draft.metadata, createdAt: clock.now())
        do {
            try await store.commit(
                quotaChecks(projectID: projectID, sizeGiB: volume.sizeGiB) + [.insertVolume(volume), audit(caller, .create, volume.id)])
        } catch StoreError.quotaExceeded(let exceeded) {
            throw Self.overQuota(exceeded, requestedGiB: volume.sizeGiB)
        }
        return VolumeView(volume: volume, attachment: nil)
    }

    public func volume(_ caller: Caller, id: String) async throws -> VolumeView {
        let volume = try await visibleVolume(caller, id: id)
        try authorize(.get, caller, projectID: volume.projectID)
        return VolumeView(volume: volume, attachment: try await store.volumeAttachments(volumeIDs: [id])[id])
    }

    /// Newest first, then filtered and paged (Cinder's default sort).
    public func volumes(_ caller: Caller, _ query: VolumeListQuery) async throws -> [VolumeView] {
        try authorize(.getAll, caller, projectID: nil)
        var projectID = caller.auth.project?.id
        // As Cinder: `all_tenants` from anyone the rule does not allow is ignored, not refused.
        if query.allProjects, (try? authorize(.getAllProjects, caller, projectID: nil)) != nil {
            projectID = query.projectID
        } else if projectID == nil {
            return []
        }
        var volumes = try await store.volumes(projectID: projectID)
        if let name = query.name { volumes = volumes.filter { $0.name == name } }
        let attachments = try await store.volumeAttachments(volumeIDs: volumes.map(\.id))
        var views = volumes.map { VolumeView(volume: $0, attachment: attachments[$0.id]) }
        if let status = query.status { views = views.filter { $0.status == status } }
        if let marker = query.marker {
            guard let index = views.firstIndex(where: { $0.volume.id == marker }) else {
                throw ComputeError.notFound("Marker \(marker) could not be found.")
            }
            views = Array(views[(index + 1)...])
        }
        if let limit = query.limit { views = Array(views.prefix(limit)) }
        return views
    }

    public func updateVolume(_ caller: Caller, id: String, _ patch: VolumePatch) async throws -> VolumeView {
        try await retryingConflicts {
            var volume = try await visibleVolume(caller, id: id)
            try authorize(.update, caller, projectID: volume.projectID)
            if let name = patch.name { volume.name = name }
            if let description = patch.description { volume.description = description }
            if let metadata = patch.metadata { volume.metadata = metadata }
            if let bootable = patch.bootable { volume.bootable = bootable }
            try Self.check(name: volume.name, description: volume.description, metadata: volume.metadata)
            volume.revision += 1
            volume.updatedAt = clock.now()
            try await store.commit([.updateVolume(volume), audit(caller, .update, id)])
            return VolumeView(volume: volume, attachment: try await store.volumeAttachments(volumeIDs: [id])[id])
        }
    }

    /// Only a volume no server holds; the store refuses one attached meanwhile.
    public func deleteVolume(_ caller: Caller, id: String) async throws {
        let volume = try await visibleVolume(caller, id: id)
        try authorize(.delete, caller, projectID: volume.projectID)
        if try await store.volumeAttachments(volumeIDs: [id])[id] != nil { throw Self.inUse }
        do {
            try await store.commit([.deleteVolume(id: id), audit(caller, .delete, id)])
        } catch StoreError.versionConflict {
            // Deleted meanwhile, or attached meanwhile (the store refuses that delete too).
            throw try await store.volume(id: id) == nil ? Self.notFound(id) : Self.inUse
        }
    }

    /// Cinder's refusal to delete a volume that is attached.
    static let inUse = ComputeError.badRequest(
        "Invalid volume: Volume status must be available or error or error_restoring or error_extending or "
        + "error_managing and must not be migrating, attached, belong to a group, have snapshots, awaiting a "
        + "transfer, or be disassociated from snapshots after volume transfer.")

    func visibleVolume(_ caller: Caller, id: String) async throws -> Volume {
        guard let volume = try await store.volume(id: id), volume.isVisible(to: caller.auth) else {
            throw Self.notFound(id)
        }
        return volume
    }

    /// Cinder's only volume type unless an operator makes more.
    public static let defaultType = "__DEFAULT__"

    static func check(name: String?, description: String?, metadata: [String: String]) throws {
        if let name, name.count > 255 {
            throw ComputeError.badRequest("Invalid input for field/attribute name. Value: \(name). '\(name)' is too long")
        }
        if let name, ControlCharacters.contained(in: name) {
            throw ComputeError.badRequest("Invalid input for field/attribute name: control characters are not allowed.")
        }
        if let description, description.count > 255 {
            throw ComputeError.badRequest(
                "Invalid input for field/attribute description. Value: \(description). '\(description)' is too long")
        }
        for (key, value) in metadata where key.isEmpty || key.count > 255 || value.count > 255 {
            throw ComputeError.badRequest("Invalid input received: Invalid metadata: \(key) must be 1 to 255 characters long.")
        }
    }

    /// Cinder's 413s: the count, or the gigabytes.
    static func overQuota(_ exceeded: QuotaExceeded, requestedGiB: Int) -> ComputeError {
        if exceeded.resource == "gigabytes" {
            return .overLimit(
                "VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed gigabytes quota. "
                + "Requested \(requestedGiB)G, quota is \(exceeded.limit)G and \(exceeded.used)G has been consumed.")
        }
        return .overLimit("VolumeLimitExceeded: Maximum number of volumes allowed (\(exceeded.limit)) exceeded for quota 'volumes'.")
    }
}
