import Foundation
@testable import StratusCore
@testable import StratusOpenStack
import Testing

/// Thousands of seeded hostile bodies through each request decoder and the core
/// checks behind it. A trap would end the test process, so reaching the end is
/// the first assertion; the second is that every refusal is the client's error
/// (a 4xx), never an unexpected one (500).
@Suite("Request decoders under fuzzed JSON")
struct DecoderFuzzTests {
    static let rounds = 2_000
    static let versions = [(2, 1), (2, 19), (2, 32), (2, 37), (2, 42), (2, 52), (2, 57), (2, 63), (2, 67), (2, 74), (2, 80)]
        .map { Microversion($0.0, $0.1) }

    static let serverKeys = [
        "server", "name", "imageRef", "flavorRef", "min_count", "max_count", "networks", "uuid", "port", "fixed_ip",
        "tag", "metadata", "personality", "path", "contents", "security_groups", "key_name", "user_data",
        "availability_zone", "adminPass", "accessIPv4", "accessIPv6", "description", "tags", "host",
        "hypervisor_hostname", "trusted_image_certificates", "OS-DCF:diskConfig", "return_reservation_id",
        "block_device_mapping", "block_device_mapping_v2", "boot_index", "source_type", "destination_type",
        "volume_size", "volume_id", "snapshot_id", "no_device", "delete_on_termination", "volume_type",
        "os:scheduler_hints", "group", "same_host", "different_host", "preserve_ephemeral", "config_drive",
    ]

    @Test func serverCreateAndRebuild() {
        var fuzz = FuzzJSON(seed: 1)
        var tally = Tally()
        for _ in 0..<Self.rounds {
            let version = fuzz.pick(Self.versions)
            let body: JSONValue = fuzz.below(8) == 0
                ? fuzz.value(keys: Self.serverKeys)
                : ["server": fuzz.object(keys: Self.serverKeys), "os:scheduler_hints": fuzz.object(keys: Self.serverKeys)]
            tally.record {
                let (draft, _) = try ServerRequestDecoder.create(body, version: version)
                try ServerValidation.check(draft)
            }
            tally.record { _ = try ServerRequestDecoder.rebuild(fuzz.object(keys: Self.serverKeys), version: version) }
            tally.record {
                let server = try JSONObjectReader(fuzz.object(keys: Self.serverKeys), field: "server")
                try BlockDeviceMappingDecoder.check(server, imageRef: fuzz.pick(["", "abc"]), version: version)
            }
        }
        tally.expectCovered(Self.rounds * 3)
    }

    @Test func flavorCreate() {
        let keys = ["name", "id", "ram", "vcpus", "disk", "OS-FLV-EXT-DATA:ephemeral", "swap", "rxtx_factor",
                    "os-flavor-access:is_public", "description"]
        var fuzz = FuzzJSON(seed: 2)
        var tally = Tally()
        for _ in 0..<Self.rounds {
            var members = fuzz.object(keys: keys).objectValue ?? [:]
            // Mostly well-formed around the one hostile field, so it is the one judged.
            for (key, value) in ["name": "f", "ram": 1, "vcpus": 1, "disk": 0] as [String: JSONValue]
            where fuzz.below(3) > 0 { members[key] = value }
            members["id"] = fuzz.scalar()
            tally.record {
                let draft = try FlavorRequestDecoder.draft(try JSONObjectReader(.object(members), field: "flavor"),
                                                          version: fuzz.pick(Self.versions))
                _ = try FlavorValidation.flavor(from: draft, generatedID: "generated")
            }
        }
        tally.expectCovered(Self.rounds)
    }

    @Test func authRequests() {
        let keys = ["auth", "identity", "methods", "password", "user", "id", "name", "domain", "scope", "project",
                    "system", "all", "token"]
        var fuzz = FuzzJSON(seed: 3)
        var tally = Tally()
        for _ in 0..<Self.rounds {
            let methods: JSONValue = fuzz.below(2) == 0 ? ["password"] : fuzz.value(keys: ["token", "password"])
            // Half the time a well-formed user around hostile values, so the scope is read too.
            let user: JSONValue = fuzz.below(2) == 0
                ? ["user": ["password": .string(fuzz.pick(FuzzJSON.strings)), "id": fuzz.scalar()]]
                : fuzz.object(keys: keys)
            var auth: [String: JSONValue] = [
                "identity": ["methods": methods, "password": user, "token": fuzz.object(keys: keys)],
            ]
            if fuzz.below(3) > 0 { auth["scope"] = fuzz.value(keys: keys) }
            let body = JSONValue.object(["auth": .object(auth)])
            tally.record { _ = try AuthRequestDecoder.decode(fuzz.below(6) == 0 ? fuzz.value(keys: keys) : body, sourceAddress: "fuzz") }
        }
        tally.expectCovered(Self.rounds)
    }

    @Test func imageCreateAndPatch() {
        let keys = ["name", "id", "visibility", "protected", "os_hidden", "owner", "container_format", "disk_format",
                    "min_ram", "min_disk", "tags", "op", "path", "value", "add", "remove", "replace", "kernel_id"]
        var fuzz = FuzzJSON(seed: 4)
        var tally = Tally()
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        for _ in 0..<Self.rounds {
            tally.record {
                let draft = try ImageRequestDecoder.draft(fuzz.object(keys: keys))
                var image = try draft.image(id: "11111111-2222-3333-4444-555555555555", defaultOwner: "p", at: now)
                let operations = try ImageRequestDecoder.patch(.array((0..<fuzz.below(4)).map { _ in
                    fuzz.below(2) == 0 ? ["op": .string(fuzz.pick(["add", "replace", "remove"])),
                                          "path": .string("/" + fuzz.pick(keys)), "value": fuzz.scalar()]
                                       : fuzz.object(keys: keys)
                }))
                for operation in operations { try image.apply(operation, dialect: fuzz.pick([.v20, .v21])) }
            }
        }
        tally.expectCovered(Self.rounds)
    }

    @Test func quotaSets() {
        let keys = QuotaSet.keys.map(\.0) + QuotaSet.legacyNetworkKeys + ["force", "bogus"]
        var fuzz = FuzzJSON(seed: 5)
        var tally = Tally()
        for _ in 0..<Self.rounds {
            tally.record {
                let body = try JSONObjectReader(fuzz.object(keys: keys), field: "quota_set")
                var limits: [String: Int] = [:]
                for key in body.members.keys where key != "force" { limits[key] = try body.integer(key) }
                try ComputeService.checkQuotaValues(limits, field: "quota_set")
                #expect(limits.values.allSatisfy { (-1...Int(Int32.max)).contains($0) })
            }
        }
        tally.expectCovered(Self.rounds)
    }

    @Test func volumesSecurityGroupRulesAndSmallBodies() {
        let keys = ["volume", "size", "name", "display_name", "description", "metadata", "snapshot_id", "multiattach",
                    "security_group_rule", "from_port", "to_port", "ip_protocol", "cidr", "group_id",
                    "parent_group_id", "security_group", "lock", "locked_reason", "extra_specs"]
        var fuzz = FuzzJSON(seed: 6)
        var tally = Tally()
        for _ in 0..<Self.rounds {
            tally.record { _ = try BlockStorageFront.volumeDraft(["volume": fuzz.object(keys: keys)]) }
            tally.record { _ = try BlockStorageFront.volumePatch(["volume": fuzz.object(keys: keys)]) }
            tally.record {
                let rule = try JSONObjectReader(fuzz.object(keys: keys), field: "security_group_rule")
                _ = try ComputeFront.novaRule(rule, parent: "p", remote: fuzz.below(2) == 0 ? nil : "r")
            }
            tally.record { _ = try ComputeFront.groupFields(["security_group": fuzz.object(keys: ["name", "description"])]) }
            tally.record { _ = try ComputeFront.lockReason(fuzz.value(keys: keys), fuzz.pick(Self.versions)) }
            tally.record { _ = try ComputeFront.specStrings(fuzz.object(keys: keys).objectValue ?? [:]) }
        }
        tally.expectCovered(Self.rounds * 6)
    }

    @Test func readerAccessorsOnEveryValue() {
        var fuzz = FuzzJSON(seed: 7)
        var tally = Tally()
        for _ in 0..<Self.rounds * 5 {
            let reader = try? JSONObjectReader(["k": fuzz.value(keys: ["k"])], field: "f")
            tally.record { _ = try reader?.integer("k") }
            tally.record { _ = try reader?.string("k") }
            tally.record { _ = try reader?.nullableString("k") }
            tally.record { _ = try reader?.bool("k") }
            tally.record { _ = try reader?.stringArray("k") }
            tally.record { _ = try reader?.object("k") }
            tally.record { _ = try reader?.value.serialized() }
        }
        tally.expectCovered(Self.rounds * 35)
    }
}

/// How many inputs were taken and refused; a refusal that is not a client error
/// is recorded as a test issue.
struct Tally {
    var decoded = 0
    var refused = 0

    mutating func record(_ body: () throws -> Void) {
        do {
            try body()
            decoded += 1
        } catch {
            refused += 1
            let (apiError, unexpected) = APIError.from(error)
            #expect(!unexpected && apiError.status.code < 500, "\(error)")
        }
    }

    /// Every input answered, and both answers seen: a fuzz that never gets past the
    /// first check (or never fails one) tests nothing.
    func expectCovered(_ count: Int) {
        #expect(decoded + refused == count)
        #expect(decoded > 0 && refused > 0, "decoded \(decoded), refused \(refused)")
    }
}

extension JSONObjectReader {
    fileprivate var value: JSONValue { .object(members) }
}
