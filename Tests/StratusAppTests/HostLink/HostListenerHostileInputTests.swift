import Foundation
import StratusAgent
import StratusApp
import StratusCore
import StratusHostProtocol
import Testing

/// Malformed and hostile calls on the host listener, from an enrolled host (and
/// from nobody, for enrollment): every answer is a 4xx in the protocol's error
/// format, never a 5xx or a dropped connection, and nothing in the cloud changes.
@Suite("Host listener: hostile input is refused in the protocol's format and changes nothing")
struct HostListenerHostileInputTests {
    static let version = (HostProtocol.versionHeader, String(HostProtocol.version))
    static let json = ("Content-Type", "application/json")

    /// What a refused call must leave as it was.
    struct Fingerprint: Equatable {
        var host: ComputeHost?
        var hostCount: Int
        var instance: Instance?
        var tokens: [JoinToken]
        var credentials: [HostCredential]
    }

    /// An enrolled, registered host with one server placed on it (no agent runs, so
    /// nothing but the probes talks to the listener).
    struct Setup {
        let world: RemoteHostWorld
        let client: HostLinkClient
        let hostName: String
        let serverID: String

        func fingerprint() async throws -> Fingerprint {
            let store = world.cloud.cloud.store
            let hosts = try await store.registeredHosts()
            return Fingerprint(
                host: hosts.first { $0.host.name == hostName }?.host, hostCount: hosts.count,
                instance: try await store.instance(id: serverID), tokens: try await store.joinTokens(),
                credentials: try await store.hostCredentials(hostName: hostName))
        }

        /// Sends the call and checks the answer: a 4xx whose body is `HostProtocolErrorBody`.
        @discardableResult
        func refused(
            _ label: String, _ method: HTTPMethod, _ path: String, headers: [(String, String)] = [version, json],
            body: [UInt8]? = nil, status: Int? = nil, code: String? = nil, client other: HostLinkClient? = nil
        ) async -> HostProtocolErrorBody? {
            let answer: (status: Int, body: Data)
            do {
                answer = try await (other ?? client).rawExchange(method, path, headers: headers, body: body)
            } catch {
                Issue.record("\(label): no answer (\(error))")
                return nil
            }
            let text = String(decoding: answer.body.prefix(300), as: UTF8.self)
            #expect((400..<500).contains(answer.status), "\(label): \(answer.status) \(text)")
            if let status { #expect(answer.status == status, "\(label): \(answer.status) \(text)") }
            guard let error = try? HostProtocol.decoder().decode(HostProtocolErrorBody.self, from: answer.body) else {
                Issue.record("\(label): not the protocol's error format: \(text)")
                return nil
            }
            #expect(!error.error.code.isEmpty && !error.error.message.isEmpty, "\(label)")
            if let code { #expect(error.error.code == code, "\(label): \(error.error.code) \(error.error.message)") }
            return error
        }
    }

    static func withSetup(_ body: @Sendable (Setup) async throws -> Void) async throws {
        try await RemoteHostWorld.run { world in
            let name = "hostile-1"
            let client = try world.client(try await world.enroll(name))
            _ = try await client.call(
                .POST, HostProtocol.Path.register, body: HostRegistration(RemoteHostWorld.host(name), agentVersion: "test"),
                as: RegistrationAccepted.self)
            let admin = try await world.cloud.token()
            let id = try await ServersHTTPTests.create(world.cloud, admin, name: "target")
            try await world.cloud.cloud.compute.scheduleUnplaced()
            let placed = try await world.cloud.cloud.store.instance(id: id)
            try #require(placed?.hostID == name)
            try await body(Setup(world: world, client: client, hostName: name, serverID: id))
        }
    }

    /// A valid registration's JSON with `change` applied.
    static func registration(_ change: (inout [String: Any]) -> Void = { _ in }) throws -> [UInt8] {
        let valid = try HostProtocol.encoder().encode(HostRegistration(RemoteHostWorld.host("hostile-1"), agentVersion: "test"))
        var object = try #require(try JSONSerialization.jsonObject(with: valid) as? [String: Any])
        change(&object)
        return Array(try JSONSerialization.data(withJSONObject: object))
    }

    static func text(_ json: String) -> [UInt8] { Array(json.utf8) }

    static func capacity(_ key: String, _ value: Any) -> (inout [String: Any]) -> Void {
        { object in
            var capacity = object["capacity"] as? [String: Any] ?? [:]
            capacity[key] = value
            object["capacity"] = capacity
        }
    }

    static let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    static let long = String(repeating: "x", count: 4_000)
    static let oversized = "{\"agent_version\":\"" + String(repeating: "a", count: HostProtocol.maxMessageBytes + 1) + "\"}"

    @Test("malformed registrations and heartbeats are refused and leave the host as registered")
    func registrationAndHeartbeat() async throws {
        try await Self.withSetup { setup in
            let before = try await setup.fingerprint()
            let register = HostProtocol.Path.register
            let bodies: [(String, [UInt8])] = [
                ("empty object", Self.text("{}")),
                ("empty body", []),
                ("not JSON", Self.text("register me")),
                ("an array", Self.text("[]")),
                ("null", Self.text("null")),
                ("capacity a string", try Self.registration { $0["capacity"] = "lots" }),
                ("vcpus a string", try Self.registration(Self.capacity("vcpus", "4"))),
                ("vcpus a fraction", try Self.registration(Self.capacity("vcpus", 1.5))),
                ("vcpus negative", try Self.registration(Self.capacity("vcpus", -1))),
                ("memory negative", try Self.registration(Self.capacity("memory_mib", Int.min))),
                ("disk negative", try Self.registration(Self.capacity("disk_gib", -1))),
                ("vcpus past Int", Self.text(String(decoding: try Self.registration(Self.capacity("vcpus", 0)), as: UTF8.self)
                    .replacingOccurrences(of: "\"vcpus\":0", with: "\"vcpus\":92233720368547758070"))),
                ("vcpus Int.max", try Self.registration(Self.capacity("vcpus", Int.max))),
                ("memory past any host", try Self.registration(Self.capacity("memory_mib", 1 << 62))),
                ("capacity missing", try Self.registration { $0["capacity"] = nil }),
                ("has_hardware_rng a string", try Self.registration { $0["has_hardware_rng"] = "yes" }),
                ("supported_instances an object", try Self.registration { $0["supported_instances"] = ["a": 1] }),
                ("supported instance without fields", try Self.registration { $0["supported_instances"] = [[String: Any]()] }),
                ("unknown migration transport", try Self.registration {
                    $0["migration_address"] = "10.0.0.9"
                    $0["migration_transport"] = "carrier-pigeon"
                }),
                ("empty zone", try Self.registration { $0["availability_zone"] = "" }),
                ("zone of 256", try Self.registration { $0["availability_zone"] = String(repeating: "z", count: 256) }),
                ("zone with control characters", try Self.registration { $0["availability_zone"] = "no\u{0}va\n" }),
                ("migration address of 4000", try Self.registration { $0["migration_address"] = Self.long }),
                ("migration address with control characters", try Self.registration { $0["migration_address"] = "10.0.0.9\r\n" }),
                ("agent version of 4000", try Self.registration { $0["agent_version"] = Self.long }),
                ("empty agent version", try Self.registration { $0["agent_version"] = "" }),
                ("architecture with control characters", try Self.registration {
                    $0["supported_instances"] = [["architecture": "x86_64\u{1b}[2J", "hypervisor_type": "fake", "vm_mode": "hvm"]]
                }),
                ("65 kinds of guest", try Self.registration {
                    $0["supported_instances"] = Array(repeating: ["architecture": "x86_64", "hypervisor_type": "fake", "vm_mode": "hvm"], count: 65)
                }),
                ("deeply nested", Self.text(Self.deep)),
                ("deeply nested field", Self.text("{\"capacity\":" + Self.deep + "}")),
            ]
            for (label, body) in bodies {
                await setup.refused("register: \(label)", .POST, register, body: body, status: 400)
            }
            await setup.refused("register: over maxMessageBytes", .POST, register, body: Self.text(Self.oversized), status: 413)
            let valid = try Self.registration()
            await setup.refused("register: no version header", .POST, register, headers: [Self.json], body: valid, code: "bad_request")
            for version in ["2", "0", "1.0", "", "v1", String(repeating: "1", count: 300)] {
                await setup.refused(
                    "register: version \(version.prefix(8).debugDescription)", .POST, register,
                    headers: [(HostProtocol.versionHeader, version), Self.json], body: valid, status: 400)
            }
            let heartbeat = HostProtocol.Path.heartbeat
            for (label, body) in [
                ("empty object", "{}"), ("sent_at a number", "{\"sent_at\": 5}"), ("sent_at not a time", "{\"sent_at\": \"yesterday\"}"),
                ("sent_at long", "{\"sent_at\": \"\(Self.long)\"}"), ("sent_at null", "{\"sent_at\": null}"), ("not JSON", "beat"),
                ("deeply nested", Self.deep),
            ] {
                await setup.refused("heartbeat: \(label)", .POST, heartbeat, body: Self.text(body), status: 400)
            }
            let beat = Self.text("{\"sent_at\": \"2026-12-07T23:00:00.000Z\"}")
            await setup.refused("heartbeat: no version header", .POST, heartbeat, headers: [Self.json], body: beat, status: 400)
            await setup.refused(
                "heartbeat: version 2", .POST, heartbeat, headers: [(HostProtocol.versionHeader, "2"), Self.json], body: beat,
                code: "unsupported_version")
            #expect(try await setup.fingerprint() == before)
        }
    }

    @Test("desired-guest queries past their limits, and ids and cursors of control characters or great length, are refused")
    func queriesAndIdentifiers() async throws {
        try await Self.withSetup { setup in
            let before = try await setup.fingerprint()
            let path = HostProtocol.Path.desiredGuests
            for query in [
                "limit=0", "limit=501", "limit=-1", "limit=99999999999999999999999", "limit=abc", "limit=", "limit=1.5",
                "wait=61", "wait=-1", "wait=x", "wait=1e3", "wait=99999999999999999999999",
                "since=\(String(repeating: "r", count: 256))", "cursor=\(String(repeating: "c", count: 256))",
                "cursor=%00", "cursor=a%0Ab", "since=%1B%5B2J", "cursor=\(String(repeating: "%01", count: 100))",
            ] {
                await setup.refused("desired-guests ?\(query.prefix(40))", .GET, path + "?" + query, status: 400)
            }
            await setup.refused("desired-guests: no version header", .GET, path, headers: [], status: 400)
            for id in ["%00", "a%0Ab", Self.long, "no-such-guest", "..%2F..%2Fregister"] {
                await setup.refused(
                    "interfaces of \(id.prefix(16))", .GET, HostProtocol.prefix + "/guests/\(id)/interfaces", status: 404)
                await setup.refused("image \(id.prefix(16))", .GET, HostProtocol.prefix + "/images/\(id)", status: 404)
                await setup.refused("image file \(id.prefix(16))", .GET, HostProtocol.prefix + "/images/\(id)/file", status: 404)
                await setup.refused(
                    "snapshot of \(id.prefix(16))", .PUT, HostProtocol.prefix + "/guests/\(id)/snapshot",
                    headers: [Self.version, ("Content-Type", "application/octet-stream")], body: [1, 2, 3], status: 409)
            }
            await setup.refused(
                "snapshot of a guest with no snapshot task", .PUT, HostProtocol.Path.snapshot(instanceId: setup.serverID),
                headers: [Self.version, ("Content-Type", "application/octet-stream")], body: [1, 2, 3], status: 409)
            await setup.refused(
                "an image no guest of this host boots from", .GET, HostProtocol.Path.image(imageId: UUID().uuidString.lowercased()),
                status: 404)
            await setup.refused("volume work: no version header", .GET, HostProtocol.Path.volumeWork, headers: [], status: 400)
            for (method, path) in [
                (HTTPMethod.GET, "/host/v1/nope"), (.POST, "/host/v2/register"), (.GET, "/"), (.GET, "/compute/v2.1/servers"),
                (.GET, HostProtocol.Path.register), (.DELETE, HostProtocol.Path.heartbeat), (.POST, HostProtocol.Path.desiredGuests),
                (.GET, "/host/v1/\(Self.long)"), (.GET, "/host/v1/guests/%00/%00"),
            ] {
                await setup.refused(
                    "\(method) \(path.prefix(40))", method, path, body: method == .GET ? nil : Self.text("{}"), status: 404, code: "http_404")
            }
            #expect(try await setup.fingerprint() == before)
        }
    }

    @Test("malformed report batches are refused whole; unknown values in a well-formed batch are refused one by one")
    func reports() async throws {
        try await Self.withSetup { setup in
            let before = try await setup.fingerprint()
            let path = HostProtocol.Path.reports
            let id = setup.serverID
            for (label, body) in [
                ("empty object", "{}"), ("reports a string", "{\"reports\": \"all\"}"), ("unknown kind", "{\"reports\": [{\"kind\": \"nope\"}]}"),
                ("kind missing", "{\"reports\": [{\"instance_id\": \"\(id)\"}]}"),
                ("instance id missing", "{\"reports\": [{\"kind\": \"task_completed\", \"task\": \"spawning\"}]}"),
                ("power_state a string", "{\"reports\": [{\"kind\": \"power_observed\", \"instance_id\": \"\(id)\", \"power_state\": \"on\"}]}"),
                ("power_state past Int", "{\"reports\": [{\"kind\": \"power_observed\", \"instance_id\": \"\(id)\", \"power_state\": 1e40}]}"),
                ("kind a number", "{\"reports\": [{\"kind\": 7}]}"),
                ("deeply nested", "{\"reports\": " + Self.deep + "}"),
            ] {
                await setup.refused("reports: \(label)", .POST, path, body: Self.text(body), status: 400)
            }
            let one = "{\"kind\": \"power_observed\", \"instance_id\": \"\(id)\", \"power_state\": 99}"
            let tooMany = "{\"reports\": [" + Array(repeating: one, count: HostReportBatch.maxReports + 1).joined(separator: ",") + "]}"
            await setup.refused("reports: maxReports + 1", .POST, path, body: Self.text(tooMany), status: 400)
            await setup.refused("reports: over maxMessageBytes", .POST, path, body: Self.text(Self.oversized), status: 413)
            await setup.refused("reports: no version header", .POST, path, headers: [Self.json], body: Self.text("{\"reports\": []}"), status: 400)

            // Well-formed, each naming a value this version does not know or work this host
            // does not have: refused one by one, each with its reason.
            let unknown = HostReportBatch(reports: [
                .powerObserved(instanceId: id, powerState: 1 << 40),
                .powerObserved(instanceId: id, powerState: -1),
                .taskCompleted(instanceId: id, task: "no-such-task"),
                .taskFailed(instanceId: id, task: "\u{0}", message: Self.long),
                .volumeAttached(attachmentId: "no-such-attachment"),
                .volumeDetached(attachmentId: Self.long),
                .volumeChangeFailed(attachmentId: "x", state: "melting", message: "?"),
                .volumeChangeFailed(attachmentId: "a\u{0}b", state: "attaching", message: "?"),
            ])
            let refused = try await setup.client.call(.POST, path, body: unknown, as: HostReportResults.self)
            #expect(refused.results.count == unknown.reports.count)
            for (report, outcome) in zip(unknown.reports, refused.results) {
                #expect(!outcome.accepted, "\(report) was accepted")
                #expect(!(outcome.reason ?? "").isEmpty, "\(report.kind) refused without a reason")
            }
            // Stale reports (a guest this host does not have, a move that is not happening):
            // the use cases take them as done, so the agent stops repeating them; they change nothing.
            let stale = HostReportBatch(reports: [
                .taskCompleted(instanceId: Self.long, task: "spawning"),
                .taskCompleted(instanceId: "a\u{0}b\n", task: "spawning"),
                .diskExported(instanceId: "no-such-guest", uri: "nbd://\u{1b}[2J"),
                .liveMigrationFailed(instanceId: id, message: "not migrating"),
                .incomingMigrationReady(instanceId: id, uri: Self.long),
                .migrationTransferred(instanceId: id, console: Self.long),
            ])
            let answer = try await setup.client.call(.POST, path, body: stale, as: HostReportResults.self)
            #expect(answer.results.count == stale.reports.count)
            #expect(try await setup.fingerprint() == before)
        }
    }

    @Test("malformed stray-guest lists and enrollments are refused; a refused enrollment consumes no token")
    func strayGuestsAndEnrollment() async throws {
        try await Self.withSetup { setup in
            let token = try await setup.world.joinToken()
            let before = try await setup.fingerprint()
            let stray = HostProtocol.Path.strayGuests
            let instance = try #require(try await setup.world.cloud.cloud.store.instance(id: setup.serverID))
            let record = try JSONSerialization.jsonObject(
                with: try HostProtocol.encoder().encode(DesiredGuest.GuestBuild(HostGuest(instance).record))) as? [String: Any] ?? [:]
            func guests(_ guest: [String: Any]) throws -> [UInt8] {
                Array(try JSONSerialization.data(withJSONObject: ["guests": [guest]]))
            }
            var negative = record
            negative["vcpus"] = -4
            var badTime = record
            badTime["created_at"] = "last tuesday"
            var missing = record
            missing["flavor_id"] = nil
            for (label, body) in [
                ("empty object", Self.text("{}")), ("guests a number", Self.text("{\"guests\": 3}")),
                ("instance id a number", try guests(["instance_id": 5, "power_state": 1])),
                ("power state unknown", try guests(["instance_id": "stray-1", "power_state": 99])),
                ("power state huge", try guests(["instance_id": "stray-1", "power_state": 1 << 40])),
                ("record with negative vcpus", try guests(["instance_id": "stray-1", "power_state": 1, "record": negative])),
                ("record with a bad time", try guests(["instance_id": "stray-1", "power_state": 1, "record": badTime])),
                ("record missing a field", try guests(["instance_id": "stray-1", "power_state": 1, "record": missing])),
                ("deeply nested", Self.text("{\"guests\": " + Self.deep + "}")),
            ] {
                await setup.refused("stray guests: \(label)", .POST, stray, body: body, status: 400)
            }
            await setup.refused("stray guests: over maxMessageBytes", .POST, stray, body: Self.text(Self.oversized), status: 413)

            let anonymous = try setup.world.client(nil)
            let csr = try HostCertificateSigningRequest.make(hostName: "hostile-2").csrPEM
            func enroll(_ fields: [String: Any]) throws -> [UInt8] { Array(try JSONSerialization.data(withJSONObject: fields)) }
            let enrollPath = HostProtocol.Path.enroll
            for (label, body) in [
                ("empty object", Self.text("{}")), ("token a number", try enroll(["join_token": 5, "host_name": "hostile-2", "csr_pem": csr])),
                ("garbage CSR", try enroll([
                    "join_token": token, "host_name": "hostile-2",
                    "csr_pem": "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n",
                ])),
                ("host name with control characters", try enroll(["join_token": token, "host_name": "host\u{0}\n2", "csr_pem": csr])),
                ("host name of 4000", try enroll(["join_token": token, "host_name": Self.long, "csr_pem": csr])),
                ("token of 4000", try enroll(["join_token": Self.long, "host_name": "hostile-2", "csr_pem": csr])),
                ("token with control characters", try enroll(["join_token": token + "\u{0}", "host_name": "hostile-2", "csr_pem": csr])),
                ("deeply nested", Self.text(Self.deep)),
            ] {
                await setup.refused("enroll: \(label)", .POST, enrollPath, body: body, status: 400, client: anonymous)
            }
            await setup.refused("enroll: over maxMessageBytes", .POST, enrollPath, body: Self.text(Self.oversized), status: 413, client: anonymous)
            let valid = try enroll(["join_token": token, "host_name": "hostile-2", "csr_pem": csr])
            await setup.refused("enroll: no version header", .POST, enrollPath, headers: [Self.json], body: valid, status: 400, client: anonymous)
            await setup.refused(
                "enroll: version 2", .POST, enrollPath, headers: [(HostProtocol.versionHeader, "2"), Self.json], body: valid,
                code: "unsupported_version", client: anonymous)
            let certified = [(HTTPMethod.POST, HostProtocol.Path.register), (.GET, HostProtocol.Path.desiredGuests), (.GET, HostProtocol.Path.volumeWork)]
            for (method, path) in certified {
                await setup.refused(
                    "\(path) without a certificate", method, path, body: method == .POST ? try Self.registration() : nil, status: 401,
                    code: "no_client_certificate", client: anonymous)
            }
            #expect(try await setup.fingerprint() == before)
            #expect(try await setup.world.cloud.cloud.store.hostCredentials(hostName: "hostile-2").isEmpty)
        }
    }

    @Test("an enrolled host that never registered cannot heartbeat itself into the cloud")
    func heartbeatBeforeRegistration() async throws {
        try await Self.withSetup { setup in
            let other = try setup.world.client(try await setup.world.enroll("hostile-3"))
            let before = try await setup.fingerprint()
            let answer = try await other.rawExchange(
                .POST, HostProtocol.Path.heartbeat, headers: [Self.version, Self.json],
                body: Self.text("{\"sent_at\": \"2026-12-07T23:00:00.000Z\"}"))
            #expect(answer.status == 204, "\(answer.status) \(String(decoding: answer.body, as: UTF8.self))")
            #expect(try await setup.fingerprint() == before)
            #expect(try await !setup.world.cloud.cloud.store.registeredHosts().contains { $0.host.name == "hostile-3" })
        }
    }
}
