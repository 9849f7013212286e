import Foundation
import StratusAgent
import StratusApp
import StratusCore
import StratusOpenStack
import Testing

/// After a restore the hosts still run the guests of servers created after the
/// backup, which the restored database has never heard of: `--stray-guests`
/// adopts or destroys them, never silently. The same simulated driver serves the
/// original cloud and the restored one, as a host outlives its control plane.
@Suite("Backup and restore: guests the restored cloud never had")
struct StrayGuestPolicyTests {
    struct Scenario {
        var backup: String
        var host: ComputeHost
        var driver: SimulatedDriver
        /// Existed at the backup.
        var kept: String
        /// Made after it: one running, one stopped.
        var running: String
        var stopped: String
        /// A guest its host keeps no record of (no owner, no flavor).
        var recordless: String
    }

    static func scenario(_ scratch: BackupScratch) async throws -> Scenario {
        let host = SimulatedHosts.make(count: 1)[0]
        let driver = SimulatedDriver(address: host.name, network: SimulatedMigrationNetwork())
        let data = scratch.path("data")
        let backup = scratch.path("backup")
        let servers = Box<[String]>([])
        try await TestCloud.run(configure: { $0.dataDirectory = data }) { cloud in
            let compute = cloud.cloud.compute
            try await compute.registerHost(host)
            let agent = HostAgent(
                host: host, driver: driver,
                controlPlane: InProcessControlPlane(compute: compute, volumes: cloud.cloud.volumes))
            let admin = try await cloud.token()
            _ = try await cloud.makeUser("demo", role: "member", project: "demo", adminToken: admin)
            let demo = try await cloud.token(user: "demo", password: "pw-demo", project: "demo")
            let kept = try await cloud.createServer("kept", token: demo)
            try await Self.converge(cloud.cloud, agent, until: [kept: .active])
            _ = try await BackupTest.backup(data, to: backup)
            let running = try await cloud.createServer("after-1", token: demo)
            let stopped = try await cloud.createServer("after-2", token: demo)
            // The cloud's own scheduling service runs beside these calls: converge until
            // both are built, whichever pass placed them (a loaded machine is slow).
            try await Self.converge(cloud.cloud, agent, until: [running: .active, stopped: .active])
            let stop = try await cloud.send(.post, "/compute/v2.1/servers/\(stopped)/action", token: demo, json: ["os-stop": nil])
            #expect(stop.status == .accepted)
            try await Self.converge(cloud.cloud, agent, until: [stopped: .stopped])
            servers.set([kept, running, stopped])
        }
        let recordless = UUID().uuidString.lowercased()
        try await driver.spawn(GuestSpec(instanceID: recordless, vcpus: 1, memoryMiB: 64))
        let ids = servers.value
        try #require(ids.count == 3)
        #expect(try await driver.observedGuests() == [
            ids[0]: .running, ids[1]: .running, ids[2]: .shutdown, recordless: .running,
        ])
        return Scenario(
            backup: backup, host: host, driver: driver, kept: ids[0], running: ids[1], stopped: ids[2],
            recordless: recordless)
    }

    /// Scheduling passes and agent passes until each server is in its vm_state (at most 200).
    static func converge(_ cloud: StratusCloud, _ agent: HostAgent, until wanted: [String: VMState]) async throws {
        for _ in 0..<200 {
            // No agent loop heartbeats here: on a loaded machine the scenario can outlast
            // the service down time (60 s), and a host shown down gets no server.
            try await cloud.compute.recordHeartbeat(hostID: agent.host.id, at: Date())
            try await cloud.compute.scheduleUnplaced()
            try await agent.reconcile()
            var reached = true
            for (id, state) in wanted where try await cloud.store.instance(id: id)?.state.vmState != state { reached = false }
            if reached { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        var seen: [String] = []
        for id in wanted.keys {
            let instance = try await cloud.store.instance(id: id)
            seen.append("\(id): \(String(describing: instance?.state)) host \(instance?.hostID ?? "-") fault \(instance?.fault?.message ?? "-")")
        }
        Issue.record("servers never reached \(wanted): \(seen)")
    }

    /// The restored cloud with the scenario's host agent under `policy`, logging into `log`.
    static func restored(
        _ scenario: Scenario, _ scratch: BackupScratch, policy: StrayGuestPolicy, log: Lines,
        _ body: @Sendable @escaping (TestCloud, HostAgent) async throws -> Void
    ) async throws {
        let restored = scratch.path("restored")
        _ = try await BackupTest.restore(scenario.backup, into: restored)
        try await TestCloud.run(configure: { $0.dataDirectory = restored }) { cloud in
            let plane = InProcessControlPlane(
                compute: cloud.cloud.compute, volumes: cloud.cloud.volumes, strayGuests: policy,
                logger: CapturingLogHandler.logger(into: log))
            try await body(cloud, HostAgent(host: scenario.host, driver: scenario.driver, controlPlane: plane))
        }
    }

    @Test func destroyDestroysThemAndRecordsEach() async throws {
        let scratch = try BackupScratch()
        let scenario = try await Self.scenario(scratch)
        let log = Lines()
        try await Self.restored(scenario, scratch, policy: .destroy, log: log) { cloud, agent in
            try await agent.reconcile()
            #expect(try await scenario.driver.observedGuests() == [scenario.kept: .running])
            let audit = try await cloud.cloud.store.auditRecords(limit: 500)
                .filter { $0.action == "stratus:stray_guest:destroy" }
            #expect(Set(audit.map(\.targetID)) == [scenario.running, scenario.stopped, scenario.recordless])
            let admin = try await cloud.token()
            #expect(try await cloud.ids("/compute/v2.1/servers?all_tenants=1", key: "servers", token: admin) == [scenario.kept])
        }
        for id in [scenario.running, scenario.stopped, scenario.recordless] {
            #expect(log.all.contains { $0.contains("stray guest \(id) on sim-1: destroy (policy destroy)") }, "\(log.all)")
        }
    }

    @Test func adoptMakesThemServersAgainAndLeavesTheIndescribableRunning() async throws {
        let scratch = try BackupScratch()
        let scenario = try await Self.scenario(scratch)
        let log = Lines()
        try await Self.restored(scenario, scratch, policy: .adopt, log: log) { cloud, agent in
            try await agent.reconcile()
            try await agent.reconcile()  // the adopted are this host's servers now; the other is asked about again
            #expect(try await scenario.driver.observedGuests() == [
                scenario.kept: .running, scenario.running: .running, scenario.stopped: .shutdown,
                scenario.recordless: .running,
            ])
            let demo = try await cloud.token(user: "demo", password: "pw-demo", project: "demo")
            for (id, status, name) in [(scenario.running, "ACTIVE", "after-1"), (scenario.stopped, "SHUTOFF", "after-2")] {
                let server = try await cloud.send(.get, "/compute/v2.1/servers/\(id)", token: demo).json?["server"]
                #expect(server?["status"]?.stringValue == status)
                #expect(server?["name"]?.stringValue == name)
                #expect(server?["flavor"]?["id"] == "1")
                let actions = try await cloud.send(.get, "/compute/v2.1/servers/\(id)/os-instance-actions", token: demo)
                #expect(actions.json?["instanceActions"]?.arrayValue?.compactMap { $0["action"]?.stringValue } == ["adopt"])
            }
            let admin = try await cloud.token()
            let shown = try await cloud.send(.get, "/compute/v2.1/servers/\(scenario.running)", token: admin)
            #expect(shown.json?["server"]?["OS-EXT-SRV-ATTR:host"] == "sim-1")
            #expect(try await cloud.ids("/compute/v2.1/servers?all_tenants=1", key: "servers", token: admin)
                == [scenario.kept, scenario.running, scenario.stopped])
            let claimed = try await cloud.cloud.store.claim(instanceID: scenario.running)
            #expect(claimed?.hostID == "sim-1")
        }
        for id in [scenario.running, scenario.stopped] {
            #expect(log.all.filter { $0.contains("stray guest \(id) on sim-1: adopted (policy adopt)") }.count == 1, "\(log.all)")
        }
        let indescribable = log.all.filter { $0.contains("stray guest \(scenario.recordless) on sim-1: keep (policy adopt)") }
        #expect(indescribable.count == 2, "reported at every pass: \(log.all)")
        #expect(indescribable.allSatisfy { $0.hasPrefix("warning") && $0.contains("left running") })
    }

    @Test func adoptIsTheDefault() {
        #expect(StratusConfiguration().strayGuests == .adopt)
    }
}
