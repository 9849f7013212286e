import Foundation
import StratusAgent
@testable import StratusApp
import StratusCore
import StratusStore
import Testing

/// A scheduling pass settles each server on its own: one that cannot be scheduled
/// ends in ERROR with its reason and never holds back the servers after it, and a
/// refusal's fault names the filters that turned hosts away.
@Suite struct SchedulingPassTests {
    static let brokenImageID = "0b5e3b4c-9a8e-4a0e-8d1c-6f1d2c3b4a59"

    @Test func aServerThatCannotBeScheduledDoesNotStopThePass() async throws {
        let good = Image(
            id: ServerWorld.imageID, name: "test", status: .active, visibility: .public, owner: "P-admin",
            containerFormat: "bare", diskFormat: "raw", size: 1024)
        var broken = good
        broken.id = Self.brokenImageID
        broken.name = "broken"
        let world = try await ServerWorld(hosts: 1, images: [good, broken])
        // Oldest first: the failing server is the one the pass meets first.
        let first = try await world.compute.createServers(
            ServerWorld.demo, ServerDraft(name: "first", imageRef: Self.brokenImageID, flavorRef: "1")
        ).instances[0]
        let second = try await world.create(ServerWorld.demo, name: "second")
        // A second controller whose image reads fail for the first server's image.
        let controller = ComputeService(
            store: world.store, policy: try PolicyEngine(defaults: ComputePolicy.defaults),
            images: FailingImages(failing: Self.brokenImageID, others: [good]))
        let report = try await controller.schedulingPass()

        #expect(report.placed == [second.id])
        #expect(report.refused.map(\.instanceID) == [first.id])
        #expect(report.refused.first?.kind == .failed)
        #expect(report.refused.first?.reason.contains("image store is broken") == true)
        #expect(try await world.instance(second.id).hostID != nil)
        let failed = try await world.instance(first.id)
        #expect(failed.status == .error)
        #expect(failed.fault?.message.contains("image store is broken") == true)
        // Settled, so the next pass does not meet it again.
        #expect(try await controller.schedulingPass().refused.isEmpty)
    }

    @Test func noValidHostNamesTheFiltersAndCounts() async throws {
        var hosts = SimulatedHosts.make(count: 3)
        hosts[0].lastHeartbeat = Date(timeIntervalSinceNow: -3600)
        hosts[1].capacity = ResourceAmounts(vcpus: 16, memoryMiB: 256, diskGiB: 1_000)
        hosts[2].capacity = ResourceAmounts(vcpus: 16, memoryMiB: 256, diskGiB: 1_000)
        let world = try await ServerWorld(hostList: hosts)
        let server = try await world.create(ServerWorld.demo, flavor: "2")  // m1.small, 2048 MiB
        let report = try await world.compute.schedulingPass()

        #expect(report.refused.map(\.kind) == [.noValidHost])
        let failed = try await world.instance(server.id)
        #expect(failed.status == .error)
        // Nova's words first, which clients and tempest match on; the tally for administrators.
        #expect(failed.fault?.message == NoValidHost.faultMessage)
        #expect(failed.fault?.message.hasPrefix("No valid host was found") == true)
        let details = try #require(failed.fault?.details)
        #expect(details.hasPrefix("3 hosts: "))
        #expect(details.contains("ComputeFilter rejected 1 (not heard from"))
        #expect(details.contains("ResourceFilter rejected 2 ("))
        #expect(report.refused.first?.reason == details)

        // The reconciler logs each refusal at notice, with the server and the tally.
        let lines = Lines()
        SchedulingService(compute: world.compute, interval: .seconds(2), logger: CapturingLogHandler.logger(into: lines))
            .log(report)
        #expect(lines.all == ["notice no valid host for server [reason=\(details) server=\(server.id)]"])
    }

    @Test func theTallyGroupsRejectionsByFilter() {
        let refusal = NoValidHost(instanceIndex: 0, requestedCount: 1, rejections: [
            HostRejection(hostID: "a", hostName: "a", filter: "ComputeFilter", reason: "down"),
            HostRejection(hostID: "b", hostName: "b", filter: "RamFilter", reason: "needs 4096 MiB"),
            HostRejection(hostID: "c", hostName: "c", filter: "RamFilter", reason: "needs 4096 MiB"),
            HostRejection(hostID: "d", hostName: "d", filter: "AvailabilityZoneFilter", reason: ""),
        ])
        #expect(refusal.tally
            == "4 hosts: ComputeFilter rejected 1 (down), RamFilter rejected 2 (needs 4096 MiB), AvailabilityZoneFilter rejected 1")
        #expect(NoValidHost(instanceIndex: 0, requestedCount: 1, rejections: []).tally == "0 hosts: none to consider")
    }
}

/// Image reads that fail for one image, as a broken image store would.
private struct FailingImages: BootImageSource {
    struct Broken: Error, CustomStringConvertible { var description: String { "image store is broken" } }
    let failing: String
    let others: [Image]
    init(failing: String, others: [Image]) {
        self.failing = failing
        self.others = others
    }
    func bootImage(id: String) async throws -> Image? {
        if id == failing { throw Broken() }
        return others.first { $0.id == id }
    }
    func bootImageMembership(imageID: String, projectID: String) async throws -> ImageMember? { nil }
}
