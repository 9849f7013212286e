import Foundation
import StratusAgent
import StratusApp
import StratusCore
import StratusHostProtocol
import Testing

/// A host as a separate agent would run it: enrolled with a join token, then
/// every call over HTTPS with its own client certificate, through the host protocol.
@Suite("Remote hosts over the host protocol (mutual TLS on loopback)")
struct RemoteHostTests {
    @Test("an enrolled agent builds, reports and deletes a server over the host link")
    func serverLifecycle() async throws {
        try await RemoteHostWorld.run { world in
            let credentials = try await world.enroll("remote-1")
            let admin = try await world.cloud.token()
            try await world.withAgent("remote-1", credentials: credentials) { _ in
                let id = try await ServersHTTPTests.create(world.cloud, admin, name: "over-the-link")
                try await world.waitFor(id, "ACTIVE", token: admin)
                let server = try await world.cloud.send(.get, "/compute/v2.1/servers/\(id)", token: admin).json?["server"]
                #expect(server?["OS-EXT-SRV-ATTR:host"] == "remote-1")
                let services = try await world.cloud.send(.get, "/compute/v2.1/os-services?host=remote-1", token: admin)
                #expect(services.json?["services"]?.arrayValue?.first?["state"] == "up")
                #expect(try await world.cloud.send(.post, "/compute/v2.1/servers/\(id)/action", token: admin, json: ["os-stop": .null]).status == .accepted)
                try await world.waitFor(id, "SHUTOFF", token: admin)
                #expect(try await world.cloud.send(.delete, "/compute/v2.1/servers/\(id)", token: admin).status == .noContent)
                try await world.waitFor(id, "DELETED", token: admin)
            }
        }
    }

    @Test("a host's certificate reads and reports its own guests only")
    func hostsAreIsolated() async throws {
        try await RemoteHostWorld.run { world in
            let first = try await world.enroll("remote-a")
            let second = try await world.enroll("remote-b")
            let admin = try await world.cloud.token()
            try await world.withAgent("remote-a", credentials: first) { _ in
                let id = try await ServersHTTPTests.create(world.cloud, admin)
                try await world.waitFor(id, "ACTIVE", token: admin)
                let intruder = try world.client(second)
                await #expect(throws: HostLinkCallFailed.self) {
                    _ = try await intruder.call(.GET, HostProtocol.Path.interfaces(instanceId: id), as: GuestInterfaces.self)
                }
                let registered = try await intruder.call(
                    .POST, HostProtocol.Path.register,
                    body: HostRegistration(RemoteHostWorld.host("remote-b"), agentVersion: "test"), as: RegistrationAccepted.self)
                #expect(registered.hostName == "remote-b")
                let page = try await intruder.call(.GET, HostProtocol.Path.desiredGuests, as: DesiredGuestsPage.self)
                #expect(page.guests.isEmpty)
                let answer = try await intruder.call(
                    .POST, HostProtocol.Path.reports,
                    body: HostReportBatch(reports: [.taskCompleted(instanceId: id, task: "deleting"), .powerObserved(instanceId: id, powerState: 4)]),
                    as: HostReportResults.self)
                #expect(answer.results.count == 2)
                let server = try await world.cloud.send(.get, "/compute/v2.1/servers/\(id)", token: admin).json?["server"]
                #expect(server?["status"] == "ACTIVE")
                #expect(server?["OS-EXT-STS:power_state"] == 1)
            }
        }
    }

    @Test("no certificate, a certificate of another CA, a used token and a revoked host are refused")
    func refusals() async throws {
        try await RemoteHostWorld.run { world in
            let token = try await world.joinToken()
            _ = try await retrying {
                try await AgentEnrollment.enroll(controller: world.controller, caCertificatePEM: world.caPEM, joinToken: token, hostName: "remote-c")
            }
            await #expect(throws: HostLinkCallFailed.self) {
                _ = try await AgentEnrollment.enroll(controller: world.controller, caCertificatePEM: world.caPEM, joinToken: token, hostName: "remote-d")
            }
            let anonymous = try world.client(nil)
            do {
                _ = try await anonymous.call(.POST, HostProtocol.Path.heartbeat, body: Heartbeat(sentAt: Date()), as: HostLinkClient.Empty.self)
                Issue.record("a call without a certificate was let in")
            } catch let error as HostLinkCallFailed {
                #expect(error.status == 401)
            }

            // A certificate from another CA: the handshake itself fails.
            let foreignCA = try MigrationCertificateAuthority.create(now: Date())
            let foreignRequest = try HostCertificateSigningRequest.make(hostName: "remote-c")
            let foreign = try foreignCA.issueHostCertificate(
                for: try HostCertificateSigningRequest(pem: foreignRequest.csrPEM), hostName: "remote-c",
                serial: .random(using: SystemIdentifierSource()), now: Date())
            let impostor = try world.client(.init(certificatePEM: foreign.certificatePEM, keyPEM: foreignRequest.keyPEM))
            await #expect(throws: (any Error).self) {
                _ = try await impostor.call(.POST, HostProtocol.Path.heartbeat, body: Heartbeat(sentAt: Date()), as: HostLinkClient.Empty.self)
            }

            // Deleting the compute service revokes the host: refused while it is up,
            // done once it is shown down.
            let credentials = try await world.enroll("remote-e")
            let host = try world.client(credentials)
            _ = try await host.call(
                .POST, HostProtocol.Path.register, body: HostRegistration(RemoteHostWorld.host("remote-e"), agentVersion: "test"),
                as: RegistrationAccepted.self)
            let admin = try await world.cloud.token()
            let services = try await world.cloud.send(.get, "/compute/v2.1/os-services?host=remote-e", token: admin)
            let serviceID = try #require(services.json?["services"]?.arrayValue?.first?["id"])
            let identifier: String
            switch serviceID {
            case .string(let text): identifier = text
            case .int(let number): identifier = String(number)
            default: identifier = ""
            }
            let path = "/compute/v2.1/os-services/\(identifier)"
            #expect(try await world.cloud.send(.delete, path, token: admin).status == .conflict)
            // Its last heartbeat ten minutes ago: down.
            try await world.cloud.cloud.compute.recordHeartbeat(hostID: "remote-e", at: Date(timeIntervalSinceNow: -600))
            #expect(try await world.cloud.send(.delete, path, token: admin).status == .noContent)
            do {
                _ = try await host.call(.POST, HostProtocol.Path.heartbeat, body: Heartbeat(sentAt: Date()), as: HostLinkClient.Empty.self)
                Issue.record("a revoked host was let in")
            } catch let error as HostLinkCallFailed {
                #expect(error.status == 403)
            }

            // A host that must be shut out while it runs: `stratus admin revoke-host`.
            let running = try await world.enroll("remote-f")
            let runningClient = try world.client(running)
            _ = try await runningClient.call(.POST, HostProtocol.Path.heartbeat, body: Heartbeat(sentAt: Date()), as: HostLinkClient.Empty.self)
            let revoked = try await JoinTokenAdministration(dataDirectory: world.cloud.cloud.configuration.dataDirectory)
                .revokeHost(name: "remote-f")
            #expect(revoked == 1)
            do {
                _ = try await runningClient.call(.POST, HostProtocol.Path.heartbeat, body: Heartbeat(sentAt: Date()), as: HostLinkClient.Empty.self)
                Issue.record("a host revoked while running was let in")
            } catch let error as HostLinkCallFailed {
                #expect(error.status == 403)
            }
        }
    }
}
