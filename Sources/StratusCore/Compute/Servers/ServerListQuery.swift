import Foundation

/// Nova's `status` filter (`task_and_vm_state_from_status`): each status names
/// the vm states that show it and the task states that make them show it. A
/// status shown by a vm state by default ("ACTIVE") matches that vm state
/// whatever its task, as in Nova.
public struct ServerStatusFilter: Sendable, Equatable {
    public var vmStates: Set<VMState>
    /// Nil when a default status was asked for: no task filter.
    public var taskStates: Set<TaskState?>?

    /// Nil when no status is known (Nova: empty list before 2.38, 400 from it).
    public init?(_ statuses: [String]) {
        let wanted = Set(statuses.map { $0.uppercased() })
        var vmStates: Set<VMState> = []
        var tasks: Set<TaskState?> = []
        var anyDefault = false
        for vmState in VMState.allCases {
            if wanted.contains(ServerStatus(vmState: vmState, taskState: nil).rawValue) {
                vmStates.insert(vmState)
                anyDefault = true
            }
            for task in TaskState.allCases {
                let status = ServerStatus(vmState: vmState, taskState: task)
                // Only tasks that override the default are Nova's map entries.
                if status != ServerStatus(vmState: vmState, taskState: nil), wanted.contains(status.rawValue) {
                    vmStates.insert(vmState)
                    tasks.insert(task)
                }
            }
        }
        guard !vmStates.isEmpty else { return nil }
        self.vmStates = vmStates
        self.taskStates = anyDefault ? nil : tasks
    }

    public func matches(_ instance: Instance) -> Bool {
        guard vmStates.contains(instance.state.vmState) else { return false }
        guard let taskStates else { return true }
        return taskStates.contains(instance.state.taskState)
    }

    /// Asking for DELETED lists deleted servers (administrators only).
    public var asksForDeleted: Bool { vmStates == [.deleted] }
}

/// One `sort_key` with its direction, as Nova validates and applies them.
public struct ServerSortKey: Sendable, Equatable {
    public var key: String
    public var ascending: Bool

    public init(key: String, ascending: Bool) {
        self.key = key
        self.ascending = ascending
    }

    /// Nova's `VALID_SORT_KEYS`, in its order: keys it sorts by.
    public static let sortable = [
        "access_ip_v4", "access_ip_v6", "auto_disk_config", "availability_zone", "config_drive", "created_at",
        "display_description", "display_name", "host", "hostname", "image_ref", "instance_type_id", "kernel_id",
        "key_name", "launch_index", "launched_at", "locked_by", "node", "power_state", "progress", "project_id",
        "ramdisk_id", "root_device_name", "task_state", "terminated_at", "updated_at", "user_id", "uuid", "vm_state",
    ]
    /// Accepted but ignored (`SERVER_LIST_IGNORE_SORT_KEY`); 2.73 takes `locked` out to sort by it.
    public static let ignored = [
        "architecture", "cell_name", "cleaned", "default_ephemeral_device", "default_swap_device", "deleted",
        "deleted_at", "disable_terminate", "ephemeral_gb", "ephemeral_key_uuid", "id", "key_data", "launched_on",
        "locked", "memory_mb", "os_type", "reservation_id", "root_gb", "shutdown_terminate", "user_data", "vcpus",
        "vm_mode",
    ]
    public static let adminOnly: Set<String> = ["host", "node"]

    /// Builds Nova's key list (`get_sort_params` + `process_sort_params`):
    /// ignored keys drop out with their direction, directions default to the
    /// first given (or desc), `created_at` and `uuid` close the list. From 2.75
    /// (`ignoredRefused`) the ignored keys are a 400 like any unknown one.
    public static func parse(
        keys: [String], directions: [String], lockedSortable: Bool, ignoredRefused: Bool = false, allFilters: Bool
    ) throws(ComputeError) -> [ServerSortKey] {
        var ignoredKeys = ignoredRefused ? [] : Set(ignored)
        if lockedSortable { ignoredKeys.remove("locked") }
        let valid = Set(sortable).union(ignoredKeys).union(lockedSortable ? ["locked"] : [])
        var keys = keys.isEmpty ? ["created_at"] : keys.map { $0.trimmingCharacters(in: .whitespaces) }
        var dirs = directions.isEmpty ? ["desc"] : directions.map { $0.trimmingCharacters(in: .whitespaces) }
        for key in keys where !valid.contains(key) {
            let choices = (lockedSortable ? ["locked"] : []) + sortable + ignored.filter { ignoredKeys.contains($0) }
            throw .badRequest("Invalid input for query parameters sort_key. Value: \(key). '\(key)' is not one of \(ServerTags.pythonList(choices))")
        }
        var index = 0
        while index < keys.count {
            let key = keys[index]
            if ignoredKeys.contains(key) {
                if dirs.count > index { dirs.remove(at: index) }
                keys.remove(at: index)
                continue
            }
            if adminOnly.contains(key), !allFilters {
                throw .forbidden("Only administrators can sort servers by \(key)")
            }
            index += 1
        }
        let defaultDirection = dirs.first ?? "desc"
        for dir in dirs where dir != "asc" && dir != "desc" {
            throw .badRequest("Invalid input received: Unknown sort direction, must be 'desc' or 'asc'")
        }
        while dirs.count < keys.count { dirs.append(defaultDirection) }
        if dirs.count > keys.count {
            throw .badRequest("Invalid input received: Sort direction size exceeds sort key size")
        }
        var result = zip(keys, dirs).map { ServerSortKey(key: $0, ascending: $1 == "asc") }
        // Nova closes with (created_at, id); the uuid stands in for its row id.
        for key in ["created_at", "uuid"] where !keys.contains(key) {
            result.append(ServerSortKey(key: key, ascending: defaultDirection == "asc"))
        }
        return result
    }

    /// Whether this list is Nova's default order, which the store pages itself.
    public static func isDefault(_ keys: [ServerSortKey]) -> Bool {
        keys.isEmpty || keys == [ServerSortKey(key: "created_at", ascending: false), ServerSortKey(key: "uuid", ascending: false)]
    }

    /// `lhs` before `rhs` under `keys` (NULLs first when ascending, as MySQL sorts them).
    public static func precedes(_ lhs: Instance, _ rhs: Instance, _ keys: [ServerSortKey]) -> Bool {
        for key in keys {
            let (left, right) = (key.value(of: lhs), key.value(of: rhs))
            if left == right { continue }
            return key.ascending ? left < right : right < left
        }
        return false
    }

    func value(of instance: Instance) -> SortValue {
        switch key {
        case "access_ip_v4": .text(instance.accessIPv4)
        case "access_ip_v6": .text(instance.accessIPv6)
        case "auto_disk_config": .number(0)
        case "availability_zone": instance.availabilityZone.map(SortValue.text) ?? .null
        case "config_drive": .text("")
        case "created_at": .time(instance.createdAt)
        case "display_description": instance.description.map(SortValue.text) ?? .null
        case "display_name": .text(instance.name)
        case "host", "node": instance.hostName.map(SortValue.text) ?? .null
        case "hostname": .text(instance.hostname)
        case "image_ref": .text(instance.imageID)
        case "instance_type_id": .text(instance.flavor.id)
        case "kernel_id": .text(instance.kernelID)
        case "key_name": instance.keyName.map(SortValue.text) ?? .null
        case "launch_index": .number(instance.launchIndex)
        case "launched_at": instance.launchedAt.map(SortValue.time) ?? .null
        case "locked_by": instance.lock.map { .text($0.holder.rawValue) } ?? .null
        case "locked": .number(instance.lock == nil ? 0 : 1)
        case "power_state": .number(instance.state.powerState.rawValue)
        case "progress": .number(0)
        case "project_id": .text(instance.projectID)
        case "ramdisk_id": .text(instance.ramdiskID)
        case "root_device_name": instance.rootDeviceName.map(SortValue.text) ?? .null
        case "task_state": instance.state.taskState.map { .text($0.rawValue) } ?? .null
        case "terminated_at": instance.terminatedAt.map(SortValue.time) ?? .null
        case "updated_at": .time(instance.updatedAt)
        case "user_id": .text(instance.userID)
        case "vm_state": .text(instance.state.vmState.rawValue)
        default: .text(instance.id)
        }
    }
}

/// A column value for ordering; NULL sorts before every value.
enum SortValue: Comparable {
    case null
    case number(Int)
    case time(Date)
    case text(String)
}
