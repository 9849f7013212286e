import Foundation
import StratusAgent
import StratusCore
import Testing

/// Records what an agent tells the control plane.
actor RecordingControlPlane: ControlPlane {
    enum Call: Equatable { case register(String), heartbeat(String) }
    private(set) var calls: [Call] = []
    var failNextRegistration = false

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
