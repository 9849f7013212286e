import Foundation
import StratusCore

/// The hosts `stratus serve --hosts N` runs in process: `sim-1` … `sim-N`,
/// each a modest hypervisor, reporting `fake` as Nova's fake driver does.
public enum SimulatedHosts {
    public static let capacity = ResourceAmounts(vcpus: 16, memoryMiB: 65_536, diskGiB: 1_000)

    public static func make(count: Int, zone: String = "nova", now: Date = Date()) -> [ComputeHost] {
        (0..<max(0, count)).map { index in
            let name = "sim-\(index + 1)"
            return ComputeHost(
                id: name, name: name, availabilityZone: zone, lastHeartbeat: now, capacity: capacity,
                supportedInstances: [SupportedInstance(architecture: "x86_64", hypervisorType: "fake", vmMode: "hvm")],
                traits: HostTraits(hasHardwareRNG: true, liveMigration: MigrationEndpoint(address: name)))
        }
    }
}
