import Foundation
import StratusCore
import Testing

/// vCPU, RAM and disk against (capacity − reserved) × ratio − usage.
@Suite struct ResourceFilterTests {
    /// 1 vCPU, 512 MiB, 10 GiB.
    static let small = Fixture.flavor(vcpus: 1, memoryMiB: 512, diskGiB: 10)

    static func verdict(_ host: ComputeHost, _ flavor: Flavor = small) -> FilterVerdict {
        Fixture.verdict(ResourceFilter(), host, Fixture.request(flavor))
    }

    @Test func emptyHostPasses() {
        #expect(Self.verdict(Fixture.host("h")).passes)
    }

    /// 8 physical cores at 16.0 offer 128 vCPUs: the 128th fits, the 129th does not.
    @Test func cpuRatioApplied() {
        let host = Fixture.host("h", vcpus: 8, usage: ResourceAmounts(vcpus: 127))
        #expect(Self.verdict(host).passes)
        var full = host
        full.usage.vcpus = 128
        #expect(Self.verdict(full) == .reject("VCPU: requested 1 > remaining 0"))
    }

    /// 4096 MiB at 1.5 offer 6144 MiB.
    @Test func ramRatioApplied() {
        let host = Fixture.host("h", memoryMiB: 4_096, usage: ResourceAmounts(memoryMiB: 6_144 - 512))
        #expect(Self.verdict(host).passes)
        var over = host
        over.usage.memoryMiB += 1
        #expect(Self.verdict(over).isRejection)
    }

    /// Disk at 1.0 is not oversubscribed; reserved disk is never offered.
    @Test func diskAtRatioOneWithReservation() {
        let host = Fixture.host(
            "h", diskGiB: 100, reserved: ResourceAmounts(diskGiB: 20), usage: ResourceAmounts(diskGiB: 70))
        #expect(Self.verdict(host).passes)
        var over = host
        over.usage.diskGiB = 71
        #expect(Self.verdict(over).isRejection)
    }

    @Test func perHostRatiosOverrideDefaults() {
        let dedicated = Fixture.host(
            "h", vcpus: 8, ratios: AllocationRatios(cpu: 1.0, ram: 1.0, disk: 1.0), usage: ResourceAmounts(vcpus: 8))
        #expect(Self.verdict(dedicated).isRejection)
        let generous = Fixture.host(
            "h", vcpus: 8, ratios: AllocationRatios(cpu: 2.0, ram: 1.0, disk: 1.0), usage: ResourceAmounts(vcpus: 8))
        #expect(Self.verdict(generous).passes)
    }

    /// Exactly what the host has left (4 vCPU of 12, 1536 MiB of 3072, 30 GiB of 50)
    /// passes; a flavor one unit bigger in any resource fails, although it is smaller
    /// than the host's physical totals.
    @Test(arguments: [
        (Fixture.flavor(vcpus: 4, memoryMiB: 1_536, diskGiB: 30), true),
        (Fixture.flavor(vcpus: 5, memoryMiB: 1_536, diskGiB: 30), false),
        (Fixture.flavor(vcpus: 4, memoryMiB: 1_537, diskGiB: 30), false),
        (Fixture.flavor(vcpus: 4, memoryMiB: 1_536, diskGiB: 31), false),
        (Fixture.flavor(vcpus: 4, memoryMiB: 1_536, diskGiB: 29, swapMiB: 1), true),
        (Fixture.flavor(vcpus: 4, memoryMiB: 1_536, diskGiB: 29, swapMiB: 1_025), false),
    ])
    func flavorAgainstWhatIsLeft(flavor: Flavor, fits: Bool) {
        let host = Fixture.host(
            "h", vcpus: 6, memoryMiB: 2_048, diskGiB: 50, ratios: AllocationRatios(cpu: 2.0, ram: 1.5, disk: 1.0),
            usage: ResourceAmounts(vcpus: 8, memoryMiB: 1_536, diskGiB: 20))
        #expect(Self.verdict(host, flavor).passes == fits)
    }

    @Test func reasonNamesEveryShortResource() {
        let host = Fixture.host("h", vcpus: 2, memoryMiB: 1_024, diskGiB: 5)
        let verdict = Self.verdict(host, Fixture.flavor(vcpus: 3, memoryMiB: 512, diskGiB: 10))
        #expect(verdict == .reject("VCPU: requested 3 > host total 2; DISK_GB: requested 10 > host total 5"))
    }
}
