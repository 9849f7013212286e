import Foundation
import StratusCore
import StratusHostProtocol
import Testing

@Suite("Host protocol: desired guests")
struct DesiredGuestMappingTests {
    static let created = Date(timeIntervalSince1970: 1_790_000_000.25)

    static func guest() -> HostGuest {
        let record = GuestRecord(
            instanceID: "i-1", name: "web", projectID: "p-1", userID: "u-1", imageID: "img", kernelID: "aki",
            ramdiskID: "ari", imageHardware: ["hw_rng_model": "virtio"],
            flavor: Flavor(id: "f1", name: "m1.small", vcpus: 2, memoryMiB: 2048, rootDiskGiB: 20, extraSpecs: ["hw_rng:allowed": "True"]),
            hostname: "web", metadata: ["role": "db"], keyName: "k", keyData: "ssh-ed25519 AAAA", reservationID: "r-1",
            launchIndex: 1, createdAt: created)
        return HostGuest(
            id: "i-1", hostID: "h-1", state: InstanceState(vmState: .active, taskState: .migrating, powerState: .running),
            record: record, userData: "I2Nsb3VkLWNvbmZpZw==", availabilityZone: "nova",
            move: .init(sourceHostID: "h-0", sourceDisk: .exported(uri: "nbd://10.0.0.1:10809/disk")),
            liveMigration: LiveMigration(
                sourceHostID: "h-1", sourceHostName: "h-1", targetHostID: "h-2", targetHostName: "h-2", phase: .listening,
                incomingURI: "tcp:10.0.0.2:4444", tls: true, startedAt: created, consoleHistory: ConsoleHistory("boot\n")))
    }

    @Test("a guest survives the wire unchanged")
    func roundTrip() throws {
        let original = Self.guest()
        let data = try HostProtocol.encoder().encode(DesiredGuest(original))
        let decoded = try HostGuest(try HostProtocol.decoder().decode(DesiredGuest.self, from: data))
        #expect(decoded == original)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"memory_mib\":2048"))
        #expect(text.contains("\"vm_state\":\"active\""))
    }

    @Test("a move whose source has no disk stays distinct from one not reported yet")
    func sourceDiskNone() throws {
        var original = Self.guest()
        original.move = .init(sourceHostID: "h-0", sourceDisk: PendingMigration.SourceDisk.none)
        let none = try HostGuest(DesiredGuest(original))
        #expect(none.move?.sourceDisk == PendingMigration.SourceDisk.none)
        original.move = .init(sourceHostID: "h-0", sourceDisk: nil)
        #expect(try HostGuest(DesiredGuest(original)).move?.sourceDisk == nil)
    }

    @Test("an unknown state or a negative size refuses the message", arguments: [
        ("vm_state", "\"teleporting\""), ("task_state", "\"dancing\""), ("power_state", "99"), ("vcpus", "-1"),
    ])
    func refusesUnknown(field: String, value: String) throws {
        let data = try HostProtocol.encoder().encode(DesiredGuest(Self.guest()))
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let replacement = try JSONSerialization.jsonObject(with: Data(value.utf8), options: .fragmentsAllowed)
        if field == "vcpus" {
            var spec = try #require(object["spec"] as? [String: Any])
            spec[field] = replacement
            object["spec"] = spec
        } else {
            object[field] = replacement
        }
        let message = try HostProtocol.decoder().decode(DesiredGuest.self, from: try JSONSerialization.data(withJSONObject: object))
        #expect(throws: HostProtocolError.self) { try HostGuest(message) }
    }

    @Test("the host step is the same from the wire as from the instance")
    func sameStep() throws {
        let guest = Self.guest()
        let wire = try HostGuest(DesiredGuest(guest))
        for observed in [nil, PowerState.running, .paused, .shutdown] {
            for host in ["h-1", "h-2", "h-0"] {
                #expect(HostStep.next(for: wire, observed: observed, onHost: host) == HostStep.next(for: guest, observed: observed, onHost: host))
            }
        }
    }
}
