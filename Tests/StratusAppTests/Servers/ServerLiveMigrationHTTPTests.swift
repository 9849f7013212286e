import Foundation
import HTTPTypes
import StratusAgent
import StratusApp
import StratusCore
import StratusOpenStack
import Testing

/// `os-migrateLive` through the routes: Nova's schema per microversion, its
/// error format, and a move between two simulated hosts seen as a client sees it.
@Suite("Compute v2.1 over HTTP: live migration")
struct ServerLiveMigrationHTTPTests {
    static func run(
        migration: MigrationPolicy = .administrators,
        _ body: @Sendable (TestCloud, _ converge: @Sendable () async throws -> Void, _ demo: String, _ admin: String) async throws -> Void
    ) async throws {
        try await TestCloud.run(bootImages: ServersHTTPTests.images, configure: { $0.migrationPolicy = migration }) { cloud in
            let compute = cloud.cloud.compute
            let network = SimulatedMigrationNetwork()
            let controlPlane = InProcessControlPlane(compute: compute, volumes: cloud.cloud.volumes)
            var agents: [HostAgent] = []
            for host in SimulatedHosts.make(count: 2) {
                try await compute.registerHost(host)
                let driver = SimulatedDriver(address: host.name, network: network)
                cloud.cloud.consoles.add(hostID: host.id, driver: driver)
                agents.append(HostAgent(host: host, driver: driver, controlPlane: controlPlane))
            }
            let admin = try await cloud.token()
            _ = try await cloud.makeUser("demo", role: "member", project: "demo", adminToken: admin)
            let demo = try await cloud.token(user: "demo", password: "pw-demo", project: "demo")
            try await body(cloud, { [agents] in
                for _ in 0..<3 {
                    try await compute.scheduleUnplaced()
                    for agent in agents { try await agent.reconcile() }
                }
            }, demo, admin)
        }
    }

    static func version(_ text: String) -> HTTPFields { [HTTPField.Name("OpenStack-API-Version")!: "compute \(text)"] }

    static func host(_ cloud: TestCloud, _ id: String, _ admin: String) async throws -> String? {
        try await cloud.send(.get, "/compute/v2.1/servers/\(id)", token: admin, headers: version("2.1"))
            .json?["server"]?["OS-EXT-SRV-ATTR:host"]?.stringValue
    }

    @Test func anAdministratorMovesARunningServer() async throws {
        try await Self.run { cloud, converge, demo, admin in
            let id = try await ServersHTTPTests.create(cloud, demo)
            try await converge()
            let source = try #require(try await Self.host(cloud, id, admin))
            let target = source == "sim-1" ? "sim-2" : "sim-1"
            let action = "/compute/v2.1/servers/\(id)/action"
            let reply = try await cloud.send(.post, action, token: admin,
                                             json: ["os-migrateLive": ["host": .string(target), "block_migration": "auto"]],
                                             headers: Self.version("2.68"))
            #expect(reply.status == .accepted, "\(String(describing: reply.json))")
            let moving = try await cloud.send(.get, "/compute/v2.1/servers/\(id)", token: admin)
            #expect(moving.json?["server"]?["status"] == "MIGRATING")
            #expect(moving.json?["server"]?["OS-EXT-STS:task_state"] == "migrating")
            // While it runs: the server's in-progress live migrations, and the record.
            let inProgress = try await cloud.send(.get, "/compute/v2.1/servers/\(id)/migrations", token: admin,
                                                  headers: Self.version("2.59"))
            let entry = try #require(inProgress.json?["migrations"]?.arrayValue?.first)
            #expect(entry["status"] == "preparing")
            #expect(entry["server_uuid"]?.stringValue == id)
            #expect(entry["dest_compute"]?.stringValue == target)
            guard case .int(let number)? = entry["id"] else { Issue.record("no integer id: \(entry)"); return }
            let one = try await cloud.send(.get, "/compute/v2.1/servers/\(id)/migrations/\(number)", token: admin,
                                           headers: Self.version("2.59"))
            #expect(one.json?["migration"]?["uuid"] == entry["uuid"])
            let listed = try await cloud.send(.get, "/compute/v2.1/os-migrations", token: admin, headers: Self.version("2.23"))
            let record = try #require(listed.json?["migrations"]?.arrayValue?.first)
            #expect(record["migration_type"] == "live-migration")
            #expect(record["links"]?.arrayValue?.count == 2)
            #expect(record["uuid"] == nil, "uuid arrives in 2.59")
            #expect(try await cloud.send(.get, "/compute/v2.1/os-migrations", token: demo).status == .forbidden)

            try await converge()
            #expect(try await Self.host(cloud, id, admin) == target)
            let after = try await cloud.send(.get, "/compute/v2.1/os-migrations?instance_uuid=\(id)", token: admin,
                                             headers: Self.version("2.59"))
            let done = try #require(after.json?["migrations"]?.arrayValue?.first)
            #expect(done["status"] == "completed")
            #expect(done["source_compute"]?.stringValue == source)
            #expect(done["dest_host"]?.stringValue == target, "the destination's migration address")
            #expect(done["links"] == nil, "no links once it is over")
            let none = try await cloud.send(.get, "/compute/v2.1/servers/\(id)/migrations", token: admin,
                                            headers: Self.version("2.59"))
            #expect(none.json?["migrations"] == [])
            let byStatus = try await cloud.send(.get, "/compute/v2.1/os-migrations?status=failed", token: admin)
            #expect(byStatus.json?["migrations"] == [])
            let shown = try await cloud.send(.get, "/compute/v2.1/servers/\(id)", token: demo)
            #expect(shown.json?["server"]?["status"] == "ACTIVE")
            let actions = try await cloud.send(.get, "/compute/v2.1/servers/\(id)/os-instance-actions", token: admin)
            #expect(actions.json?["instanceActions"]?.arrayValue?.contains { $0["action"] == "live-migration" } == true)
        }
    }

    @Test func novasSchemaPerMicroversion() async throws {
        try await Self.run { cloud, converge, demo, admin in
            let id = try await ServersHTTPTests.create(cloud, demo)
            try await converge()
            let action = "/compute/v2.1/servers/\(id)/action"
            func message(_ body: JSONValue, _ version: String) async throws -> String? {
                let reply = try await cloud.send(.post, action, token: admin, json: ["os-migrateLive": body],
                                                 headers: Self.version(version))
                #expect(reply.status == .badRequest, "\(body) at \(version): \(reply.status)")
                return reply.json?["badRequest"]?["message"]?.stringValue
            }
            #expect(try await message(["host": nil], "2.1")?.contains("'block_migration' is a required property") == true)
            #expect(try await message(["host": nil, "block_migration": false], "2.1")?
                .contains("'disk_over_commit' is a required property") == true)
            #expect(try await message(["host": nil, "block_migration": "auto", "disk_over_commit": false], "2.1")?
                .contains("is not one of") == true, "auto arrives in 2.25")
            #expect(try await message(["host": nil, "block_migration": "auto", "disk_over_commit": false], "2.25")?
                .contains("Additional properties are not allowed ('disk_over_commit' was unexpected)") == true)
            #expect(try await message(["host": nil, "block_migration": "auto", "force": true], "2.25")?
                .contains("'force' was unexpected") == true)
            #expect(try await message(["host": nil, "block_migration": "auto", "force": true], "2.68")?
                .contains("'force' was unexpected") == true)
            #expect(try await message(["host": "bad host!", "block_migration": "auto"], "2.68")?
                .contains("does not match") == true)
            #expect(try await message(["host": "nowhere", "block_migration": "auto"], "2.68")
                == "Compute host nowhere could not be found.")
            #expect(try await message(["host": nil, "block_migration": false], "2.68")?
                .contains("is not on shared storage") == true)
            // Accepted: 2.30's force, and 2.1's spelling of booleans.
            let forced = try await cloud.send(.post, action, token: admin, json: [
                "os-migrateLive": ["host": nil, "block_migration": "auto", "force": false],
            ], headers: Self.version("2.30"))
            #expect(forced.status == .accepted)
            let again = try await cloud.send(.post, action, token: admin, json: [
                "os-migrateLive": ["host": nil, "block_migration": "True", "disk_over_commit": "False"],
            ], headers: Self.version("2.1"))
            #expect(again.status == .conflict, "already migrating")
            #expect(again.json?["conflictingRequest"]?["message"]?.stringValue?.contains("task_state migrating") == true)
        }
    }

    @Test func membersAndDisabledCloudsAreRefusedInNovasFormat() async throws {
        try await Self.run { cloud, converge, demo, _ in
            let id = try await ServersHTTPTests.create(cloud, demo)
            try await converge()
            let reply = try await cloud.send(.post, "/compute/v2.1/servers/\(id)/action", token: demo,
                                             json: ["os-migrateLive": ["host": nil, "block_migration": "auto"]],
                                             headers: Self.version("2.68"))
            #expect(reply.status == .forbidden)
            #expect(reply.json?["forbidden"]?["message"]
                == "Policy doesn't allow os_compute_api:os-migrate-server:migrate_live to be performed.")
        }
        try await Self.run(migration: .disabled) { cloud, converge, demo, admin in
            let id = try await ServersHTTPTests.create(cloud, demo)
            try await converge()
            let reply = try await cloud.send(.post, "/compute/v2.1/servers/\(id)/action", token: admin,
                                             json: ["os-migrateLive": ["host": nil, "block_migration": "auto"]],
                                             headers: Self.version("2.68"))
            #expect(reply.status == .forbidden)
            #expect(reply.json?["forbidden"]?["message"] == "Migration is disabled in this cloud.")
        }
    }
}
