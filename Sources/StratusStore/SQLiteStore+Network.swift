import Foundation
import GRDB
import StratusCore

/// Networking rows: each resource's JSON document, with the columns lookups and
/// the uniqueness guarantees need (`StoreSchema+Network`).
extension SQLiteStore: NetworkStore {
    public func network(id: String) async throws -> Network? {
        try await read { db in try Self.document(Network.self, db, "SELECT document FROM networks WHERE id = ?", [id]).first }
    }

    public func networks() async throws -> [Network] {
        try await read { db in try Self.document(Network.self, db, "SELECT document FROM networks ORDER BY created_at, id", []) }
    }

    public func subnet(id: String) async throws -> Subnet? {
        try await read { db in try Self.document(Subnet.self, db, "SELECT document FROM subnets WHERE id = ?", [id]).first }
    }

    public func subnets(networkID: String?) async throws -> [Subnet] {
        try await read { db in
            guard let networkID else {
                return try Self.document(Subnet.self, db, "SELECT document FROM subnets ORDER BY created_at, id", [])
            }
            return try Self.document(
                Subnet.self, db, "SELECT document FROM subnets WHERE network_id = ? ORDER BY created_at, id", [networkID])
        }
    }

    public func port(id: String) async throws -> NetworkPort? {
        try await read { db in try Self.document(NetworkPort.self, db, "SELECT document FROM ports WHERE id = ?", [id]).first }
    }

    public func ports(projectID: String?, networkID: String?, deviceID: String?) async throws -> [NetworkPort] {
        try await read { db in
            var filter = SQLFilter()
            if let projectID { filter.add("project_id = ?", projectID) }
            if let networkID { filter.add("network_id = ?", networkID) }
            if let deviceID { filter.add("device_id = ?", deviceID) }
            return try Self.document(
                NetworkPort.self, db, "SELECT document FROM ports \(filter.whereClause) ORDER BY created_at, id", filter.arguments)
        }
    }

    public func ports(deviceIDs: [String]) async throws -> [NetworkPort] {
        guard !deviceIDs.isEmpty else { return [] }
        return try await read { db in
            var ports: [NetworkPort] = []
            // SQLite's bound-parameter limit is far above a page (1000), but chunk anyway.
            for chunk in stride(from: 0, to: deviceIDs.count, by: 500).map({ Array(deviceIDs[$0..<min($0 + 500, deviceIDs.count)]) }) {
                let marks = chunk.map { _ in "?" }.joined(separator: ", ")
                ports += try Self.document(
                    NetworkPort.self, db, "SELECT document FROM ports WHERE device_id IN (\(marks)) ORDER BY created_at, id",
                    StatementArguments(chunk))
            }
            return ports
        }
    }

    public func securityGroupNames(deviceIDs: [String]) async throws -> [String: [String]] {
        guard !deviceIDs.isEmpty else { return [:] }
        return try await read { db in
            var names: [String: [String]] = [:]
            for start in stride(from: 0, to: deviceIDs.count, by: 500) {
                let chunk = Array(deviceIDs[start..<min(start + 500, deviceIDs.count)])
                let marks = chunk.map { _ in "?" }.joined(separator: ", ")
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT p.device_id, g.name FROM ports p
                    JOIN port_security_groups b ON b.port_id = p.id
                    JOIN security_groups g ON g.id = b.security_group_id
                    WHERE p.device_id IN (\(marks))
                    ORDER BY p.created_at, p.id, b.rowid
                    """, arguments: StatementArguments(chunk))
                while let row = try rows.next() {
                    let device: String = row[0]
                    let name: String = row[1]
                    if !(names[device]?.contains(name) ?? false) { names[device, default: []].append(name) }
                }
            }
            return names
        }
    }

    /// After the highest address taken in each pool (one index probe), then the
    /// lowest gaps once a pool's end is reached: allocation stays O(log n) while a
    /// pool fills, as servers are made far more often than the pool wraps.
    public func freeAddresses(subnet: Subnet, count: Int) async throws -> [UInt32] {
        guard count > 0 else { return [] }
        return try await read { db in
            var found: [UInt32] = []
            for pool in subnet.allocationPools where found.count < count {
                let highest = try Int64.fetchOne(
                    db, sql: "SELECT max(address) FROM ip_allocations WHERE subnet_id = ? AND address BETWEEN ? AND ?",
                    arguments: [subnet.id, Int64(pool.start), Int64(pool.end)])
                var next = highest.map { UInt32($0) &+ 1 } ?? pool.start
                while found.count < count, highest.map({ $0 < Int64(pool.end) }) ?? true, next <= pool.end, next >= pool.start {
                    if subnet.allocatable(next) { found.append(next) }
                    if next == UInt32.max { break }
                    next += 1
                }
                if found.count < count {
                    found += try Self.gaps(in: pool, subnet, db, want: count - found.count, excluding: Set(found))
                }
            }
            return found
        }
    }

    /// The lowest free addresses of a pool, walking allocated runs from its start.
    static func gaps(
        in pool: Subnet.Pool, _ subnet: Subnet, _ db: Database, want: Int, excluding: Set<UInt32>
    ) throws -> [UInt32] {
        let rows = try Row.fetchCursor(
            db, sql: "SELECT address FROM ip_allocations WHERE subnet_id = ? AND address BETWEEN ? AND ? ORDER BY address",
            arguments: [subnet.id, Int64(pool.start), Int64(pool.end)])
        var found: [UInt32] = []
        var candidate = Int64(pool.start)
        func take(upTo limit: Int64) {
            while candidate < limit, found.count < want {
                let address = UInt32(candidate)
                if subnet.allocatable(address), !excluding.contains(address) { found.append(address) }
                candidate += 1
            }
        }
        while found.count < want, let row = try rows.next() {
            let taken: Int64 = row["address"]
            take(upTo: taken)
            candidate = max(candidate, taken + 1)
        }
        take(upTo: Int64(pool.end) + 1)
        return found
    }

    public func securityGroup(id: String) async throws -> SecurityGroup? {
        try await read { db in
            try Self.document(SecurityGroup.self, db, "SELECT document FROM security_groups WHERE id = ?", [id]).first
        }
    }

    public func securityGroups(projectID: String?) async throws -> [SecurityGroup] {
        try await read { db in
            guard let projectID else {
                return try Self.document(SecurityGroup.self, db, "SELECT document FROM security_groups ORDER BY created_at, id", [])
            }
            return try Self.document(
                SecurityGroup.self, db,
                "SELECT document FROM security_groups WHERE project_id = ? ORDER BY created_at, id", [projectID])
        }
    }

    public func securityGroupRules(groupIDs: [String]) async throws -> [SecurityGroupRule] {
        guard !groupIDs.isEmpty else { return [] }
        return try await read { db in
            let marks = groupIDs.map { _ in "?" }.joined(separator: ", ")
            return try Self.document(
                SecurityGroupRule.self, db,
                "SELECT document FROM security_group_rules WHERE security_group_id IN (\(marks)) ORDER BY created_at, id",
                StatementArguments(groupIDs))
        }
    }

    public func securityGroupRule(id: String) async throws -> SecurityGroupRule? {
        try await read { db in
            try Self.document(SecurityGroupRule.self, db, "SELECT document FROM security_group_rules WHERE id = ?", [id]).first
        }
    }

    public func portsUsing(securityGroupID: String) async throws -> Int {
        try await read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM port_security_groups WHERE security_group_id = ?",
                arguments: [securityGroupID]) ?? 0
        }
    }

    // MARK: - Writes (from `commit`)

    /// The networking cases of `apply`.
    static func applyNetwork(_ change: StoreChange, _ db: Database) throws {
        switch change {
        case .insertNetwork(let network):
            try db.execute(
                sql: "INSERT INTO networks (id, project_id, document, revision, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [network.id, network.projectID, try encode(network), network.revision,
                            network.createdAt.timeIntervalSince1970])
        case .updateNetwork(let network):
            try db.executeChecked(
                "UPDATE networks SET document = ?, revision = ? WHERE id = ? AND revision = ?",
                [try encode(network), network.revision, network.id, network.revision - 1], what: "network \(network.id)")
        case .deleteNetwork(let id):
            try db.execute(sql: "DELETE FROM subnets WHERE network_id = ?", arguments: [id])
            try db.executeChecked("DELETE FROM networks WHERE id = ?", [id], what: "network \(id)")
        case .insertSubnet(let subnet):
            try db.execute(
                sql: "INSERT INTO subnets (id, network_id, project_id, document, revision, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [subnet.id, subnet.networkID, subnet.projectID, try encode(subnet), subnet.revision,
                            subnet.createdAt.timeIntervalSince1970])
        case .updateSubnet(let subnet):
            try db.executeChecked(
                "UPDATE subnets SET document = ?, revision = ? WHERE id = ? AND revision = ?",
                [try encode(subnet), subnet.revision, subnet.id, subnet.revision - 1], what: "subnet \(subnet.id)")
        case .deleteSubnet(let id):
            try db.executeChecked("DELETE FROM subnets WHERE id = ?", [id], what: "subnet \(id)")
        case .insertPort(let port):
            try db.execute(
                sql: """
                    INSERT INTO ports (id, network_id, project_id, device_id, mac_address, document, revision, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [port.id, port.networkID, port.projectID, port.deviceID, port.macAddress, try encode(port),
                            port.revision, port.createdAt.timeIntervalSince1970])
            try insertBindings(port, db)
        case .updatePort(let port):
            try db.executeChecked(
                "UPDATE ports SET device_id = ?, document = ?, revision = ? WHERE id = ? AND revision = ?",
                [port.deviceID, try encode(port), port.revision, port.id, port.revision - 1], what: "port \(port.id)")
            try db.execute(sql: "DELETE FROM ip_allocations WHERE port_id = ?", arguments: [port.id])
            try db.execute(sql: "DELETE FROM port_security_groups WHERE port_id = ?", arguments: [port.id])
            try insertBindings(port, db)
        case .deletePort(let id):
            try db.executeChecked("DELETE FROM ports WHERE id = ?", [id], what: "port \(id)")
        case .insertSecurityGroup(let group):
            try db.execute(
                sql: "INSERT INTO security_groups (id, project_id, name, document, revision, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [group.id, group.projectID, group.name, try encode(group), group.revision,
                            group.createdAt.timeIntervalSince1970])
        case .updateSecurityGroup(let group):
            try db.executeChecked(
                "UPDATE security_groups SET name = ?, document = ?, revision = ? WHERE id = ? AND revision = ?",
                [group.name, try encode(group), group.revision, group.id, group.revision - 1],
                what: "security group \(group.id)")
        case .deleteSecurityGroup(let id):
            try db.executeChecked("DELETE FROM security_groups WHERE id = ?", [id], what: "security group \(id)")
        case .insertSecurityGroupRule(let rule):
            try db.execute(
                sql: """
                    INSERT INTO security_group_rules (id, security_group_id, remote_group_id, project_id, document, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [rule.id, rule.securityGroupID, rule.remoteGroupID, rule.projectID, try encode(rule),
                            rule.createdAt.timeIntervalSince1970])
        case .deleteSecurityGroupRule(let id):
            try db.executeChecked("DELETE FROM security_group_rules WHERE id = ?", [id], what: "security group rule \(id)")
        default:
            return
        }
    }

    /// A port's addresses and groups as rows the constraints can check.
    private static func insertBindings(_ port: NetworkPort, _ db: Database) throws {
        for fixed in port.fixedIPs {
            try db.execute(
                sql: "INSERT INTO ip_allocations (subnet_id, address, port_id) VALUES (?, ?, ?)",
                arguments: [fixed.subnetID, Int64(fixed.address), port.id])
        }
        for group in port.securityGroupIDs {
            try db.execute(
                sql: "INSERT INTO port_security_groups (port_id, security_group_id) VALUES (?, ?)",
                arguments: [port.id, group])
        }
    }

    static func encode<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    static func document<T: Decodable>(
        _ type: T.Type, _ db: Database, _ sql: String, _ arguments: StatementArguments
    ) throws -> [T] {
        let decoder = JSONDecoder()
        return try String.fetchAll(db, sql: sql, arguments: arguments).map { try decoder.decode(type, from: Data($0.utf8)) }
    }
}
