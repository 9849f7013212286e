import Foundation
import StratusCore
import Testing

/// Capacity arithmetic: limits under allocation ratios, the claim check and its edges.
@Suite struct ResourceClaimTests {
    @Test func amountsArithmetic() {
        let a = ResourceAmounts(vcpus: 2, memoryMiB: 1024, diskGiB: 10)
        let b = ResourceAmounts(vcpus: 1, memoryMiB: 512, diskGiB: 5)
        #expect(a + b == ResourceAmounts(vcpus: 3, memoryMiB: 1536, diskGiB: 15))
        #expect(a - b == b)
        #expect(b * 3 == ResourceAmounts(vcpus: 3, memoryMiB: 1536, diskGiB: 15))
        var c = a
        c += b
        c -= a
        #expect(c == b)
        #expect(ResourceAmounts.zero.isNonNegative)
        #expect(!(b - a).isNonNegative)
    }

    /// Swap is local disk too, rounded up to whole GiB as Nova asks placement for it.
    @Test(arguments: [(0, 10), (1, 11), (512, 11), (1024, 11), (1025, 12), (4096, 14)])
    func flavorDiskCountsSwapRoundedUp(swapMiB: Int, expectedDiskGiB: Int) {
        let flavor = Fixture.flavor(vcpus: 2, memoryMiB: 2048, diskGiB: 8, ephemeralGiB: 2, swapMiB: swapMiB)
        #expect(flavor.resources == ResourceAmounts(vcpus: 2, memoryMiB: 2048, diskGiB: expectedDiskGiB))
    }

    @Test func limitsApplyRatiosAfterReservation() {
        let host = Fixture.host(
            "h", vcpus: 8, memoryMiB: 16_384, diskGiB: 100,
            reserved: ResourceAmounts(vcpus: 0, memoryMiB: 512, diskGiB: 10))
        // Defaults: cpu 16.0, ram 1.5, disk 1.0.
        #expect(host.limits == ResourceAmounts(vcpus: 128, memoryMiB: 23_808, diskGiB: 90))
        let custom = Fixture.host(
            "c", vcpus: 10, memoryMiB: 1_001, diskGiB: 7, ratios: AllocationRatios(cpu: 1.1, ram: 1.5, disk: 2.5))
        // Rounded down: 11.000…02 → 11, 1501.5 → 1501, 17.5 → 17.
        #expect(custom.limits == ResourceAmounts(vcpus: 11, memoryMiB: 1_501, diskGiB: 17))
    }

    static let resources: [(String, ResourceAmounts)] = [
        ("vcpus", ResourceAmounts(vcpus: 1)), ("memory", ResourceAmounts(memoryMiB: 1)),
        ("disk", ResourceAmounts(diskGiB: 1)),
    ]

    /// Filled to exactly the limit is allowed; one unit more of any resource is not.
    @Test(arguments: resources)
    func exactlyAtLimitFitsOneMoreDoesNot(name: String, unit: ResourceAmounts) {
        let host = Fixture.host("h", vcpus: 4, memoryMiB: 4_096, diskGiB: 40)
        let limits = host.limits
        let leaveOne = limits - unit
        var full = host
        full.usage = leaveOne
        #expect(full.canClaim(unit), "last unit of \(name) fits")
        let filled = full.claiming(unit)
        #expect(filled?.usage == limits)
        #expect(filled?.canClaim(unit) == false, "one \(name) over the limit")
        #expect(filled?.shortfalls(for: unit).map(\.reason) == [.exceedsRemaining(remaining: 0)])
    }

    /// An instance may overcommit against others, never against itself.
    @Test func oneInstanceLargerThanTheHostNeverFits() {
        let host = Fixture.host("h", vcpus: 16, memoryMiB: 8_192, diskGiB: 100)
        #expect(host.canClaim(ResourceAmounts(vcpus: 16, memoryMiB: 8_192, diskGiB: 100)))
        let tooMany = host.shortfalls(for: ResourceAmounts(vcpus: 17, memoryMiB: 8_193))
        #expect(tooMany.map(\.resource) == [.vcpus, .memory])
        #expect(tooMany.allSatisfy { if case .largerThanHost = $0.reason { true } else { false } })
    }

    @Test func negativeAmountsNeverFit() {
        let host = Fixture.host("h")
        #expect(!host.canClaim(ResourceAmounts(vcpus: 1, memoryMiB: -512, diskGiB: 1)))
        #expect(host.shortfalls(for: ResourceAmounts(vcpus: -1)).first?.reason == .negativeAmount)
    }

    /// A ratio lowered under current usage over-commits the host: nothing more of that
    /// resource fits, but a request not using it is not blocked.
    @Test func overCommittedResourceBlocksOnlyRequestsUsingIt() {
        let host = Fixture.host(
            "h", vcpus: 8, memoryMiB: 8_192, diskGiB: 100, ratios: AllocationRatios(cpu: 1, ram: 1, disk: 1),
            usage: ResourceAmounts(vcpus: 2, memoryMiB: 1_024, diskGiB: 120))
        #expect(!host.canClaim(ResourceAmounts(vcpus: 1, memoryMiB: 512, diskGiB: 1)))
        #expect(host.canClaim(ResourceAmounts(vcpus: 1, memoryMiB: 512, diskGiB: 0)))
    }

    /// A corrupt ratio offers nothing rather than trapping or offering everything.
    @Test(arguments: [Double.nan, -1, .infinity, 0])
    func unusableRatioOffersNothing(ratio: Double) {
        let host = Fixture.host("h", ratios: AllocationRatios(cpu: ratio, ram: ratio, disk: ratio))
        #expect(host.limits == .zero)
        #expect(!host.canClaim(ResourceAmounts(vcpus: 1, memoryMiB: 1, diskGiB: 1)))
    }

    @Test func hugeValuesDoNotTrap() {
        let host = Fixture.host(
            "h", vcpus: Int.max, memoryMiB: Int.max, diskGiB: Int.max, reserved: ResourceAmounts(vcpus: Int.min),
            usage: ResourceAmounts(vcpus: Int.min, memoryMiB: Int.max, diskGiB: Int.min))
        #expect(host.limits.memoryMiB == Int.max)
        #expect(host.limits.vcpus == 0)
        #expect(!host.canClaim(ResourceAmounts(vcpus: 1, memoryMiB: 1, diskGiB: 1)))
    }

    @Test func claimIsBoundToItsHost() {
        let host = Fixture.host("h1")
        let amounts = ResourceAmounts(vcpus: 2, memoryMiB: 1_024, diskGiB: 10)
        let mine = ResourceClaim(hostID: "h1", instanceID: "i1", amounts: amounts)
        let other = ResourceClaim(hostID: "h2", instanceID: "i1", amounts: amounts)
        #expect(host.canClaim(mine))
        #expect(!host.canClaim(other))
        #expect(host.claiming(other) == nil)
        #expect(host.claiming(mine)?.usage == amounts)
        #expect(host.claiming(mine)?.claiming(mine)?.usage == amounts * 2)
    }
}
