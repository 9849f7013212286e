import Foundation
@testable import StratusCore
import Testing

/// Core rules behind Compute microversions 2.2–2.73.
@Suite("Compute microversions: core rules")
struct MicroversionCoreTests {
    /// RFC 7292 B.2 with SHA-256, computed independently (Python) for these inputs.
    @Test func pkcs12KeyDerivationMatchesTheRFC() {
        let key = PKCS12.derive(password: [0, 0], salt: Array(1...8), id: 3, iterations: 2048, length: 32)
        #expect(key.map { String(format: "%02x", $0) }.joined()
            == "878f85ff6db5c92f2da873fdb0ecae4bdc9dcc3cb5faf9226d10ee23af02546a")
    }

    @Test(arguments: [
        ("sample-1", "sample-1"), ("My Web_Server.1", "my-web-server-1"), ("--edge..", "edge"),
        ("Ünïcode ✓ name", "ünïcode--name"), ("***", ""),
    ])
    func hostnamesAreSanitizedAsNovaDoes(name: String, hostname: String) {
        #expect(ServerHostname.sanitize(name) == hostname)
    }

    @Test func aStatusMatchesItsVMStatesAndTasks() throws {
        let active = try #require(ServerStatusFilter(["ACTIVE"]))
        #expect(active.vmStates == [.active])
        #expect(active.taskStates == nil, "a default status ignores the task")
        let reboot = try #require(ServerStatusFilter(["reboot"]))
        #expect(reboot.vmStates == [.active])
        #expect(reboot.taskStates == [.rebooting, .rebootPending, .rebootStarted])
        #expect(ServerStatusFilter(["SLEEPING"]) == nil)
        #expect(try #require(ServerStatusFilter(["DELETED"])).asksForDeleted)
    }

    @Test func sortKeysFollowNovasRules() throws {
        let keys = try ServerSortKey.parse(keys: ["display_name", "locked"], directions: ["asc"], lockedSortable: false, allFilters: false)
        #expect(keys.map(\.key) == ["display_name", "created_at", "uuid"])
        #expect(keys.allSatisfy { $0.ascending })
        let locked = try ServerSortKey.parse(keys: ["locked"], directions: [], lockedSortable: true, allFilters: false)
        #expect(locked.map(\.key) == ["locked", "created_at", "uuid"])
        #expect(locked.allSatisfy { !$0.ascending })
        #expect(ServerSortKey.isDefault(try ServerSortKey.parse(keys: [], directions: [], lockedSortable: true, allFilters: true)))
        #expect(throws: ComputeError.self) {
            try ServerSortKey.parse(keys: ["a"], directions: ["asc", "desc"], lockedSortable: true, allFilters: false)
        }
        #expect(throws: ComputeError.forbidden("Only administrators can sort servers by node")) {
            try ServerSortKey.parse(keys: ["node"], directions: [], lockedSortable: true, allFilters: false)
        }
    }

    @Test func descriptionsMustBePrintable() {
        #expect(PrintableText.isValid("a description — with ü"))
        #expect(!PrintableText.isValid("tab\there"))
        #expect(!PrintableText.isValid("emoji 😀 is outside the BMP"))
    }

    @Test func hostUUIDsAreStableAndDistinct() {
        let host = RegisteredHost(number: 1, host: ComputeHost(
            id: "sim-1", name: "sim-1", lastHeartbeat: Date(), capacity: ResourceAmounts(vcpus: 1, memoryMiB: 1, diskGiB: 1)),
            claimCount: 0)
        #expect(host.hypervisorUUID == RegisteredHost.nameUUID("stratus-compute-node:sim-1"))
        #expect(host.hypervisorUUID != host.serviceUUID)
        #expect(UUID(uuidString: host.serviceUUID) != nil)
        #expect(Array(host.serviceUUID)[14] == "5", "version 5")
    }
}
