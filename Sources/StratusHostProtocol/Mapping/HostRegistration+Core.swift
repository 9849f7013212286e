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

    /// The most of any one resource a host may offer (2^40): far beyond any machine,
    /// and small enough that the cloud's sums over a million hosts stay in range.
    public static let maxCapacity = 1 << 40
    /// The longest text field a registration carries (zone, addresses, names, versions).
    public static let maxTextLength = 255
    /// The most kinds of guest a host may say it runs.
    public static let maxSupportedInstances = 64

    /// The controller's side: the host named by its certificate, as it registers.
    /// Negative or impossible capacities, and text fields that are empty, longer than
    /// `maxTextLength` or carry control characters, are refused; attestation is never
    /// taken from the host's word.
    public func host(named name: String, now: Date) throws -> ComputeHost {
        let amounts = [("vcpus", capacity.vcpus), ("memory_mib", capacity.memoryMib), ("disk_gib", capacity.diskGib)]
        if let (field, value) = amounts.first(where: { $0.1 < 0 }) {
            throw HostProtocolError(field: "capacity.\(field)", problem: "\(value) is negative")
        }
        if let (field, value) = amounts.first(where: { $0.1 > Self.maxCapacity }) {
            throw HostProtocolError(field: "capacity.\(field)", problem: "\(value) is more than \(Self.maxCapacity)")
        }
        guard supportedInstances.count <= Self.maxSupportedInstances else {
            throw HostProtocolError(field: "supported_instances", problem: "more than \(Self.maxSupportedInstances)")
        }
        var texts: [(String, String)] = [("agent_version", agentVersion)]
        texts += [("availability_zone", availabilityZone), ("migration_address", migrationAddress),
                  ("migration_transport", migrationTransport)].compactMap { field, value in value.map { (field, $0) } }
        for kind in supportedInstances {
            texts += [("supported_instances.architecture", kind.architecture), ("supported_instances.hypervisor_type", kind.hypervisorType),
                      ("supported_instances.vm_mode", kind.vmMode)]
        }
        for (field, value) in texts where value.isEmpty || value.count > Self.maxTextLength
            || value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw HostProtocolError(field: field, problem: "must be 1 to \(Self.maxTextLength) characters, without control characters")
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
