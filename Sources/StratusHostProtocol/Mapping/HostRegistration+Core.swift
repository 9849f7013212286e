import Foundation
import StratusCore

extension HostRegistration {
    /// The agent's side: what its host offers.
    public init(_ host: ComputeHost, agentVersion: String) {
        self.init(
            availabilityZone: host.availabilityZone,
            capacity: Resources(vcpus: host.capacity.vcpus, memoryMib: host.capacity.memoryMiB, diskGib: host.capacity.diskGiB),
            supportedInstances: host.supportedInstances.map {
                SupportedInstanceMessage(architecture: $0.architecture, hypervisorType: $0.hypervisorType, vmMode: $0.vmMode)
            },
            hasHardwareRng: host.traits.hasHardwareRNG, migrationAddress: host.traits.liveMigration?.address,
            migrationTransport: host.traits.liveMigration?.transport.rawValue, agentVersion: agentVersion)
    }

    /// The controller's side: the host named by its certificate, as it registers.
    /// Negative capacities are refused; attestation is never taken from the host's word.
    public func host(named name: String, now: Date) throws -> ComputeHost {
        let amounts = [("vcpus", capacity.vcpus), ("memory_mib", capacity.memoryMib), ("disk_gib", capacity.diskGib)]
        if let (field, value) = amounts.first(where: { $0.1 < 0 }) {
            throw HostProtocolError(field: "capacity.\(field)", problem: "\(value) is negative")
        }
        if let zone = availabilityZone, zone.isEmpty || zone.count > 255 {
            throw HostProtocolError(field: "availability_zone", problem: "must be 1 to 255 characters")
        }
        var migration: MigrationEndpoint?
        if let migrationAddress {
            let name = migrationTransport ?? MigrationEndpoint.Transport.tls.rawValue
            guard let transport = MigrationEndpoint.Transport(rawValue: name) else {
                throw HostProtocolError.unknown("migration_transport", name)
            }
            migration = MigrationEndpoint(address: migrationAddress, transport: transport)
        }
        return ComputeHost(
            id: name, name: name, availabilityZone: availabilityZone, lastHeartbeat: now,
            capacity: ResourceAmounts(vcpus: capacity.vcpus, memoryMiB: capacity.memoryMib, diskGiB: capacity.diskGib),
            supportedInstances: supportedInstances.map {
                SupportedInstance(architecture: $0.architecture, hypervisorType: $0.hypervisorType, vmMode: $0.vmMode)
            },
            traits: HostTraits(hasHardwareRNG: hasHardwareRng, liveMigration: migration))
    }
}
