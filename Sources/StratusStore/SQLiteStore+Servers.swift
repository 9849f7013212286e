import Foundation
import GRDB
import StratusCore

extension SQLiteStore {
    public func instance(id: String) async throws -> Instance? {
        try await read { db in
            try Row.fetchOneMapped(db, sql: "SELECT * FROM instances WHERE id = ?", arguments: [id], Self.instance)
        }
    }

    public func instances(_ filter: ServerListFilter) async throws -> [Instance] {
        var clauses: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if !filter.allProjects || filter.projectID != nil {
            clauses.append("project_id = ?")
            arguments.append(filter.projectID ?? "")
        }
        if !filter.includeDeleted { clauses.append("vm_state != 'deleted'") }
        if let image = filter.imageID { clauses.append("image_id = ?"); arguments.append(image) }
        if let flavor = filter.flavorID { clauses.append("flavor_id = ?"); arguments.append(flavor) }
        if let host = filter.host { clauses.append("host_name = ?"); arguments.append(host) }
        if let since = filter.changesSince {
            clauses.append("updated_at >= ?")
            arguments.append(since.timeIntervalSince1970)
        }
        if let locked = filter.locked { clauses.append(locked ? "lock_holder IS NOT NULL" : "lock_holder IS NULL") }
        // Without the filters only Swift can apply, paging happens here too.
        let pagesInSQL = filter.namePattern == nil && filter.status == nil
        if pagesInSQL, let marker = filter.marker {
            clauses.append("""
                (created_at < (SELECT created_at FROM instances WHERE id = ?)
                 OR (created_at = (SELECT created_at FROM instances WHERE id = ?) AND id < ?))
                """)
            arguments += [marker, marker, marker]
        }
        let condition = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        var sql = "SELECT * FROM instances \(condition) ORDER BY created_at DESC, id DESC"
        if pagesInSQL, let limit = filter.limit {
            sql += " LIMIT ?"
            arguments.append(limit)
        }
        let bound = StatementArguments(arguments)
        let query = sql
        return try await read { db in
            try Self.instances(db, sql: query, arguments: bound)
        }
    }

    public func instancesActive(
        from start: Date, to stop: Date, projectID: String?, limit: Int?, after marker: String?
    ) async throws -> [Instance] {
        var clauses = [
            "launched_at IS NOT NULL", "launched_at <= ?", "(terminated_at IS NULL OR terminated_at >= ?)",
        ]
        var arguments: [(any DatabaseValueConvertible)?] = [stop.timeIntervalSince1970, start.timeIntervalSince1970]
        if let projectID { clauses.append("project_id = ?"); arguments.append(projectID) }
        if let marker {
            clauses.append("""
                (created_at > (SELECT created_at FROM instances WHERE id = ?)
                 OR (created_at = (SELECT created_at FROM instances WHERE id = ?) AND id > ?))
                """)
            arguments += [marker, marker, marker]
        }
        var sql = "SELECT * FROM instances WHERE " + clauses.joined(separator: " AND ") + " ORDER BY created_at, id"
        if let limit { sql += " LIMIT \(max(0, limit))" }
        let bound = StatementArguments(arguments)
        let query = sql
        return try await read { db in try Self.instances(db, sql: query, arguments: bound) }
    }

    public func instances(hostID: String) async throws -> [Instance] {
        try await read { db in
            try Self.instances(
                db, sql: """
                    SELECT * FROM instances
                    WHERE (host_id = ? OR source_host_id = ? OR migration_peer_host_id = ?) AND vm_state != 'deleted'
                    ORDER BY created_at
                    """,
                arguments: [hostID, hostID, hostID])
        }
    }

    public func instances(hostID: String, after cursor: String?, limit: Int) async throws -> [Instance] {
        try await read { db in
            try Self.instances(
                db, sql: """
                    SELECT * FROM instances
                    WHERE (host_id = ? OR source_host_id = ? OR migration_peer_host_id = ?) AND vm_state != 'deleted'
                      AND id > ?
                    ORDER BY id LIMIT ?
                    """,
                arguments: [hostID, hostID, hostID, cursor ?? "", max(0, limit)])
        }
    }

    public func unplacedInstances(limit: Int) async throws -> [Instance] {
        try await read { db in
            try Self.instances(
                db, sql: """
                    SELECT * FROM instances WHERE host_id IS NULL AND task_state = 'scheduling'
                    ORDER BY created_at LIMIT ?
                    """,
                arguments: [limit])
        }
    }

    public func instancesMigratingLive() async throws -> [Instance] {
        try await read { db in
            try Self.instances(db, sql: "SELECT * FROM instances WHERE task_state = 'migrating'", arguments: [])
        }
    }

    public func instancesAwaitingMigration(limit: Int) async throws -> [Instance] {
        try await read { db in
            try Self.instances(
                db, sql: "SELECT * FROM instances WHERE task_state = 'resize_prep' ORDER BY updated_at LIMIT ?",
                arguments: [limit])
        }
    }

    public func instanceUsage(projectID: String) async throws -> InstanceUsage {
        try await read { db in try Self.usage(projectID: projectID, db) }
    }

    public func instanceActions(instanceID: String) async throws -> [InstanceAction] {
        try await read { db in
            let events = try Row.fetchAll(
                db, sql: "SELECT * FROM instance_action_events WHERE instance_id = ? ORDER BY start_time, event",
                arguments: [instanceID])
            var byRequest: [String: [InstanceActionEvent]] = [:]
            for row in events { byRequest[row["request_id"], default: []].append(Self.event(row)) }
            return try Row.fetchAll(
                db, sql: "SELECT * FROM instance_actions WHERE instance_id = ? ORDER BY start_time DESC, rowid DESC",
                arguments: [instanceID]
            ).map { row in
                var action = InstanceAction(
                    instanceID: row["instance_id"], requestID: row["request_id"], action: row["action"],
                    projectID: row["project_id"], userID: row["user_id"],
                    startTime: Date(timeIntervalSince1970: row["start_time"]), message: row["message"],
                    events: byRequest[row["request_id"]] ?? [])
                action.updatedAt = Date(timeIntervalSince1970: row["updated_at"])
                return action
            }
        }
    }

    public func quotaClassLimits(className: String) async throws -> [String: Int] {
        try await read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT resource, hard_limit FROM quota_classes WHERE class_name = ?", arguments: [className])
            return Dictionary(rows.map { ($0["resource"], $0["hard_limit"]) }, uniquingKeysWith: { _, last in last })
        }
    }

    public func quotaOverrides(projectID: String) async throws -> [String: Int] {
        try await read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT resource, hard_limit FROM quotas WHERE project_id = ?", arguments: [projectID])
            return Dictionary(rows.map { ($0["resource"] as String, $0["hard_limit"] as Int) }, uniquingKeysWith: { _, last in last })
        }
    }

    // MARK: - Writes (inside `commit`)

    /// The project's running totals (`project_instance_usage`, kept by triggers): one
    /// row whatever the number of servers.
    static func usage(projectID: String, _ db: Database) throws -> InstanceUsage {
        let row = try Row.fetchOne(
            db, sql: "SELECT instances, cores, ram_mib FROM project_instance_usage WHERE project_id = ?",
            arguments: [projectID])
        return InstanceUsage(instances: row?["instances"] ?? 0, cores: row?["cores"] ?? 0, ramMiB: row?["ram_mib"] ?? 0)
    }

    static func require(_ check: InstanceQuotaCheck, _ db: Database) throws {
        if let exceeded = try usage(projectID: check.projectID, db).firstExcess(check) {
            throw StoreError.quotaExceeded(exceeded)
        }
    }

    static func insert(_ instance: Instance, _ db: Database) throws {
        var columns = try columns(of: instance)
        columns["id"] = instance.id
        columns["created_at"] = instance.createdAt.timeIntervalSince1970
        columns["version"] = instance.version
        let names = columns.keys.sorted()
        try db.execute(
            sql: "INSERT INTO instances (\(names.joined(separator: ", "))) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))",
            arguments: StatementArguments(names.map { columns[$0]! }))
    }

    static func update(_ instance: Instance, _ db: Database) throws {
        let columns = try columns(of: instance)
        let names = columns.keys.sorted()
        try db.executeChecked(
            "UPDATE instances SET \(names.map { "\($0) = ?" }.joined(separator: ", ")), version = version + 1 WHERE id = ? AND version = ?",
            StatementArguments(names.map { columns[$0]! } + [instance.id, instance.version]),
            what: "instance \(instance.id)")
    }

    static func insert(_ action: InstanceAction, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO instance_actions (instance_id, request_id, action, project_id, user_id, start_time, updated_at, message)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (instance_id, request_id) DO UPDATE SET updated_at = excluded.updated_at
                """,
            arguments: [action.instanceID, action.requestID, action.action, action.projectID, action.userID,
                        action.startTime.timeIntervalSince1970, action.updatedAt.timeIntervalSince1970, action.message])
        for event in action.events {
            try upsert(event, instanceID: action.instanceID, requestID: action.requestID, db)
        }
    }

    /// A finish keeps the start already recorded; an error marks the action failed.
    static func upsert(_ event: InstanceActionEvent, instanceID: String, requestID: String, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO instance_action_events (instance_id, request_id, event, start_time, finish_time, result, host, traceback)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (instance_id, request_id, event) DO UPDATE SET
                    finish_time = excluded.finish_time, result = excluded.result,
                    host = coalesce(excluded.host, host), traceback = excluded.traceback
                """,
            arguments: [instanceID, requestID, event.event, event.startTime.timeIntervalSince1970,
                        event.finishTime?.timeIntervalSince1970, event.result?.rawValue, event.hostName, event.traceback])
        let now = (event.finishTime ?? event.startTime).timeIntervalSince1970
        try db.execute(
            sql: """
                UPDATE instance_actions SET updated_at = ?, message = CASE WHEN ? = 'Error' THEN 'Error' ELSE message END
                WHERE instance_id = ? AND request_id = ?
                """,
            arguments: [now, event.result?.rawValue, instanceID, requestID])
    }

    static func setQuota(projectID: String, resource: String, limit: Int, _ db: Database) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO quotas (project_id, resource, hard_limit) VALUES (?, ?, ?)",
            arguments: [projectID, resource, limit])
    }

    // MARK: - Row mapping

    private static func columns(of instance: Instance) throws -> [String: (any DatabaseValueConvertible)?] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        func json<T: Encodable>(_ value: T) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }
        return [
            "name": instance.name, "project_id": instance.projectID, "user_id": instance.userID,
            "image_id": instance.imageID, "flavor_id": instance.flavor.id, "flavor": try json(FlavorRecord(instance.flavor)),
            "vcpus": instance.flavor.vcpus, "memory_mib": instance.flavor.memoryMiB,
            "vm_state": instance.state.vmState.rawValue, "task_state": instance.state.taskState?.rawValue,
            "power_state": instance.state.powerState.rawValue, "has_launched": instance.state.hasLaunched,
            "host_id": instance.hostID, "host_name": instance.hostName, "availability_zone": instance.availabilityZone,
            "requested_zone": instance.requestedZone, "metadata": try json(instance.metadata),
            "key_name": instance.keyName, "key_data": instance.keyData, "user_data": instance.userData,
            "access_ipv4": instance.accessIPv4, "access_ipv6": instance.accessIPv6, "description": instance.description,
            "lock_holder": instance.lock?.holder.rawValue, "lock_reason": instance.lock?.reason,
            "fault": try instance.fault.map { try json(FaultRecord($0)) },
            "task_request_id": instance.taskRequestID, "reservation_id": instance.reservationID,
            "launch_index": instance.launchIndex, "tags": try json(instance.tags),
            "updated_at": instance.updatedAt.timeIntervalSince1970,
            "launched_at": instance.launchedAt?.timeIntervalSince1970,
            "terminated_at": instance.terminatedAt?.timeIntervalSince1970,
            "migration": try instance.migration.map { try json(MigrationRecord($0)) },
            "source_host_id": instance.migration?.sourceHostID,
            "live_migration": try instance.liveMigration.map { try json(LiveMigrationRecord($0)) },
            "migration_peer_host_id": instance.liveMigration?.peer(of: instance.hostID),
            "hostname": instance.hostname, "kernel_id": instance.kernelID, "ramdisk_id": instance.ramdiskID,
            "trusted_certs": try instance.trustedImageCertificates.map { try json($0) },
            "snapshot_image_id": instance.snapshotImageID,
            "interfaces": InterfacesColumn.encode(instance.interfaces),
            "image_hardware": instance.imageHardware.isEmpty ? nil : try json(instance.imageHardware),
            "snapshot_backup": try instance.snapshotBackup.map { try json($0) },
            "requested_host": instance.requestedHost,
            "placement_hints": try instance.placementHints.map { try json($0) },
        ]
    }

    /// Instance rows, their JSON columns decoded by one `InstanceJSONColumns`.
    static func instances(_ db: Database, sql: String, arguments: StatementArguments) throws -> [Instance] {
        var json = InstanceJSONColumns()
        return try Row.fetchMapped(db, sql: sql, arguments: arguments) { instance($0, &json) }
    }

    static func instance(_ row: Row) -> Instance {
        var json = InstanceJSONColumns()
        return instance(row, &json)
    }

    static func instance(_ row: Row, _ json: inout InstanceJSONColumns) -> Instance {
        let flavor = json.flavor(row["flavor"])?.flavor
            ?? Flavor(id: row["flavor_id"], name: row["flavor_id"], vcpus: row["vcpus"], memoryMiB: row["memory_mib"], rootDiskGiB: 0)
        let state = InstanceState(
            vmState: VMState(rawValue: row["vm_state"]) ?? .error,
            taskState: (row["task_state"] as String?).flatMap(TaskState.init(rawValue:)),
            powerState: PowerState(rawValue: row["power_state"]) ?? .noState, hasLaunched: row["has_launched"])
        let lock = (row["lock_holder"] as String?).flatMap(InstanceLock.Holder.init(rawValue:))
            .map { InstanceLock(holder: $0, reason: row["lock_reason"]) }
        return Instance(
            id: row["id"], name: row["name"], projectID: row["project_id"], userID: row["user_id"],
            imageID: row["image_id"], flavor: flavor, state: state, hostID: row["host_id"], hostName: row["host_name"],
            availabilityZone: row["availability_zone"], requestedZone: row["requested_zone"],
            metadata: json.metadata(row["metadata"]) ?? [:], keyName: row["key_name"],
            keyData: row["key_data"], userData: row["user_data"], accessIPv4: row["access_ipv4"],
            accessIPv6: row["access_ipv6"], description: row["description"], lock: lock,
            fault: json.decode(FaultRecord.self, row["fault"])?.fault, taskRequestID: row["task_request_id"],
            reservationID: row["reservation_id"], launchIndex: row["launch_index"],
            tags: json.strings(row["tags"]) ?? [], createdAt: Date(timeIntervalSince1970: row["created_at"]),
            updatedAt: Date(timeIntervalSince1970: row["updated_at"]),
            launchedAt: (row["launched_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
            terminatedAt: (row["terminated_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
            version: row["version"], hostname: (row["hostname"] as String?).flatMap { $0.isEmpty ? nil : $0 },
            kernelID: row["kernel_id"] ?? "", ramdiskID: row["ramdisk_id"] ?? "",
            trustedImageCertificates: json.strings(row["trusted_certs"]))
            .with(\.migration, json.decode(MigrationRecord.self, row["migration"])?.migration)
            .with(\.liveMigration, json.decode(LiveMigrationRecord.self, row["live_migration"])?.liveMigration)
            .with(\.snapshotImageID, row["snapshot_image_id"])
            .with(\.interfaces, InterfacesColumn.decode(row["interfaces"]))
            .with(\.imageHardware, json.metadata(row["image_hardware"]) ?? [:])
            .with(\.snapshotBackup, json.decode(BackupRotation.self, row["snapshot_backup"]))
            .with(\.requestedHost, row["requested_host"])
            .with(\.placementHints, json.decode(PlacementHints.self, row["placement_hints"]))
    }

    static func event(_ row: Row) -> InstanceActionEvent {
        InstanceActionEvent(
            event: row["event"], startTime: Date(timeIntervalSince1970: row["start_time"]),
            finishTime: (row["finish_time"] as Double?).map(Date.init(timeIntervalSince1970:)),
            result: (row["result"] as String?).flatMap(InstanceActionEvent.Result.init(rawValue:)),
            hostName: row["host"], traceback: row["traceback"])
    }
}

/// The flavor copy kept with an instance.
struct FlavorRecord: Codable {
    var id: String
    var name: String
    var vcpus: Int
    var ram: Int
    var disk: Int
    var ephemeral: Int
    var swap: Int
    var isPublic: Bool
    var extraSpecs: [String: String]

    init(_ flavor: Flavor) {
        id = flavor.id
        name = flavor.name
        vcpus = flavor.vcpus
        ram = flavor.memoryMiB
        disk = flavor.rootDiskGiB
        ephemeral = flavor.ephemeralGiB
        swap = flavor.swapMiB
        isPublic = flavor.isPublic
        extraSpecs = flavor.extraSpecs
    }

    var flavor: Flavor {
        Flavor(id: id, name: name, vcpus: vcpus, memoryMiB: ram, rootDiskGiB: disk, ephemeralGiB: ephemeral,
               swapMiB: swap, isPublic: isPublic, extraSpecs: extraSpecs)
    }
}

struct FaultRecord: Codable {
    var code: Int
    var message: String
    var details: String?
    var created: Double

    init(_ fault: InstanceFault) {
        code = fault.code
        message = fault.message
        details = fault.details
        created = fault.createdAt.timeIntervalSince1970
    }

    var fault: InstanceFault {
        InstanceFault(code: code, message: message, details: details, createdAt: Date(timeIntervalSince1970: created))
    }
}

struct MigrationRecord: Codable {
    var sourceHostID: String
    var sourceHostName: String
    var oldFlavor: FlavorRecord
    var requestedHost: String?
    /// "" when the guest has no disk to carry, else the export's URI; absent until reported.
    var sourceDisk: String?

    init(_ migration: PendingMigration) {
        sourceHostID = migration.sourceHostID
        sourceHostName = migration.sourceHostName
        oldFlavor = FlavorRecord(migration.oldFlavor)
        requestedHost = migration.requestedHost
        switch migration.sourceDisk {
        case nil: sourceDisk = nil
        case .none?: sourceDisk = ""
        case .exported(let uri)?: sourceDisk = uri
        }
    }

    var migration: PendingMigration {
        PendingMigration(
            sourceHostID: sourceHostID, sourceHostName: sourceHostName, oldFlavor: oldFlavor.flavor,
            requestedHost: requestedHost,
            sourceDisk: sourceDisk.map { $0.isEmpty ? PendingMigration.SourceDisk.none : .exported(uri: $0) })
    }
}

extension Instance {
    /// The columns the memberwise initializer does not take, set one by one.
    fileprivate func with<Value>(_ field: WritableKeyPath<Instance, Value>, _ value: Value) -> Instance {
        var copy = self
        copy[keyPath: field] = value
        return copy
    }
}
