import Foundation
import StratusCore
import Testing

/// Randomized clouds from fixed seeds: whatever the hosts, flavor, count, group and
/// weighing, no selection drives a host past (capacity − reserved) × ratio, each
/// selected host was eligible, and NoValidHost comes only when no eligible host has
/// room left. Limits are recomputed here independently of `ComputeHost.limits`.
@Suite struct SchedulerPropertyTests {
    static let ratios: [Double] = [0.5, 1.0, 1.5, 2.0, 4.0, 16.0]

    static func randomHost(_ index: Int, _ rng: inout SplitMix64) -> ComputeHost {
        let capacity = ResourceAmounts(
            vcpus: Int.random(in: 1...32, using: &rng), memoryMiB: 256 * Int.random(in: 1...128, using: &rng),
            diskGiB: Int.random(in: 10...500, using: &rng))
        let reserved = ResourceAmounts(
            vcpus: Int.random(in: 0...1, using: &rng), memoryMiB: [0, 512].randomElement(using: &rng)!,
            diskGiB: Int.random(in: 0...5, using: &rng))
        let ratios = AllocationRatios(
            cpu: ratios.randomElement(using: &rng)!, ram: ratios.randomElement(using: &rng)!,
            disk: ratios.randomElement(using: &rng)!)
        var host = Fixture.host(
            "h\(index)", reserved: reserved, ratios: ratios, enabled: Int.random(in: 0..<8, using: &rng) != 0,
            heartbeatAge: [0, 10, 30, 59, 60, 61, 600].randomElement(using: &rng)!)
        host.capacity = capacity
        let limits = independentLimits(host)
        // Usually within the limits; sometimes over (a ratio lowered under running load).
        let fill = [0.0, 0.25, 0.5, 0.9, 1.0, 1.5].randomElement(using: &rng)!
        func used(_ limit: Int) -> Int { Int.random(in: 0...max(0, Int(Double(limit) * fill)), using: &rng) }
        host.usage = ResourceAmounts(vcpus: used(limits.vcpus), memoryMiB: used(limits.memoryMiB), diskGiB: used(limits.diskGiB))
        return host
    }

    static func randomFlavor(_ rng: inout SplitMix64) -> Flavor {
        Fixture.flavor(
            vcpus: Int.random(in: 1...8, using: &rng), memoryMiB: [256, 512, 1_024, 2_048, 4_096].randomElement(using: &rng)!,
            diskGiB: [0, 1, 10, 20, 40].randomElement(using: &rng)!, ephemeralGiB: [0, 0, 5].randomElement(using: &rng)!,
            swapMiB: [0, 0, 512, 1_024, 1_500].randomElement(using: &rng)!)
    }

    static func independentLimits(_ host: ComputeHost) -> ResourceAmounts {
        func limit(_ total: Int, _ reserved: Int, _ ratio: Double) -> Int {
            Int((Double(total - reserved) * ratio).rounded(.down))
        }
        return ResourceAmounts(
            vcpus: limit(host.capacity.vcpus, host.reserved.vcpus, host.allocationRatios.cpu),
            memoryMiB: limit(host.capacity.memoryMiB, host.reserved.memoryMiB, host.allocationRatios.ram),
            diskGiB: limit(host.capacity.diskGiB, host.reserved.diskGiB, host.allocationRatios.disk))
    }

    static func independentAmounts(_ flavor: Flavor) -> ResourceAmounts {
        let swapGiB = Int((Double(flavor.swapMiB) / 1024).rounded(.up))
        return ResourceAmounts(
            vcpus: flavor.vcpus, memoryMiB: flavor.memoryMiB,
            diskGiB: flavor.rootDiskGiB + flavor.ephemeralGiB + swapGiB)
    }

    /// Whether one more instance of `amounts` fits on `host` with `usage`: every requested
    /// resource within the limit, and none larger than the host.
    static func fits(_ amounts: ResourceAmounts, _ host: ComputeHost, usage: ResourceAmounts) -> Bool {
        let limits = independentLimits(host)
        let rows = [
            (amounts.vcpus, usage.vcpus, limits.vcpus, host.capacity.vcpus),
            (amounts.memoryMiB, usage.memoryMiB, limits.memoryMiB, host.capacity.memoryMiB),
            (amounts.diskGiB, usage.diskGiB, limits.diskGiB, host.capacity.diskGiB),
        ]
        return rows.allSatisfy { amount, used, limit, total in amount == 0 || (used + amount <= limit && amount <= total) }
    }

    static func isUp(_ host: ComputeHost) -> Bool {
        host.enabled && abs(Fixture.now.timeIntervalSince(host.lastHeartbeat)) <= 60
    }

    static func groupAllows(_ group: ServerGroupPlacement?, _ members: [String], _ hostID: String) -> Bool {
        switch group?.policy {
        case .antiAffinity?: !members.contains(hostID)
        case .affinity?: members.isEmpty || members.contains(hostID)
        default: true
        }
    }

    static let groups: [ServerGroupPlacement?] = [
        nil, nil, ServerGroupPlacement(policy: .antiAffinity), ServerGroupPlacement(policy: .affinity),
        ServerGroupPlacement(policy: .softAntiAffinity), ServerGroupPlacement(policy: .softAffinity),
    ]

    struct Scenario {
        var hosts: [ComputeHost]
        var flavor: Flavor
        var group: ServerGroupPlacement?
        var count: Int
        var scheduler: Scheduler

        var request: SchedulingRequest { Fixture.request(flavor, count: count, group: group) }
    }

    static func scenario(seed: Int) -> Scenario {
        var rng = SplitMix64(seed: UInt64(seed))
        let hosts = (0..<Int.random(in: 1...8, using: &rng)).map { randomHost($0, &rng) }
        let flavor = randomFlavor(&rng)
        let group = groups.randomElement(using: &rng)!
        let count = Int.random(in: 1...16, using: &rng)
        let pack = Bool.random(using: &rng)
        let scheduler = Fixture.scheduler(
            weighers: pack ? SchedulerConfiguration.packWeighers : SchedulerConfiguration.spreadWeighers)
        return Scenario(hosts: hosts, flavor: flavor, group: group, count: count, scheduler: scheduler)
    }

    static let seeds = Array(1...100)

    @Test(arguments: seeds)
    func selectionsNeverExceedCapacityTimesRatio(seed: Int) throws {
        let scenario = Self.scenario(seed: seed)
        let (hosts, flavor, group, count, scheduler) = (
            scenario.hosts, scenario.flavor, scenario.group, scenario.count, scenario.scheduler
        )
        let amounts = Self.independentAmounts(flavor)
        let request = scenario.request

        func check(_ selections: [HostSelection]) -> [String: ResourceAmounts] {
            var usage = Dictionary(uniqueKeysWithValues: hosts.map { ($0.id, $0.usage) })
            var members = group?.memberHostIDs ?? []
            let byID = Dictionary(uniqueKeysWithValues: hosts.map { ($0.id, $0) })
            for selection in selections {
                guard let host = byID[selection.hostID], let used = usage[selection.hostID] else {
                    Issue.record("seed \(seed): unknown host \(selection.hostID)")
                    continue
                }
                #expect(selection.amounts == amounts, "seed \(seed)")
                #expect(Self.isUp(host), "seed \(seed): \(host.id) is down or disabled")
                #expect(Self.groupAllows(group, members, host.id), "seed \(seed): group policy broken on \(host.id)")
                #expect(Self.fits(amounts, host, usage: used), "seed \(seed): \(host.id) over-committed")
                usage[host.id] = used + amounts
                members.append(host.id)
            }
            return usage
        }

        do {
            let selections = try scheduler.select(request, from: hosts, now: Fixture.now)
            #expect(selections.count == count, "seed \(seed)")
            _ = check(selections)
        } catch {
            // The instances before the failing one are placed exactly as a request for
            // that many would place them, and after them no eligible host has room.
            #expect(error.instanceIndex < count, "seed \(seed)")
            let placed = try scheduler.select(
                Fixture.request(flavor, count: error.instanceIndex, group: group), from: hosts, now: Fixture.now)
            #expect(placed.count == error.instanceIndex, "seed \(seed)")
            let usage = check(placed)
            let members = (group?.memberHostIDs ?? []) + placed.map(\.hostID)
            for host in hosts where Self.isUp(host) && Self.groupAllows(group, members, host.id) {
                #expect(
                    !Self.fits(amounts, host, usage: usage[host.id] ?? host.usage),
                    "seed \(seed): NoValidHost although \(host.id) had room")
            }
        }
    }

    /// The randomized cases must exercise both outcomes, or the property is vacuous.
    @Test func seedsCoverSuccessAndFailure() {
        let outcomes = Self.seeds.map { seed in
            let scenario = Self.scenario(seed: seed)
            return (try? scenario.scheduler.select(scenario.request, from: scenario.hosts, now: Fixture.now)) != nil
        }
        #expect(outcomes.filter { $0 }.count >= 10)
        #expect(outcomes.filter { !$0 }.count >= 10)
    }
}
