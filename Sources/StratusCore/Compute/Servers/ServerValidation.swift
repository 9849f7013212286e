import Foundation

/// The create checks that need no store, worded as Nova's schema errors.
public enum ServerValidation {
    public static let maxCountPerRequest = 1000

    public static func check(_ draft: ServerDraft) throws(ComputeError) {
        try checkName(draft.name)
        guard draft.minCount >= 1 else {
            throw .badRequest("Invalid input for field/attribute min_count. Value: \(draft.minCount). \(draft.minCount) is less than the minimum of 1")
        }
        guard draft.maxCount >= 1 else {
            throw .badRequest("Invalid input for field/attribute max_count. Value: \(draft.maxCount). \(draft.maxCount) is less than the minimum of 1")
        }
        guard draft.minCount <= draft.maxCount else {
            throw .badRequest("min_count must be <= max_count")
        }
        // A bound per request, not per cloud: one body cannot ask for a billion
        // rows (quotas may be unlimited). Larger fleets take several requests.
        guard draft.maxCount <= maxCountPerRequest else {
            throw .badRequest("Invalid input for field/attribute max_count. Value: \(draft.maxCount). \(draft.maxCount) is greater than the maximum of \(maxCountPerRequest)")
        }
        for (key, value) in draft.metadata {
            guard !key.isEmpty, key.count <= 255 else {
                throw .badRequest("Invalid input for field/attribute metadata. Value: \(key). Metadata keys must be 1 to 255 characters")
            }
            guard value.count <= 255 else {
                throw .badRequest("Invalid input for field/attribute metadata. Value: \(value). Metadata values must be at most 255 characters")
            }
        }
        if let userData = draft.userData {
            guard userData.utf8.count <= 65535, Data(base64Encoded: userData) != nil else {
                throw .badRequest("Invalid input for field/attribute user_data. Value: \(userData.prefix(32)). User data must be base64 of at most 65535 characters")
            }
        }
        try PrintableText.checkDescription(draft.description, maxLength: 255)
        try ServerTags.checkList(draft.tags)
        try checkTrustedCertificates(draft.trustedImageCertificates)
    }

    /// 2.63's schema: nil, or 1–50 distinct non-empty ids.
    public static func checkTrustedCertificates(_ ids: [String]?) throws(ComputeError) {
        guard let ids else { return }
        let field = "trusted_image_certificates"
        let shown = ServerTags.pythonList(ids)
        if ids.isEmpty { throw .badRequest("Invalid input for field/attribute \(field). Value: []. [] should be non-empty") }
        if ids.count > 50 { throw .badRequest("Invalid input for field/attribute \(field). Value: \(shown). \(shown) is too long") }
        if Set(ids).count != ids.count {
            throw .badRequest("Invalid input for field/attribute \(field). Value: \(shown). \(shown) has non-unique elements")
        }
        if let index = ids.firstIndex(of: "") {
            throw .badRequest("Invalid input for field/attribute \(index). Value: . '' should be non-empty")
        }
    }

    /// Nova: 1–255 characters, not only whitespace, no leading or trailing space.
    public static func checkName(_ name: String, field: String = "name") throws(ComputeError) {
        if name.isEmpty {
            throw .badRequest("Invalid input for field/attribute \(field). Value: . '' should be non-empty")
        }
        if name.count > 255 {
            throw .badRequest("Invalid input for field/attribute \(field). Value: \(name). '\(name)' is too long")
        }
        if name.trimmingCharacters(in: .whitespaces) != name {
            throw .badRequest("Invalid input for field/attribute \(field). Value: \(name). '\(name)' does not match '^(?! )[[:print:]]+(?<! )$'")
        }
        if name.contains(where: { $0.isNewline || ($0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false) }) {
            throw .badRequest("Invalid input for field/attribute \(field). Value: \(name). Name contains control characters")
        }
    }

    /// Nova refuses a flavor smaller than the image needs (`min_disk`, `min_ram`)
    /// or than the image itself. A zero root disk means "as large as the image".
    public static func check(flavor: Flavor, fits image: Image) throws(ComputeError) {
        if flavor.memoryMiB < image.minRAM {
            throw .badRequest("Flavor's memory is too small for requested image.")
        }
        guard flavor.rootDiskGiB > 0 else { return }
        if flavor.rootDiskGiB < image.minDisk {
            throw .badRequest("Flavor's disk is too small for requested image. Flavor disk is \(flavor.rootDiskGiB * 1_073_741_824) bytes, minimum required by image is \(image.minDisk * 1_073_741_824) bytes.")
        }
        if let size = image.size, size > Int64(flavor.rootDiskGiB) * 1_073_741_824 {
            throw .badRequest("Flavor's disk is too small for requested image. Flavor disk is \(flavor.rootDiskGiB * 1_073_741_824) bytes, image is \(size) bytes.")
        }
    }
}

/// The event names Nova records under an instance action.
public enum ServerEvents {
    public static let schedule = "conductor_schedule_and_build_instances"
    public static let build = "compute__do_build_and_run_instance"

    /// The event a host's work for `task` is recorded under.
    public static func hostEvent(for task: TaskState) -> String {
        switch task {
        case .scheduling, .networking, .blockDeviceMapping, .spawning: build
        case .poweringOff: "compute_stop_instance"
        case .poweringOn: "compute_start_instance"
        case .rebooting, .rebootPending, .rebootStarted, .rebootingHard, .rebootPendingHard, .rebootStartedHard:
            "compute_reboot_instance"
        case .pausing: "compute_pause_instance"
        case .unpausing: "compute_unpause_instance"
        case .suspending: "compute_suspend_instance"
        case .resuming: "compute_resume_instance"
        case .deleting: "compute_terminate_instance"
        case .imageSnapshot, .imageSnapshotPending, .imagePendingUpload, .imageUploading: "compute_snapshot_instance"
        case .imageBackup: "compute_backup_instance"
        case .migrating: "compute_live_migration"
        default: "compute_\(task.rawValue.replacingOccurrences(of: "-", with: "_"))"
        }
    }
}
