import Foundation
import HTTPTypes
import StratusAgent
import StratusApp
import StratusCore
import StratusOpenStack
import Testing

/// The cloud every matrix row runs in: the personas' tokens (each issued once), the
/// four projects with a full set of resources each, and hosts with agents so servers
/// reach ACTIVE.
final class MatrixWorld: Sendable {
    static let imageID = ProjectAdminScopeTests.imageID
    static let apiVersion = HTTPField.Name("OpenStack-API-Version")!
    static let subjectToken = HTTPField.Name("X-Subject-Token")!

    let cloud: TestCloud
    let tokens: [Persona: String]
    let userIDs: [Persona: String]
    let projectIDs: [Proj: String]
    /// Each project's owner (a member that made its resources) and that user's id.
    let owners: [Proj: String]
    let ownerIDs: [Proj: String]
    /// Each project's shared resources: server, network, subnet, port, sg, rule, volume, image, group.
    let shared: [Proj: [String: String]]
    let roleIDs: [String: String]
    let converge: @Sendable () async throws -> Void

    private init(
        cloud: TestCloud, tokens: [Persona: String], userIDs: [Persona: String], projectIDs: [Proj: String],
        owners: [Proj: String], ownerIDs: [Proj: String], shared: [Proj: [String: String]], roleIDs: [String: String],
        converge: @escaping @Sendable () async throws -> Void
    ) {
        self.cloud = cloud
        self.tokens = tokens
        self.userIDs = userIDs
        self.projectIDs = projectIDs
        self.owners = owners
        self.ownerIDs = ownerIDs
        self.shared = shared
        self.roleIDs = roleIDs
        self.converge = converge
    }

    var admin: String { tokens[.cloudAdmin]! }
    func pid(_ project: Proj) -> String { projectIDs[project]! }

    // MARK: Requests

    func send(
        _ token: String, _ method: HTTPRequest.Method, _ path: String, json: JSONValue? = nil, compute: String? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> Reply {
        var headers = extra
        headers[.accept] = "application/json"
        if let compute { headers[Self.apiVersion] = "compute \(compute)" }
        return try await cloud.send(method, path, token: token, json: json, headers: headers)
    }

    /// The status a persona gets.
    func status(
        _ persona: Persona, _ method: HTTPRequest.Method, _ path: String, json: JSONValue? = nil, compute: String? = nil,
        headers: HTTPFields = [:]
    ) async throws -> Int {
        Int(try await send(tokens[persona]!, method, path, json: json, compute: compute, headers: headers).status.code)
    }

    /// A read as the cloud admin, for probes and set-up.
    func read(_ path: String, compute: String? = "2.80") async throws -> JSONValue? {
        let reply = try await send(admin, .get, path, compute: compute)
        return reply.status.code < 300 ? (reply.json ?? .null) : .string("status \(reply.status.code)")
    }

    /// A write the set-up needs to succeed.
    @discardableResult
    func must(
        _ token: String, _ method: HTTPRequest.Method, _ path: String, json: JSONValue? = nil, compute: String? = nil,
        _ what: String = ""
    ) async throws -> Reply {
        let reply = try await send(token, method, path, json: json, compute: compute)
        try #require(reply.status.code < 300, "set-up \(what) \(method) \(path): \(reply.status) \(String(describing: reply.json))")
        return reply
    }

    // MARK: Servers

    enum ServerState: Sendable { case active, shutoff, paused, suspended, verifyResize, locked, building }

    /// A fresh server of `project`'s owner (flavor m1.nano), brought to `state`.
    func server(_ project: Proj, _ state: ServerState = .active, name: String = "fresh") async throws -> String {
        let owner = owners[project]!
        let created = try await must(owner, .post, "/compute/v2.1/servers", json: [
            "server": ["name": .string(name), "imageRef": .string(Self.imageID), "flavorRef": "42", "metadata": ["k": "v"],
                       "networks": [["uuid": .string(try await sharedNetwork())]]],
        ], "server in \(project)")
        let id = try #require(created.json?["server"]?["id"]?.stringValue)
        if state == .building { return id }
        try await settle(id, "ACTIVE")
        let action = "/compute/v2.1/servers/\(id)/action"
        switch state {
        case .active, .building: break
        case .shutoff:
            try await must(owner, .post, action, json: ["os-stop": nil])
            try await settle(id, "SHUTOFF")
        case .paused:
            try await must(owner, .post, action, json: ["pause": nil])
            try await settle(id, "PAUSED")
        case .suspended:
            try await must(owner, .post, action, json: ["suspend": nil])
            try await settle(id, "SUSPENDED")
        case .verifyResize:
            try await must(owner, .post, action, json: ["resize": ["flavorRef": "84"]])
            try await settle(id, "VERIFY_RESIZE")
        case .locked:
            try await must(owner, .post, action, json: ["lock": nil])
        }
        return id
    }

    /// The shared network every project's servers attach to (each project has its own network too).
    func sharedNetwork() async throws -> String {
        try #require(try await read("/network/v2.0/networks?name=shared", compute: nil)?["networks"]?.arrayValue?.first?["id"]?.stringValue)
    }

    /// Runs the scheduler and agents until the server shows `status` with no task.
    func settle(_ id: String, _ status: String) async throws {
        for _ in 0..<6 {
            try await converge()
            let server = try await read("/compute/v2.1/servers/\(id)")?["server"]
            if server?["status"]?.stringValue == status, server?["OS-EXT-STS:task_state"] == .null { return }
        }
        let server = try await read("/compute/v2.1/servers/\(id)")
        Issue.record("server \(id) never reached \(status): \(String(describing: server))")
    }

    /// What a denied request must leave alone on a server.
    func serverProbe(_ id: String) async throws -> JSONValue? {
        guard let server = try await read("/compute/v2.1/servers/\(id)")?["server"] else { return nil }
        if case .string = server { return server }
        var kept: [String: JSONValue] = [:]
        for key in ["name", "status", "locked", "metadata", "tags", "description", "OS-EXT-STS:task_state",
                    "OS-EXT-STS:vm_state", "flavor", "security_groups", "os-extended-volumes:volumes_attached",
                    "OS-EXT-SRV-ATTR:host", "image"] {
            kept[key] = server[key] ?? .null
        }
        return .object(kept)
    }

    // MARK: Other fresh resources

    func network(_ project: Proj, name: String = "fresh-net") async throws -> String {
        let reply = try await must(owners[project]!, .post, "/network/v2.0/networks", json: ["network": ["name": .string(name)]])
        return try #require(reply.json?["network"]?["id"]?.stringValue)
    }

    func volume(_ project: Proj, name: String = "fresh-vol") async throws -> String {
        let reply = try await must(owners[project]!, .post, "/volume/v3/volumes", json: ["volume": ["size": 1, "name": .string(name)]])
        return try #require(reply.json?["volume"]?["id"]?.stringValue)
    }

    /// An image owned by `project` (the private-cloud trust profile lets only cloud
    /// administrators create images, so the cloud admin makes it, naming the owner).
    func image(_ project: Proj, visibility: String = "private", name: String = "fresh-image") async throws -> String {
        let reply = try await must(admin, .post, "/image/v2/images", json: [
            "name": .string(name), "visibility": .string(visibility), "disk_format": "raw", "container_format": "bare",
            "owner": .string(pid(project)),
        ])
        return try #require(reply.json?["id"]?.stringValue)
    }

    // MARK: Set-up

    static func make(_ cloud: TestCloud) async throws -> MatrixWorld {
        let compute = cloud.cloud.compute
        var agents: [HostAgent] = []
        for host in SimulatedHosts.make(count: 2) {
            try await compute.registerHost(host)
            let driver = SimulatedDriver()
            cloud.cloud.consoles.add(hostID: host.id, driver: driver)
            agents.append(HostAgent(
                host: host, driver: driver, controlPlane: InProcessControlPlane(compute: compute, volumes: cloud.cloud.volumes)))
        }
        let hostAgents = agents
        let converge: @Sendable () async throws -> Void = {
            // The agents' heartbeats, which these hand-stepped agents do not send: under a
            // loaded parallel run the matrix outlasts the 60 s down time.
            for agent in hostAgents { try await compute.recordHeartbeat(hostID: agent.host.id, at: Date()) }
            try await compute.scheduleUnplaced()
            try await compute.scheduleMigrations()
            for agent in hostAgents { try await agent.reconcile() }
        }

        let admin = try await cloud.token()
        let system = try await cloud.send(.post, "/identity/v3/auth/tokens", json: [
            "auth": ["identity": ["methods": ["password"], "password": ["user": [
                "name": "admin", "domain": ["id": "default"], "password": .string(TestCloud.adminPassword),
            ]]], "scope": ["system": ["all": true]]],
        ])
        let systemToken = try #require(system.headers[subjectToken])
        let me = try await cloud.send(.get, "/identity/v3/auth/tokens", token: admin, headers: [subjectToken: admin])
        let adminUserID = try #require(me.json?["token"]?["user"]?["id"]?.stringValue)
        let adminProjectID = try #require(me.json?["token"]?["project"]?["id"]?.stringValue)

        let (readerID, alphaID) = try await cloud.makeUser("alpha-reader", role: "reader", project: "alpha", adminToken: admin)
        let (memberID, _) = try await cloud.makeUser("alpha-member", role: "member", project: "alpha", adminToken: admin)
        let (alphaAdminID, _) = try await cloud.makeUser("alpha-admin", role: "admin", project: "alpha", adminToken: admin)
        let (bobID, betaID) = try await cloud.makeUser("bob", role: "member", project: "beta", adminToken: admin)
        let (serviceID, serviceProjectID) = try await cloud.makeUser("svc", role: "service", project: "service", adminToken: admin)
        let (serviceOwnerID, _) = try await cloud.makeUser("svc-owner", role: "member", project: "service", adminToken: admin)

        let tokens: [Persona: String] = [
            .reader: try await cloud.token(user: "alpha-reader", password: "pw-alpha-reader", project: "alpha"),
            .member: try await cloud.token(user: "alpha-member", password: "pw-alpha-member", project: "alpha"),
            .projectAdmin: try await cloud.token(user: "alpha-admin", password: "pw-alpha-admin", project: "alpha"),
            .cloudAdmin: admin,
            .systemAdmin: systemToken,
            .service: try await cloud.token(user: "svc", password: "pw-svc", project: "service"),
        ]
        let owners: [Proj: String] = [
            .alpha: tokens[.member]!,
            .beta: try await cloud.token(user: "bob", password: "pw-bob", project: "beta"),
            .admin: admin,
            .service: try await cloud.token(user: "svc-owner", password: "pw-svc-owner", project: "service"),
        ]
        var roleIDs: [String: String] = [:]
        for role in try #require(try await cloud.send(.get, "/identity/v3/roles", token: admin).json?["roles"]?.arrayValue) {
            roleIDs[try #require(role["name"]?.stringValue)] = role["id"]?.stringValue
        }
        let projectIDs: [Proj: String] = [.alpha: alphaID, .beta: betaID, .admin: adminProjectID, .service: serviceProjectID]

        // Room for the fresh targets: quotas well above what the matrix makes.
        func raise(_ method: HTTPRequest.Method, _ path: String, _ body: JSONValue) async throws {
            let reply = try await cloud.send(method, path, token: admin, json: body)
            try #require(reply.status.code < 300, "quota \(path): \(reply.status) \(String(describing: reply.json))")
        }
        try await raise(.put, "/compute/v2.1/os-quota-class-sets/default", ["quota_class_set": [
            "instances": 2000, "cores": 2000, "ram": 10_000_000, "key_pairs": 1000, "metadata_items": 1000,
        ]])
        try await raise(.put, "/volume/v3/os-quota-class-sets/default", ["quota_class_set": [
            "volumes": 1000, "gigabytes": 10000, "snapshots": 1000,
        ]])
        for project in projectIDs.values {
            try await raise(.put, "/network/v2.0/quotas/\(project)", ["quota": [
                "network": 1000, "subnet": 1000, "port": 2000, "security_group": 1000, "security_group_rule": 5000,
            ]])
        }

        var world = MatrixWorld(
            cloud: cloud, tokens: tokens, userIDs: [
                .reader: readerID, .member: memberID, .projectAdmin: alphaAdminID, .cloudAdmin: adminUserID,
                .systemAdmin: adminUserID, .service: serviceID,
            ], projectIDs: projectIDs, owners: owners,
            ownerIDs: [.alpha: memberID, .beta: bobID, .admin: adminUserID, .service: serviceOwnerID],
            shared: [:], roleIDs: roleIDs, converge: converge)

        // Each project's shared resources, made by its owner.
        var shared: [Proj: [String: String]] = [:]
        for project in Proj.allCases {
            let owner = owners[project]!
            var ids: [String: String] = ["project": projectIDs[project]!, "owner": world.ownerIDs[project]!]
            ids["server"] = try await world.server(project, name: "shared-\(project.rawValue)")
            try await world.must(owner, .put, "/compute/v2.1/servers/\(ids["server"]!)/tags/t1", compute: "2.26")
            let network = try await world.network(project, name: "net-\(project.rawValue)")
            ids["network"] = network
            let subnet = try await world.must(owner, .post, "/network/v2.0/subnets", json: ["subnet": [
                "network_id": .string(network), "cidr": "10.77.0.0/24", "ip_version": 4, "name": .string("sub-\(project.rawValue)"),
            ]])
            ids["subnet"] = subnet.json?["subnet"]?["id"]?.stringValue
            let port = try await world.must(owner, .post, "/network/v2.0/ports", json: ["port": [
                "network_id": .string(network), "name": .string("port-\(project.rawValue)"),
            ]])
            ids["port"] = port.json?["port"]?["id"]?.stringValue
            let group = try await world.must(owner, .post, "/network/v2.0/security-groups", json: [
                "security_group": ["name": .string("sg-\(project.rawValue)"), "description": "matrix"],
            ])
            ids["sg"] = group.json?["security_group"]?["id"]?.stringValue
            let rule = try await world.must(owner, .post, "/network/v2.0/security-group-rules", json: ["security_group_rule": [
                "security_group_id": .string(ids["sg"]!), "direction": "ingress", "protocol": "tcp",
                "port_range_min": 22, "port_range_max": 22, "ethertype": "IPv4",
            ]])
            ids["rule"] = rule.json?["security_group_rule"]?["id"]?.stringValue
            ids["volume"] = try await world.volume(project, name: "vol-\(project.rawValue)")
            ids["image"] = try await world.image(project, name: "image-\(project.rawValue)")
            let serverGroup = try await world.must(owner, .post, "/compute/v2.1/os-server-groups", json: [
                "server_group": ["name": .string("group-\(project.rawValue)"), "policies": ["affinity"]],
            ])
            ids["group"] = serverGroup.json?["server_group"]?["id"]?.stringValue
            shared[project] = ids
        }
        world = MatrixWorld(
            cloud: cloud, tokens: world.tokens, userIDs: world.userIDs, projectIDs: projectIDs, owners: owners,
            ownerIDs: world.ownerIDs, shared: shared, roleIDs: roleIDs, converge: converge)
        return world
    }

    /// The project's shared target, or one made by `make` when the cell asks for a fresh one.
    func target(
        _ project: Proj, fresh: Bool, _ make: @Sendable (MatrixWorld, Proj) async throws -> [String: String] = { _, _ in [:] }
    ) async throws -> Target {
        var ids = shared[project] ?? [:]
        if fresh { ids.merge(try await make(self, project)) { _, new in new } }
        return Target(project: project, ids: ids)
    }
}
