import Foundation
import Logging
import StratusAgent
import StratusApp
import StratusCore
import Testing

/// A cloud whose host listener runs on loopback with mutual TLS, and the means
/// to enroll hosts and run their agents as a `stratus agent` would: over HTTPS,
/// through the host protocol.
struct RemoteHostWorld {
    let cloud: TestCloud
    let controller: String
    let caPEM: String

    /// `requestTimeout`: how long the API waits for a host's answer; generous by
    /// default, since a loaded test machine makes every TLS call slow.
    static func run(
        requestTimeout: Duration = .seconds(30), _ body: @Sendable (RemoteHostWorld) async throws -> Void
    ) async throws {
        let port = try FreePort.find()
        try await TestCloud.run(bootImages: ServersHTTPTests.images, configure: {
            $0.hostListener = HostListenerAddress(host: "127.0.0.1", port: port)
            $0.heartbeatInterval = .seconds(1)
            $0.hostRequestTimeout = requestTimeout
        }) { cloud in
            let directory = cloud.cloud.configuration.dataDirectory
            let caPEM = try String(contentsOfFile: directory + "/migration-ca/ca-cert.pem", encoding: .utf8)
            try await body(RemoteHostWorld(cloud: cloud, controller: "https://127.0.0.1:\(port)", caPEM: caPEM))
        }
    }

    func joinToken() async throws -> String {
        try await cloud.cloud.enrollment.createJoinToken(.dataDirectoryOwner(requestID: "test"), ttl: 600, description: "test")
            .tokenString
    }

    /// Enrolls `name` with a fresh token (retrying while the listener starts).
    func enroll(_ name: String) async throws -> HostLinkClient.Credentials {
        let token = try await joinToken()
        return try await retrying { try await AgentEnrollment.enroll(controller: controller, caCertificatePEM: caPEM, joinToken: token, hostName: name) }
    }

    func client(_ credentials: HostLinkClient.Credentials?) throws -> HostLinkClient {
        try HostLinkClient(controller: controller, caCertificatePEM: caPEM, credentials: credentials)
    }

    static func host(_ name: String) -> ComputeHost {
        var host = SimulatedHosts.make(count: 1)[0]
        host.id = name
        host.name = name
        host.traits.liveMigration = MigrationEndpoint(address: name)
        return host
    }

    /// Runs an agent for `name` over the host protocol while `body` runs, with its
    /// request server (console reads) unless `serveRequests` is false.
    func withAgent<T: Sendable>(
        _ name: String, credentials: HostLinkClient.Credentials, driver: SimulatedDriver = SimulatedDriver(),
        serveRequests: Bool = true, _ body: @Sendable (HostLinkClient) async throws -> T
    ) async throws -> T {
        let client = try client(credentials)
        let agent = HostAgent(
            host: Self.host(name), driver: driver,
            controlPlane: RemoteControlPlane(client: client, agentVersion: "test", fullReadInterval: .seconds(5)),
            heartbeatInterval: .seconds(1), resyncInterval: .seconds(1))
        let requests = HostRequestServer(client: client, driver: driver)
        let running = Task {
            await withDiscardingTaskGroup { group in
                group.addTask { await agent.run() }
                if serveRequests { group.addTask { await requests.run() } }
            }
        }
        do {
            try await waitForRegistration(name)
            let result = try await body(client)
            running.cancel()
            await running.value
            return result
        } catch {
            running.cancel()
            await running.value
            throw error
        }
    }

    /// Waits until the agent registered its host (servers made before would find no host).
    func waitForRegistration(_ name: String) async throws {
        for _ in 0..<200 {
            if try await cloud.cloud.store.registeredHosts().contains(where: { $0.host.name == name }) { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("host \(name) never registered")
    }

    /// Polls the API until the server's status is `status` (or it is gone, for "DELETED").
    func waitFor(_ id: String, _ status: String, token: String, seconds: Int = 20) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        var last = ""
        while ContinuousClock.now < deadline {
            try await cloud.cloud.compute.scheduleUnplaced()
            let reply = try await cloud.send(.get, "/compute/v2.1/servers/\(id)", token: token)
            if status == "DELETED", reply.status == .notFound { return }
            last = reply.json?["server"]?["status"]?.stringValue ?? "\(reply.status)"
            if last == status { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("server \(id) stayed \(last), never \(status)")
    }
}

/// Retries a call while the listener is not up yet (connection refused).
func retrying<T>(_ call: () async throws -> T) async throws -> T {
    var attempts = 0
    while true {
        do {
            return try await call()
        } catch let error as HostLinkCallFailed {
            throw error
        } catch {
            attempts += 1
            if attempts >= 50 { throw error }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}
