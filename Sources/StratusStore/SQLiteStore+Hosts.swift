import Foundation
import GRDB
import StratusCore

extension SQLiteStore {
    public func computeHosts() async throws -> [ComputeHost] {
        try await read { db in
            try Self.withAggregates(try Row.fetchAll(db, sql: "SELECT * FROM compute_hosts ORDER BY name").map(Self.host), db)
        }
    }

    public func registeredHosts() async throws -> [RegisteredHost] {
        try await read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT compute_hosts.rowid AS number, compute_hosts.*,
                    (SELECT count(*) FROM resource_claims WHERE host_id = compute_hosts.id) AS claim_count
                FROM compute_hosts ORDER BY compute_hosts.rowid
                """)
            let hosts = try Self.withAggregates(rows.map(Self.host), db)
            return zip(rows, hosts).map { row, host in
                RegisteredHost(number: row["number"], host: host, claimCount: row["claim_count"])
            }
        }
    }

    public func claim(instanceID: String) async throws -> ResourceClaim? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM resource_claims WHERE instance_id = ?", arguments: [instanceID])
                .map(Self.claim)
        }
    }

    static func host(_ row: Row) -> ComputeHost {
        let traits = (try? JSONDecoder().decode(HostTraitsRecord.self, from: Data((row["traits"] as String).utf8)))
            ?? HostTraitsRecord()
        let metadata = (try? JSONDecoder().decode(
            [String: String].self, from: Data((row["aggregate_metadata"] as String).utf8))) ?? [:]
        return ComputeHost(
            id: row["id"], name: row["name"], availabilityZone: row["availability_zone"], enabled: row["enabled"],
            lastHeartbeat: Date(timeIntervalSince1970: row["last_heartbeat"]),
            capacity: ResourceAmounts(vcpus: row["total_vcpus"], memoryMiB: row["total_memory_mib"], diskGiB: row["total_disk_gib"]),
            reserved: ResourceAmounts(
                vcpus: row["reserved_vcpus"], memoryMiB: row["reserved_memory_mib"], diskGiB: row["reserved_disk_gib"]),
            allocationRatios: AllocationRatios(cpu: row["cpu_ratio"], ram: row["ram_ratio"], disk: row["disk_ratio"]),
            usage: ResourceAmounts(vcpus: row["used_vcpus"], memoryMiB: row["used_memory_mib"], diskGiB: row["used_disk_gib"]),
            aggregateMetadata: metadata, supportedInstances: traits.supportedInstances, traits: traits.traits)
    }

    static func claim(_ row: Row) -> ResourceClaim {
        ResourceClaim(
            hostID: row["host_id"], instanceID: row["instance_id"],
            amounts: ResourceAmounts(vcpus: row["vcpus"], memoryMiB: row["memory_mib"], diskGiB: row["disk_gib"]))
    }

    /// Insert or update everything the host offers; `used_*` belongs to claims and is left alone.
    static func upsert(_ host: ComputeHost, _ db: Database) throws {
        let limits = host.limits
        let traits = String(decoding: try JSONEncoder().encode(HostTraitsRecord(host)), as: UTF8.self)
        let metadata = String(decoding: try JSONEncoder().encode(host.aggregateMetadata), as: UTF8.self)
        try db.execute(
            sql: """
                INSERT INTO compute_hosts (
                    id, name, availability_zone, enabled, last_heartbeat,
                    total_vcpus, total_memory_mib, total_disk_gib,
                    reserved_vcpus, reserved_memory_mib, reserved_disk_gib,
                    cpu_ratio, ram_ratio, disk_ratio, limit_vcpus, limit_memory_mib, limit_disk_gib,
                    aggregate_metadata, traits)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET
                    name = excluded.name, availability_zone = excluded.availability_zone, enabled = excluded.enabled,
                    last_heartbeat = excluded.last_heartbeat,
                    total_vcpus = excluded.total_vcpus, total_memory_mib = excluded.total_memory_mib,
                    total_disk_gib = excluded.total_disk_gib, reserved_vcpus = excluded.reserved_vcpus,
                    reserved_memory_mib = excluded.reserved_memory_mib, reserved_disk_gib = excluded.reserved_disk_gib,
                    cpu_ratio = excluded.cpu_ratio, ram_ratio = excluded.ram_ratio, disk_ratio = excluded.disk_ratio,
                    limit_vcpus = excluded.limit_vcpus, limit_memory_mib = excluded.limit_memory_mib,
                    limit_disk_gib = excluded.limit_disk_gib, aggregate_metadata = excluded.aggregate_metadata,
                    traits = excluded.traits
                """,
            arguments: [
                host.id, host.name, host.availabilityZone, host.enabled, host.lastHeartbeat.timeIntervalSince1970,
                host.capacity.vcpus, host.capacity.memoryMiB, host.capacity.diskGiB,
                host.reserved.vcpus, host.reserved.memoryMiB, host.reserved.diskGiB,
                host.allocationRatios.cpu, host.allocationRatios.ram, host.allocationRatios.disk,
                limits.vcpus, limits.memoryMiB, limits.diskGiB, metadata, traits,
            ])
    }

    /// The over-commit guarantee: one conditional UPDATE that adds the claim
    /// only where every requested class still fits (a class not requested is
    /// not checked, as placement does), then the claim row. Both or neither.
    static func apply(_ claim: ResourceClaim, _ db: Database) throws {
        let amounts = claim.amounts
        guard amounts.isNonNegative else { throw StoreError.insufficientCapacity("negative claim for \(claim.instanceID)") }
        try db.execute(
            sql: """
                UPDATE compute_hosts SET
                    used_vcpus = used_vcpus + :vcpus, used_memory_mib = used_memory_mib + :memory,
                    used_disk_gib = used_disk_gib + :disk
                WHERE id = :host
                  AND (:vcpus = 0 OR (:vcpus <= total_vcpus AND used_vcpus + :vcpus <= limit_vcpus))
                  AND (:memory = 0 OR (:memory <= total_memory_mib AND used_memory_mib + :memory <= limit_memory_mib))
                  AND (:disk = 0 OR (:disk <= total_disk_gib AND used_disk_gib + :disk <= limit_disk_gib))
                """,
            arguments: ["vcpus": amounts.vcpus, "memory": amounts.memoryMiB, "disk": amounts.diskGiB, "host": claim.hostID])
        guard db.changesCount == 1 else {
            throw StoreError.insufficientCapacity("host \(claim.hostID) cannot take \(amounts)")
        }
        try db.execute(
            sql: "INSERT INTO resource_claims (instance_id, host_id, vcpus, memory_mib, disk_gib) VALUES (?, ?, ?, ?, ?)",
            arguments: [claim.instanceID, claim.hostID, amounts.vcpus, amounts.memoryMiB, amounts.diskGiB])
    }

    static func deleteHost(id: String, name: String, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM aggregate_hosts WHERE host_name = ?", arguments: [name])
        try db.execute(sql: "DELETE FROM resource_claims WHERE host_id = ?", arguments: [id])
        try db.executeChecked("DELETE FROM compute_hosts WHERE id = ?", [id], what: "host \(name)")
    }

    static func releaseClaim(instanceID: String, _ db: Database) throws {
        guard let row = try Row.fetchOne(
            db, sql: "SELECT * FROM resource_claims WHERE instance_id = ?", arguments: [instanceID])
        else { return }
        let claim = Self.claim(row)
        try db.execute(sql: "DELETE FROM resource_claims WHERE instance_id = ?", arguments: [instanceID])
        try db.execute(
            sql: """
                UPDATE compute_hosts SET used_vcpus = used_vcpus - ?, used_memory_mib = used_memory_mib - ?,
                    used_disk_gib = used_disk_gib - ? WHERE id = ?
                """,
            arguments: [claim.amounts.vcpus, claim.amounts.memoryMiB, claim.amounts.diskGiB, claim.hostID])
    }
}

/// The host facts kept as one JSON column: they are read whole, never queried.
struct HostTraitsRecord: Codable {
    struct Instance: Codable {
        var architecture: String
        var hypervisorType: String
        var vmMode: String
    }

    var hardwareRNG = false
    var trusted: Bool?
    var attestedAt: Double?
    var instances: [Instance] = []
    var migrationAddress: String?
    var migrationTransport: String?

    init() {}

    init(_ host: ComputeHost) {
        hardwareRNG = host.traits.hasHardwareRNG
        trusted = host.traits.attestation?.trusted
        attestedAt = host.traits.attestation?.attestedAt.timeIntervalSince1970
        migrationAddress = host.traits.liveMigration?.address
        migrationTransport = host.traits.liveMigration?.transport.rawValue
        instances = host.supportedInstances.map {
            Instance(architecture: $0.architecture, hypervisorType: $0.hypervisorType, vmMode: $0.vmMode)
        }
    }

    var traits: HostTraits {
        let attestation = trusted.flatMap { trusted in
            attestedAt.map { HostAttestation(trusted: trusted, attestedAt: Date(timeIntervalSince1970: $0)) }
        }
        let migration = migrationAddress.map {
            MigrationEndpoint(address: $0, transport: migrationTransport.flatMap(MigrationEndpoint.Transport.init) ?? .tls)
        }
        return HostTraits(attestation: attestation, hasHardwareRNG: hardwareRNG, liveMigration: migration)
    }

    var supportedInstances: [SupportedInstance] {
        instances.map { SupportedInstance(architecture: $0.architecture, hypervisorType: $0.hypervisorType, vmMode: $0.vmMode) }
    }
}
