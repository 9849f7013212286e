import Foundation
import StratusAgent
import StratusCore
import Testing

/// Records what an agent tells the control plane.
actor RecordingControlPlane: ControlPlane {
    enum Call: Equatable { case register(String), heartbeat(String) }
    private(set) var calls: [Call] = []
    private(set) var completed: [(String, TaskState)] = []
    private(set) var failed: [(String, TaskState, String)] = []
    private(set) var powers: [(String, PowerState)] = []
    private(set) var snapshots: [(String, [UInt8])] = []
    /// Live-migration reports: "ready uri", "transferred", "failed message".
    private(set) var migrationReports: [(String, String)] = []
    var desired: [Instance] = []
    var failNextRegistration = false

    func setDesired(_ instances: [Instance]) { desired = instances }

    func desiredGuests(hostID: String) async throws -> [HostGuest] { desired.map(HostGuest.init) }

    /// Ports handed out by instance id; the agent puts them on the guest it spawns.
    var interfaces: [String: [GuestInterface]] = [:]
    func setInterfaces(_ value: [GuestInterface], for instanceID: String) { interfaces[instanceID] = value }
    var failInterfaceRead = false
    func failNextInterfaceRead() { failInterfaceRead = true }
    func guestInterfaces(instanceID: String, hostID: String) async throws -> [GuestInterface] {
        if failInterfaceRead {
            failInterfaceRead = false
            throw DriverError("control plane unreachable")
        }
        return interfaces[instanceID] ?? []
    }

    var pendingVolumes: [VolumeAttachment] = []
    /// Volume reports: "attached id", "detached id", "failed id message".
    private(set) var volumeReports: [String] = []
    func setPendingVolumes(_ attachments: [VolumeAttachment]) { pendingVolumes = attachments }
    func pendingVolumeWork(hostID: String) async throws -> [VolumeAttachment] { pendingVolumes }
    func volumeAttached(_ attachment: VolumeAttachment, hostName: String) async throws {
        volumeReports.append("attached \(attachment.id)")
    }
    func volumeDetached(_ attachment: VolumeAttachment, hostName: String) async throws {
        volumeReports.append("detached \(attachment.id)")
    }
    func volumeChangeFailed(_ attachment: VolumeAttachment, hostName: String, message: String) async throws {
        volumeReports.append("failed \(attachment.id) \(message)")
    }

    func completeTask(instanceID: String, task: TaskState, hostID: String) async throws {
        completed.append((instanceID, task))
    }

    func failTask(instanceID: String, task: TaskState, hostID: String, message: String) async throws {
        failed.append((instanceID, task, message))
    }

    func observePower(instanceID: String, hostID: String, power: PowerState) async throws {
        powers.append((instanceID, power))
    }

    func uploadSnapshot(instanceID: String, hostID: String, chunks: ImageDataChunks) async throws {
        var bytes: [UInt8] = []
        for try await chunk in chunks { bytes += chunk }
        snapshots.append((instanceID, bytes))
    }

    func incomingMigrationReady(instanceID: String, hostID: String, uri: String) async throws {
        migrationReports.append((instanceID, "ready \(uri)"))
    }

    /// The console history each transfer carried, by instance id.
    private(set) var transferredConsoles: [String: ConsoleHistory] = [:]
    func migrationTransferred(instanceID: String, hostID: String, console: ConsoleHistory) async throws {
        migrationReports.append((instanceID, "transferred"))
        transferredConsoles[instanceID] = console
    }

    func diskExported(instanceID: String, hostID: String, uri: String?) async throws {
        migrationReports.append((instanceID, "exported \(uri ?? "nothing")"))
    }

    func liveMigrationFailed(instanceID: String, hostID: String, message: String) async throws {
        migrationReports.append((instanceID, "failed \(message)"))
    }

    func waitForWork(hostID: String, timeout: Duration) async {
        try? await Task.sleep(for: timeout)
    }

    /// Unclaimed guests the agent asked about; all are leftovers here (destroyed)
    /// unless a verdict is set.
    private(set) var strays: [UnclaimedGuest] = []
    var strayVerdicts: [String: StrayGuestVerdict] = [:]
    var strayQuestionsFail = false
    func setStrayVerdict(_ verdict: StrayGuestVerdict, for instanceID: String) { strayVerdicts[instanceID] = verdict }
    func failStrayQuestions() { strayQuestionsFail = true }
    func strayGuests(hostID: String, guests: [UnclaimedGuest]) async throws -> [String: StrayGuestVerdict] {
        strays += guests
        if strayQuestionsFail { throw DriverError("control plane unreachable") }
        return Dictionary(uniqueKeysWithValues: guests.map { ($0.instanceID, strayVerdicts[$0.instanceID] ?? .destroy) })
    }

    func register(_ host: ComputeHost) async throws {
        if failNextRegistration {
            failNextRegistration = false
            throw CancellationError()
        }
        calls.append(.register(host.id))
    }

    func heartbeat(hostID: String, at: Date) async throws {
        calls.append(.heartbeat(hostID))
    }

    func failOnce() { failNextRegistration = true }
}

@Suite("HostAgent registers once, then heartbeats")
struct HostAgentTests {
    static func waitFor(_ plane: RecordingControlPlane, calls count: Int) async throws {
        for _ in 0..<500 where await plane.calls.count < count {
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    @Test func registersThenHeartbeats() async throws {
        let plane = RecordingControlPlane()
        let host = try #require(SimulatedHosts.make(count: 1).first)
        let agent = HostAgent(host: host, driver: SimulatedDriver(), controlPlane: plane, heartbeatInterval: .milliseconds(5))
        let task = Task { await agent.run() }
        try await Self.waitFor(plane, calls: 3)
        task.cancel()
        await task.value
        let calls = await plane.calls
        #expect(calls.first == .register("sim-1"))
        #expect(calls.dropFirst().allSatisfy { $0 == .heartbeat("sim-1") })
        #expect(calls.count >= 3)
    }

    static func instance(_ id: String, _ vmState: VMState, task: TaskState?, power: PowerState) -> Instance {
        Instance(
            id: id, name: id, projectID: "p", userID: "u", imageID: "img",
            flavor: Flavor(id: "1", name: "m1.tiny", vcpus: 1, memoryMiB: 512, rootDiskGiB: 1),
            state: InstanceState(vmState: vmState, taskState: task, powerState: power), hostID: "sim-1",
            createdAt: Date())
    }

    @Test func onePassConvergesEveryInstanceAndReports() async throws {
        let plane = RecordingControlPlane()
        let driver = SimulatedDriver()
        try await driver.spawn(GuestSpec(instanceID: "stopping", vcpus: 1, memoryMiB: 512))
        try await driver.spawn(GuestSpec(instanceID: "dead", vcpus: 1, memoryMiB: 512))
        await driver.simulateGuestExit(instanceID: "dead")
        try await driver.spawn(GuestSpec(instanceID: "stray", vcpus: 1, memoryMiB: 512))
        await plane.setDesired([
            Self.instance("new", .building, task: .spawning, power: .noState),
            Self.instance("stopping", .active, task: .poweringOff, power: .running),
            Self.instance("dead", .active, task: nil, power: .running),
        ])
        let host = try #require(SimulatedHosts.make(count: 1).first)
        let agent = HostAgent(host: host, driver: driver, controlPlane: plane)
        try await agent.reconcile()
        #expect(try await driver.observedGuests() == ["new": .running, "stopping": .shutdown, "dead": .shutdown])
        let completed = await plane.completed.map { "\($0.0):\($0.1.rawValue)" }.sorted()
        #expect(completed == ["new:spawning", "stopping:powering-off"])
        #expect(await plane.powers.map(\.0) == ["dead"])
        #expect(await plane.powers.map(\.1) == [.shutdown])
    }

    @Test func aDriverFailureFailsTheTaskWithItsMessage() async throws {
        let plane = RecordingControlPlane()
        let driver = SimulatedDriver()
        await driver.injectFailure(.spawn)
        await plane.setDesired([Self.instance("new", .building, task: .spawning, power: .noState)])
        let host = try #require(SimulatedHosts.make(count: 1).first)
        try await HostAgent(host: host, driver: driver, controlPlane: plane).reconcile()
        let failed = await plane.failed
        #expect(failed.count == 1)
        #expect(failed.first?.2 == "Injected failure of spawn")
        #expect(await plane.completed.isEmpty)
    }

    /// The agent asks for the server's ports when it starts the guest, and a failed
    /// read is retried on the next pass instead of failing the build.
    @Test func aSpawnedGuestGetsItsPorts() async throws {
        let plane = RecordingControlPlane()
        let driver = SimulatedDriver()
        let port = GuestInterface(portID: "p-1", networkID: "n-1", macAddress: "fa:16:3e:00:00:01", address: "10.0.0.5")
        await plane.setInterfaces([port], for: "new")
        await plane.setDesired([Self.instance("new", .building, task: .spawning, power: .noState)])
        let host = try #require(SimulatedHosts.make(count: 1).first)
        try await HostAgent(host: host, driver: driver, controlPlane: plane).reconcile()
        #expect(await driver.spec(instanceID: "new")?.interfaces == [port])
        #expect(await plane.completed.map(\.0) == ["new"])
    }

    @Test func aFailedPortReadIsRetriedNotAFailedBuild() async throws {
        let plane = RecordingControlPlane()
        await plane.failNextInterfaceRead()
        let driver = SimulatedDriver()
        await plane.setDesired([Self.instance("new", .building, task: .spawning, power: .noState)])
        let host = try #require(SimulatedHosts.make(count: 1).first)
        let agent = HostAgent(host: host, driver: driver, controlPlane: plane)
        try await agent.reconcile()  // the read's error goes to the pass's error handler
        #expect(await plane.failed.isEmpty)
        #expect(await driver.spec(instanceID: "new") == nil)
        try await agent.reconcile()
        #expect(await plane.completed.map(\.0) == ["new"])
    }

    @Test func aFailedRegistrationIsRetried() async throws {
        let plane = RecordingControlPlane()
        await plane.failOnce()
        let host = try #require(SimulatedHosts.make(count: 1).first)
        let agent = HostAgent(host: host, driver: SimulatedDriver(), controlPlane: plane, heartbeatInterval: .milliseconds(5))
        let task = Task { await agent.run() }
        try await Self.waitFor(plane, calls: 2)
        task.cancel()
        await task.value
        #expect(await plane.calls.first == .register("sim-1"))
    }
}
