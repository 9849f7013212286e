import Foundation
import HTTPTypes
import StratusCore
import StratusOpenStack
import Testing

/// Cinder's limits, os-quota-sets and os-quota-class-sets over HTTP: the shapes
/// tempest's schemas and openstackclient read, per-project limits that the
/// create's transaction enforces, and Cinder's policy names.
@Suite("Block Storage v3 quotas and limits")
struct VolumeQuotaHTTPTests {
    static let cinderDefaults: [String: Int] = [
        "volumes": 10, "snapshots": 10, "gigabytes": 1000, "backups": 10, "backup_gigabytes": 1000,
        "per_volume_gigabytes": -1, "groups": 10,
    ]
    static let absoluteKeys: Set<String> = [
        "maxTotalVolumes", "maxTotalVolumeGigabytes", "maxTotalSnapshots", "maxTotalBackups", "maxTotalBackupGigabytes",
        "totalVolumesUsed", "totalGigabytesUsed", "totalSnapshotsUsed", "totalBackupsUsed", "totalBackupGigabytesUsed",
    ]

    /// Admin token, a member "vera" of "vproj" with her token and project id.
    static func world(_ cloud: TestCloud) async throws -> (admin: String, member: String, project: String) {
        let admin = try await cloud.token()
        let (_, project) = try await cloud.makeUser("vera", role: "member", project: "vproj", adminToken: admin)
        return (admin, try await cloud.token(user: "vera", password: "pw-vera", project: "vproj"), project)
    }

    static func createVolume(_ cloud: TestCloud, _ token: String, size: Int = 1) async throws -> Reply {
        try await cloud.send(.post, "/volume/v3/volumes", token: token, json: ["volume": ["size": .int(size)]])
    }

    @Test("every route answers, with and without the project in the path (none is the 404 clients met before)")
    func routesAnswer() async throws {
        try await TestCloud.run { cloud in
            let (admin, member, project) = try await Self.world(cloud)
            for prefix in ["/volume/v3", "/volume/v3/\(project)"] {
                for path in ["limits", "os-quota-sets/\(project)", "os-quota-sets/\(project)?usage=True",
                             "os-quota-sets/\(project)/defaults"] {
                    let reply = try await cloud.send(.get, "\(prefix)/\(path)", token: member)
                    #expect(reply.status == .ok, "GET \(prefix)/\(path): \(reply.status)")
                    #expect(reply.headers[HTTPField.Name("OpenStack-API-Version")!] == "volume 3.0")
                }
                let set = try await cloud.send(.put, "\(prefix)/os-quota-sets/\(project)", token: admin,
                                               json: ["quota_set": ["volumes": 20]])
                #expect(set.status == .ok)
                #expect(try await cloud.send(.delete, "\(prefix)/os-quota-sets/\(project)", token: admin).status == .ok)
                #expect(try await cloud.send(.get, "\(prefix)/os-quota-class-sets/default", token: admin).status == .ok)
            }
        }
    }

    @Test("limits, quota sets with usage and defaults in Cinder's shapes")
    func shapes() async throws {
        try await TestCloud.run { cloud in
            let (_, member, project) = try await Self.world(cloud)
            #expect(try await Self.createVolume(cloud, member, size: 3).status == .accepted)
            let limits = try await cloud.send(.get, "/volume/v3/limits", token: member)
            #expect(limits.json?["limits"]?["rate"] == [])
            guard case .object(let absolute)? = limits.json?["limits"]?["absolute"] else { Issue.record("no absolute"); return }
            #expect(Set(absolute.keys) == Self.absoluteKeys)
            #expect(absolute["maxTotalVolumes"] == 10 && absolute["maxTotalVolumeGigabytes"] == 1000)
            #expect(absolute["totalVolumesUsed"] == 1 && absolute["totalGigabytesUsed"] == 3)
            #expect(absolute["totalSnapshotsUsed"] == 0 && absolute["maxTotalBackups"] == 10)

            let shown = try await cloud.send(.get, "/volume/v3/\(project)/os-quota-sets/\(project)", token: member)
            var expected = Self.cinderDefaults.mapValues { JSONValue.int($0) }
            expected["id"] = .string(project)
            #expect(shown.json?["quota_set"] == .object(expected))
            let defaults = try await cloud.send(.get, "/volume/v3/os-quota-sets/\(project)/defaults", token: member)
            #expect(defaults.json?["quota_set"] == .object(expected))

            let usage = try await cloud.send(.get, "/volume/v3/os-quota-sets/\(project)?usage=True", token: member)
            let set = try #require(usage.json?["quota_set"])
            #expect(set["id"] == .string(project))
            #expect(set["volumes"] == ["limit": 10, "in_use": 1, "reserved": 0, "allocated": 0])
            #expect(set["gigabytes"] == ["limit": 1000, "in_use": 3, "reserved": 0, "allocated": 0])
            #expect(set["per_volume_gigabytes"] == ["limit": -1, "in_use": 0, "reserved": 0, "allocated": 0])
            #expect(set.objectValue?.count == 8)
            let plain = try await cloud.send(.get, "/volume/v3/os-quota-sets/\(project)?usage=false", token: member)
            #expect(plain.json?["quota_set"]?["volumes"] == 10)
            let bad = try await cloud.send(.get, "/volume/v3/os-quota-sets/\(project)?usage=maybe", token: member)
            #expect(bad.status == .badRequest)
            #expect(bad.json?["badRequest"]?["message"] == "Value 'maybe' for 'usage' is not a boolean.")
        }
    }

    @Test("an administrator's limits are the project's: volumes, gigabytes and per-volume size are enforced; revert")
    func perProjectLimits() async throws {
        try await TestCloud.run { cloud in
            let (admin, member, project) = try await Self.world(cloud)
            let set = try await cloud.send(.put, "/volume/v3/os-quota-sets/\(project)", token: admin, json: [
                "quota_set": ["volumes": 2, "gigabytes": "5", "per_volume_gigabytes": 3, "id": .string(project)],
            ])
            #expect(set.status == .ok)
            #expect(set.json?["quota_set"]?["volumes"] == 2)
            #expect(set.json?["quota_set"]?["gigabytes"] == 5)
            #expect(set.json?["quota_set"]?["id"] == nil)

            let tooBig = try await Self.createVolume(cloud, member, size: 4)
            #expect(tooBig.status == .contentTooLarge)
            #expect(tooBig.json?["overLimit"]?["message"]?.stringValue?.contains("maximum allowed limit 3G") == true)
            #expect(try await Self.createVolume(cloud, member, size: 3).status == .accepted)
            let gigabytes = try await Self.createVolume(cloud, member, size: 3)
            #expect(gigabytes.status == .contentTooLarge)
            #expect(gigabytes.json?["overLimit"]?["message"]?.stringValue?.contains("quota is 5G and 3G has been consumed") == true)
            #expect(try await Self.createVolume(cloud, member, size: 1).status == .accepted)
            let count = try await Self.createVolume(cloud, member, size: 1)
            #expect(count.status == .contentTooLarge)
            #expect(count.json?["overLimit"]?["message"]?.stringValue?.contains("Maximum number of volumes allowed (2)") == true)

            // Another project keeps the defaults; a limit under usage is Cinder's 400.
            let absolute = try await cloud.send(.get, "/volume/v3/limits", token: member).json?["limits"]?["absolute"]
            #expect(absolute?["maxTotalVolumes"] == 2 && absolute?["totalVolumesUsed"] == 2)
            let below = try await cloud.send(.put, "/volume/v3/os-quota-sets/\(project)", token: admin,
                                             json: ["quota_set": ["volumes": 1]])
            #expect(below.status == .badRequest)
            #expect(below.json?["badRequest"]?["message"] == "Quota volumes limit must be equal or greater than existing resources. Current usage is 2 and the requested limit is 1.")
            // The administrator reads the project's limits through `project_id`; a member's filter is ignored.
            let asAdmin = try await cloud.send(.get, "/volume/v3/limits?project_id=\(project)", token: admin)
            #expect(asAdmin.json?["limits"]?["absolute"]?["maxTotalVolumes"] == 2)
            #expect(asAdmin.json?["limits"]?["absolute"]?["totalVolumesUsed"] == 2)
            let adminOwn = try await cloud.send(.get, "/volume/v3/limits", token: admin)
            #expect(adminOwn.json?["limits"]?["absolute"]?["maxTotalVolumes"] == 10)

            #expect(try await cloud.send(.delete, "/volume/v3/os-quota-sets/\(project)", token: admin).status == .ok)
            #expect(try await cloud.send(.get, "/volume/v3/os-quota-sets/\(project)", token: member)
                .json?["quota_set"]?["volumes"] == 10)
            #expect(try await Self.createVolume(cloud, member, size: 1).status == .accepted)
        }
    }

    @Test("bad keys and values are Cinder's 400s; nothing is written")
    func validation() async throws {
        try await TestCloud.run { cloud in
            let (admin, _, project) = try await Self.world(cloud)
            let path = "/volume/v3/os-quota-sets/\(project)"
            let cases: [(JSONValue, String)] = [
                (["quota_set": ["volumes": 5, "floppies": "x", "ram": 1]], "Invalid input received: Bad key(s) in quota set: floppies, ram"),
                (["quota_set": ["volumes": -2]], "volumes must be >= -1"),
                (["quota_set": ["volumes": 2_147_483_648]], "volumes must be <= 2147483647"),
                (["quota_set": ["volumes": "many"]], "volumes must be an integer"),
            ]
            for (body, message) in cases {
                let reply = try await cloud.send(.put, path, token: admin, json: body)
                #expect(reply.status == .badRequest)
                #expect(reply.json?["badRequest"]?["message"]?.stringValue == message)
            }
            #expect(try await cloud.send(.put, path, token: admin, json: ["quota_set": [:]]).status == .badRequest)
            #expect(try await cloud.send(.put, path, token: admin, json: ["volumes": 3]).status == .badRequest)
            #expect(try await cloud.send(.get, path, token: admin).json?["quota_set"]?["volumes"] == 10)
            #expect(try await cloud.send(.put, path, token: admin, json: ["quota_set": ["groups": -1]])
                .json?["quota_set"]?["groups"] == -1)
        }
    }

    @Test("policy: readers see their own project's; others' are forbidden; members cannot set or revert")
    func policy() async throws {
        try await TestCloud.run { cloud in
            let (admin, member, project) = try await Self.world(cloud)
            let (_, otherProject) = try await cloud.makeUser("rob", role: "reader", project: "other", adminToken: admin)
            let reader = try await cloud.token(user: "rob", password: "pw-rob", project: "other")
            #expect(try await cloud.send(.get, "/volume/v3/os-quota-sets/\(otherProject)", token: reader).status == .ok)
            for path in ["os-quota-sets/\(project)", "os-quota-sets/\(project)?usage=True", "os-quota-sets/\(project)/defaults"] {
                let denied = try await cloud.send(.get, "/volume/v3/\(path)", token: reader)
                #expect(denied.status == .forbidden, "GET \(path)")
                #expect(denied.json?["forbidden"]?["message"] == "Policy doesn't allow volume_extension:quotas:show to be performed.")
            }
            let put = try await cloud.send(.put, "/volume/v3/os-quota-sets/\(project)", token: member,
                                           json: ["quota_set": ["volumes": 100]])
            #expect(put.status == .forbidden)
            #expect(put.json?["forbidden"]?["message"] == "Policy doesn't allow volume_extension:quotas:update to be performed.")
            #expect(try await cloud.send(.delete, "/volume/v3/os-quota-sets/\(project)", token: member).status == .forbidden)
            #expect(try await cloud.send(.get, "/volume/v3/os-quota-class-sets/default", token: member).status == .forbidden)
            // A project in the path that is not the token's stays Cinder's 400.
            #expect(try await cloud.send(.get, "/volume/v3/\(otherProject)/limits", token: member).status == .badRequest)
            // A member's limits carry usage (limits_extension:used_limits); its other-project filter is ignored.
            #expect(try await Self.createVolume(cloud, member).status == .accepted)
            let mine = try await cloud.send(.get, "/volume/v3/limits?project_id=\(otherProject)", token: member)
            #expect(mine.json?["limits"]?["absolute"]?["totalVolumesUsed"] == 1)
        }
    }

    @Test("the default quota class replaces Cinder's defaults for projects without their own")
    func defaultQuotaClass() async throws {
        try await TestCloud.run { cloud in
            let (admin, member, project) = try await Self.world(cloud)
            let set = try await cloud.send(.put, "/volume/v3/os-quota-class-sets/default", token: admin,
                                           json: ["quota_class_set": ["volumes": 1]])
            #expect(set.status == .ok)
            #expect(set.json?["quota_class_set"]?["volumes"] == 1)
            let shown = try await cloud.send(.get, "/volume/v3/os-quota-class-sets/default", token: admin)
            #expect(shown.json?["quota_class_set"]?["id"] == "default")
            #expect(try await cloud.send(.get, "/volume/v3/os-quota-sets/\(project)/defaults", token: member)
                .json?["quota_set"]?["volumes"] == 1)
            #expect(try await Self.createVolume(cloud, member).status == .accepted)
            #expect(try await Self.createVolume(cloud, member).status == .contentTooLarge)
            let bad = try await cloud.send(.put, "/volume/v3/os-quota-class-sets/default", token: admin,
                                           json: ["quota_class_set": ["cores": 1]])
            #expect(bad.json?["badRequest"]?["message"] == "Invalid input received: Bad key(s) in quota class set: cores")
        }
    }

    @Test("eight concurrent creates at a limit of 3: exactly 3 commit")
    func concurrentCreates() async throws {
        try await TestCloud.run { cloud in
            let (admin, member, project) = try await Self.world(cloud)
            #expect(try await cloud.send(.put, "/volume/v3/os-quota-sets/\(project)", token: admin,
                                         json: ["quota_set": ["volumes": 3]]).status == .ok)
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<8 { group.addTask { Int(try await Self.createVolume(cloud, member).status.code) } }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 202 }.count == 3)
            #expect(statuses.filter { $0 == 413 }.count == 5)
        }
    }
}
