import Foundation
import HTTPTypes
import StratusAgent
import StratusApp
import StratusCore
import StratusOpenStack
import Testing

/// Servers through every route and middleware, compared with the Nova 34
/// samples in ../shared/reference/nova-samples (05–33).
@Suite("Compute v2.1 over HTTP: servers")
struct ServersHTTPTests {
    static let images = FixedImages([Image(
        id: ServerWorld.imageID, name: "test", status: .active, visibility: .public, owner: nil,
        containerFormat: "bare", diskFormat: "raw", size: 1024)])

    /// Nova 2.1's server keys for a non-admin (sample 08), `progress` included while ACTIVE,
    /// and `security_groups`, which Nova with Neutron shows for a server with a port
    /// (every server here gets one on the shared network).
    static let keys21: Set<String> = [
        "security_groups",
        "accessIPv4", "accessIPv6", "addresses", "created", "flavor", "hostId", "id", "image", "links", "metadata",
        "name", "status", "tenant_id", "user_id", "updated", "OS-DCF:diskConfig", "progress",
        "OS-EXT-AZ:availability_zone", "config_drive", "key_name", "OS-SRV-USG:launched_at",
        "OS-SRV-USG:terminated_at", "OS-EXT-STS:task_state", "OS-EXT-STS:vm_state", "OS-EXT-STS:power_state",
        "os-extended-volumes:volumes_attached",
    ]

    /// A cloud with one simulated host and its agent, plus a member of "demo".
    /// `realImages` boots from the cloud's own image service instead of the fixed image.
    static func run(
        realImages: Bool = false, configure: (inout StratusConfiguration) -> Void = { _ in },
        _ body: @Sendable (TestCloud, _ converge: @Sendable () async throws -> Void, _ demo: String, _ admin: String) async throws -> Void
    ) async throws {
        try await TestCloud.run(bootImages: realImages ? nil : images, configure: configure) { cloud in
            let compute = cloud.cloud.compute
            let host = SimulatedHosts.make(count: 1)[0]
            try await compute.registerHost(host)
            let driver = SimulatedDriver()
            cloud.cloud.consoles.add(hostID: host.id, driver: driver)
            let agent = HostAgent(host: host, driver: driver, controlPlane: InProcessControlPlane(compute: compute, volumes: cloud.cloud.volumes))
            let admin = try await cloud.token()
            _ = try await cloud.makeUser("demo", role: "member", project: "demo", adminToken: admin)
            let demo = try await cloud.token(user: "demo", password: "pw-demo", project: "demo")
            try await body(cloud, {
                try await compute.scheduleUnplaced()
                try await compute.scheduleMigrations()
                try await agent.reconcile()
            }, demo, admin)
        }
    }

    static func create(_ cloud: TestCloud, _ token: String, name: String = "sample-1") async throws -> String {
        let reply = try await cloud.send(.post, "/compute/v2.1/servers", token: token, json: [
            "server": ["name": .string(name), "imageRef": .string(ServerWorld.imageID), "flavorRef": "1",
                       "metadata": ["k": "v"]],
        ])
        try #require(reply.status == .accepted, "\(reply.status) \(String(describing: reply.json))")
        return try #require(reply.json?["server"]?["id"]?.stringValue)
    }

    @Test func createShowAndListLookLikeNova() async throws {
        try await Self.run { cloud, converge, demo, _ in
            let reply = try await cloud.send(.post, "/compute/v2.1/servers", token: demo, json: [
                "server": ["name": "sample-1", "imageRef": .string(ServerWorld.imageID), "flavorRef": "1",
                           "metadata": ["k": "v"]],
            ])
            #expect(reply.status == .accepted)
            let created = try #require(reply.json?["server"]?.objectValue)
            #expect(Set(created.keys) == ["id", "links", "OS-DCF:diskConfig", "security_groups", "adminPass"])
            let id = try #require(created["id"]?.stringValue)
            #expect(reply.headers[.location] == "http://127.0.0.1:5000/compute/v2.1/servers/\(id)")

            let building = try #require(try await cloud.send(.get, "/compute/v2.1/servers/\(id)", token: demo).json?["server"])
            // No agent runs until `converge`: still building (the scheduler service may have placed it).
            #expect(building["status"] == "BUILD")
            #expect(building["OS-EXT-STS:power_state"] == 0)

            try await converge()
            let shown = try await cloud.send(.get, "/compute/v2.1/servers/\(id)", token: demo)
            #expect(shown.headers[HTTPField.Name("OpenStack-API-Version")!] == "compute 2.1")
            let server = try #require(shown.json?["server"]?.objectValue)
            #expect(Set(server.keys) == Self.keys21)
            #expect(server["status"] == "ACTIVE")
            #expect(server["OS-EXT-STS:vm_state"] == "active")
            #expect(server["OS-EXT-STS:power_state"] == 1)
            #expect(server["OS-EXT-AZ:availability_zone"] == "nova")
            #expect(server["metadata"] == ["k": "v"])
            #expect(server["flavor"]?["id"] == "1")
            #expect(server["hostId"]?.stringValue?.count == 56)

            let list = try await cloud.send(.get, "/compute/v2.1/servers", token: demo).json?["servers"]?.arrayValue
            #expect(list?.count == 1)
            #expect(Set(list?.first?.objectValue?.keys ?? [:].keys) == ["id", "name", "links"])
            let detail = try await cloud.send(.get, "/compute/v2.1/servers/detail?status=ACTIVE&name=^sam", token: demo)
            #expect(detail.json?["servers"]?.arrayValue?.count == 1)
            let none = try await cloud.send(.get, "/compute/v2.1/servers/detail?status=SHUTOFF", token: demo)
            #expect(none.json?["servers"]?.arrayValue?.isEmpty == true)
        }
    }

    @Test func adminsSeeHostAttributesAndAllProjects() async throws {
        try await Self.run { cloud, converge, demo, admin in
            let id = try await Self.create(cloud, demo)
            try await converge()
            let server = try #require(try await cloud.send(.get, "/compute/v2.1/servers/\(id)", token: admin).json?["server"])
            #expect(server["OS-EXT-SRV-ATTR:host"] == "sim-1")
            #expect(server["OS-EXT-SRV-ATTR:hypervisor_hostname"] == "sim-1")
            let own = try await cloud.send(.get, "/compute/v2.1/servers", token: admin).json?["servers"]?.arrayValue
            #expect(own?.isEmpty == true)
            let all = try await cloud.send(.get, "/compute/v2.1/servers?all_tenants=1", token: admin).json?["servers"]?.arrayValue
            #expect(all?.count == 1)
            // all_tenants from a member is Nova's policy refusal (get_all_tenants is the admins').
            let member = try await cloud.send(.get, "/compute/v2.1/servers?all_tenants=1", token: demo)
            #expect(member.status == .forbidden)
            let memberOff = try await cloud.send(.get, "/compute/v2.1/servers?all_tenants=False", token: demo)
            #expect(memberOff.json?["servers"]?.arrayValue?.count == 1)
            let bad = try await cloud.send(.get, "/compute/v2.1/servers?all_tenants=maybe", token: admin)
            #expect(bad.json?["badRequest"]?["message"]?.stringValue?.hasPrefix("Invalid input received: Unrecognized value 'maybe'") == true)
            // Without all_tenants a project filter is ignored: the caller's own project is listed (lp:#1185290).
            let project = try #require(server["tenant_id"]?.stringValue)
            let ignored = try await cloud.send(.get, "/compute/v2.1/servers?tenant_id=\(project)", token: admin)
            #expect(ignored.json?["servers"]?.arrayValue?.isEmpty == true)
            let named = try await cloud.send(.get, "/compute/v2.1/servers?all_tenants=&tenant_id=\(project)", token: admin)
            #expect(named.json?["servers"]?.arrayValue?.count == 1)
            let other = try await cloud.send(.get, "/compute/v2.1/servers?all_tenants=1&project_id=nobody", token: admin)
            #expect(other.json?["servers"]?.arrayValue?.isEmpty == true)
        }
    }

    @Test func badRequestsAreRefusedInNovasWordsAndChangeNothing() async throws {
        try await Self.run { cloud, _, demo, _ in
            let empty = try await cloud.send(.post, "/compute/v2.1/servers", token: demo, json: ["server": ["name": ""]])
            #expect(empty.status == .badRequest)
            #expect(empty.json == ["badRequest": ["code": 400, "message": "Invalid input for field/attribute name. Value: . '' should be non-empty"]])
            let flavor = try await cloud.send(.post, "/compute/v2.1/servers", token: demo, json: [
                "server": ["name": "x", "imageRef": .string(ServerWorld.imageID), "flavorRef": "nope"],
            ])
            #expect(flavor.json == ["badRequest": ["code": 400, "message": "Flavor nope could not be found."]])
            let image = try await cloud.send(.post, "/compute/v2.1/servers", token: demo, json: [
                "server": ["name": "x", "imageRef": "missing", "flavorRef": "1"],
            ])
            #expect(image.json?["badRequest"]?["message"] == "Image missing could not be found.")
            let extra = try await cloud.send(.post, "/compute/v2.1/servers", token: demo, json: [
                "server": ["name": "x", "imageRef": .string(ServerWorld.imageID), "flavorRef": "1", "bogus": 1],
            ])
            #expect(extra.status == .badRequest)
            let key = try await cloud.send(.post, "/compute/v2.1/servers", token: demo, json: [
                "server": ["name": "x", "imageRef": .string(ServerWorld.imageID), "flavorRef": "1", "key_name": "nokey"],
            ])
            #expect(key.json?["badRequest"]?["message"] == "Invalid key_name provided.")
            let notJSON = try await cloud.send(.post, "/compute/v2.1/servers", token: demo, json: "server")
            #expect(notJSON.status == .badRequest)
            let list = try await cloud.send(.get, "/compute/v2.1/servers", token: demo).json?["servers"]?.arrayValue
            #expect(list?.isEmpty == true)
            let missing = try await cloud.send(.get, "/compute/v2.1/servers/00000000-0000-0000-0000-000000000000", token: demo)
            #expect(missing.json == ["itemNotFound": ["code": 404, "message": "Instance 00000000-0000-0000-0000-000000000000 could not be found."]])
            let badLimit = try await cloud.send(.get, "/compute/v2.1/servers?limit=-1", token: demo)
            #expect(badLimit.status == .badRequest)
        }
    }

    @Test func stopLockUnlockAndDeleteFollowTheSamples() async throws {
        try await Self.run { cloud, converge, demo, admin in
            let id = try await Self.create(cloud, demo)
            try await converge()
            let action = "/compute/v2.1/servers/\(id)/action"
            #expect(try await cloud.send(.post, action, token: demo, json: ["os-stop": nil]).status == .accepted)
            try await converge()
            #expect(try await cloud.send(.get, "/compute/v2.1/servers/\(id)", token: demo).json?["server"]?["status"] == "SHUTOFF")
            let again = try await cloud.send(.post, action, token: demo, json: ["os-stop": nil])
            #expect(again.json == ["conflictingRequest": ["code": 409, "message": .string("Cannot 'stop' instance \(id) while it is in vm_state stopped")]])

            #expect(try await cloud.send(.post, action, token: admin, json: ["lock": nil]).status == .accepted)
            let reboot = try await cloud.send(.post, action, token: demo, json: ["reboot": ["type": "SOFT"]])
            #expect(reboot.json == ["conflictingRequest": ["code": 409, "message": .string("Instance \(id) is locked")]])
            let unlock = try await cloud.send(.post, action, token: demo, json: ["unlock": nil])
            #expect(unlock.json == ["forbidden": ["code": 403, "message": "Policy doesn't allow os_compute_api:os-lock-server:unlock:unlock_override to be performed."]])
            let delete = try await cloud.send(.delete, "/compute/v2.1/servers/\(id)", token: demo)
            #expect(delete.status == .conflict)
            #expect(try await cloud.send(.post, action, token: admin, json: ["unlock": nil]).status == .accepted)

            let bogus = try await cloud.send(.post, action, token: demo, json: ["reboot": ["type": "GENTLE"]])
            #expect(bogus.status == .badRequest)
            let unknown = try await cloud.send(.post, action, token: demo, json: ["fly": nil])
            #expect(unknown.status == .badRequest)

            #expect(try await cloud.send(.delete, "/compute/v2.1/servers/\(id)", token: demo).status == .noContent)
            let deleting = try await cloud.send(.get, "/compute/v2.1/servers/\(id)", token: demo).json?["server"]
            #expect(deleting?["OS-EXT-STS:task_state"] == "deleting")
            #expect(deleting?["status"] == "SHUTOFF")
            try await converge()
            #expect(try await cloud.send(.get, "/compute/v2.1/servers/\(id)", token: demo).status == .notFound)

            // A deleted server's actions: 404 at 2.1, readable from 2.21.
            let actionsPath = "/compute/v2.1/servers/\(id)/os-instance-actions"
            #expect(try await cloud.send(.get, actionsPath, token: demo).status == .notFound)
            let v221: HTTPFields = [HTTPField.Name("OpenStack-API-Version")!: "compute 2.21"]
            let actions = try await cloud.send(.get, actionsPath, token: demo, headers: v221)
            let names = actions.json?["instanceActions"]?.arrayValue?.compactMap { $0["action"]?.stringValue }
            #expect(names == ["delete", "unlock", "lock", "stop", "create"])
            let requestID = try #require(actions.json?["instanceActions"]?.arrayValue?.last?["request_id"]?.stringValue)
            let detail = try await cloud.send(.get, "\(actionsPath)/\(requestID)", token: admin, headers: v221)
            let events = detail.json?["instanceAction"]?["events"]?.arrayValue?.compactMap { $0["event"]?.stringValue }
            #expect(Set(events ?? []) == [ServerEvents.schedule, ServerEvents.build])
            let memberView = try await cloud.send(.get, "\(actionsPath)/\(requestID)", token: demo, headers: v221)
            #expect(memberView.json?["instanceAction"]?["events"] == nil)
        }
    }

    @Test func consoleOutputComesFromTheHost() async throws {
        try await Self.run { cloud, converge, demo, _ in
            let id = try await Self.create(cloud, demo, name: "web")
            let action = "/compute/v2.1/servers/\(id)/action"
            let early = try await cloud.send(.post, action, token: demo, json: ["os-getConsoleOutput": ["length": 5]])
            #expect(early.status == .conflict)
            try await converge()
            let all = try await cloud.send(.post, action, token: demo, json: ["os-getConsoleOutput": ["length": nil]])
            #expect(all.json?["output"]?.stringValue?.contains("web login:") == true)
            // Nova's cut: the last N pieces between newlines, so a log ending in a
            // newline gives N - 1 lines and the newline (tempest counts 3 pieces for 3).
            let two = try await cloud.send(.post, action, token: demo, json: ["os-getConsoleOutput": ["length": 2]])
            #expect(two.json == ["output": "web login:\n"])
            let three = try await cloud.send(.post, action, token: demo, json: ["os-getConsoleOutput": ["length": 3]])
            #expect(three.json?["output"]?.stringValue?.split(separator: "\n", omittingEmptySubsequences: false).count == 3)
            let none = try await cloud.send(.post, action, token: demo, json: ["os-getConsoleOutput": ["length": 0]])
            #expect(none.json == ["output": ""])
            let bad = try await cloud.send(.post, action, token: demo, json: ["os-getConsoleOutput": ["length": "x"]])
            #expect(bad.status == .badRequest)
        }
    }

    @Test func rebuildAnswersWithTheServerAndItsPassword() async throws {
        try await Self.run { cloud, converge, demo, _ in
            let id = try await Self.create(cloud, demo)
            try await converge()
            let action = "/compute/v2.1/servers/\(id)/action"
            let reply = try await cloud.send(.post, action, token: demo, json: [
                "rebuild": ["imageRef": .string(ServerWorld.imageID), "name": "rebuilt", "metadata": ["x": "y"]],
            ])
            #expect(reply.status == .accepted)
            #expect(reply.json?["server"]?["status"] == "REBUILD")
            #expect(reply.json?["server"]?["name"] == "rebuilt")
            #expect(reply.json?["server"]?["metadata"] == ["x": "y"])
            #expect(reply.json?["server"]?["adminPass"]?.stringValue?.isEmpty == false)
            let twice = try await cloud.send(.post, action, token: demo, json: ["rebuild": ["imageRef": .string(ServerWorld.imageID)]])
            #expect(twice.status == .conflict)
            try await converge()
            #expect(try await cloud.send(.get, "/compute/v2.1/servers/\(id)", token: demo).json?["server"]?["status"] == "ACTIVE")
            let noImage = try await cloud.send(.post, action, token: demo, json: ["rebuild": ["name": "x"]])
            #expect(noImage.status == .badRequest)
        }
    }

    @Test func resizeConfirmAndMigrateOverHTTP() async throws {
        try await Self.run { cloud, converge, demo, admin in
            let id = try await Self.create(cloud, demo)
            try await converge()
            let action = "/compute/v2.1/servers/\(id)/action"
            let same = try await cloud.send(.post, action, token: demo, json: ["resize": ["flavorRef": "1"]])
            #expect(same.json?["badRequest"]?["message"] == "When resizing, instances must change flavor!")
            #expect(try await cloud.send(.post, action, token: demo, json: ["resize": ["flavorRef": "2"]]).status == .accepted)
            try await converge()
            #expect(try await cloud.send(.get, "/compute/v2.1/servers/\(id)", token: demo).json?["server"]?["status"] == "VERIFY_RESIZE")
            #expect(try await cloud.send(.post, action, token: demo, json: ["confirmResize": nil]).status == .noContent)
            let shown = try await cloud.send(.get, "/compute/v2.1/servers/\(id)", token: demo,
                                             headers: [HTTPField.Name("OpenStack-API-Version")!: "compute 2.47"])
            #expect(shown.json?["server"]?["status"] == "ACTIVE")
            #expect(shown.json?["server"]?["flavor"]?["original_name"] == "m1.small")

            let version: HTTPFields = [HTTPField.Name("OpenStack-API-Version")!: "compute 2.56"]
            #expect(try await cloud.send(.post, action, token: demo, json: ["migrate": nil], headers: version).status == .forbidden)
            let unknown = try await cloud.send(.post, action, token: admin, json: ["migrate": ["host": "nope"]], headers: version)
            #expect(unknown.json?["badRequest"]?["message"] == "Compute host nope could not be found.")
            let current = try await cloud.send(.post, action, token: admin, json: ["migrate": ["host": "sim-1"]], headers: version)
            #expect(current.status == .badRequest)
        }
    }

    @Test func anotherProjectGetsNotFound() async throws {
        try await Self.run { cloud, _, demo, admin in
            let id = try await Self.create(cloud, demo)
            _ = try await cloud.makeUser("other", role: "member", project: "otherproject", adminToken: admin)
            let other = try await cloud.token(user: "other", password: "pw-other", project: "otherproject")
            #expect(try await cloud.send(.get, "/compute/v2.1/servers/\(id)", token: other).status == .notFound)
            #expect(try await cloud.send(.delete, "/compute/v2.1/servers/\(id)", token: other).status == .notFound)
            #expect(try await cloud.send(.put, "/compute/v2.1/servers/\(id)", token: other,
                                         json: ["server": ["name": "mine"]]).status == .notFound)
        }
    }

    @Test func updateAndMetadata() async throws {
        try await Self.run { cloud, converge, demo, _ in
            let id = try await Self.create(cloud, demo)
            let building = try await cloud.send(.post, "/compute/v2.1/servers/\(id)/metadata", token: demo,
                                                json: ["metadata": ["a": "1"]])
            #expect(building.status == .conflict, "Nova refuses metadata changes while building")
            try await converge()
            let renamed = try await cloud.send(.put, "/compute/v2.1/servers/\(id)", token: demo, json: ["server": ["name": "renamed"]])
            #expect(renamed.json?["server"]?["name"] == "renamed")
            let path = "/compute/v2.1/servers/\(id)/metadata"
            #expect(try await cloud.send(.post, path, token: demo, json: ["metadata": ["a": "1"]]).json?["metadata"] == ["k": "v", "a": "1"])
            #expect(try await cloud.send(.put, path, token: demo, json: ["metadata": ["b": "2"]]).json?["metadata"] == ["b": "2"])
            #expect(try await cloud.send(.put, path + "/c", token: demo, json: ["meta": ["c": "3"]]).json?["meta"] == ["c": "3"])
            #expect(try await cloud.send(.get, path + "/c", token: demo).json?["meta"] == ["c": "3"])
            #expect(try await cloud.send(.delete, path + "/c", token: demo).status == .noContent)
            #expect(try await cloud.send(.get, path + "/c", token: demo).status == .notFound)
            #expect(try await cloud.send(.put, path + "/c", token: demo, json: ["meta": ["d": "3"]]).status == .badRequest)
            #expect(try await cloud.send(.get, path, token: demo).json?["metadata"] == ["b": "2"])
        }
    }
}
