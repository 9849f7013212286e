import Foundation
import StratusAgent
import StratusCore

/// The hosts `stratus serve` runs in process, each with its driver:
/// `sim-N` with in-memory guests, or `qemu-N` with real ones (`--driver qemu`),
/// each QEMU host keeping its guests under `<qemuDirectory>/<host>/` and its
/// live-migration credentials (from the cloud's CA) in `<host>/pki/`. All of
/// them receive migrations on the one migration address, each QEMU on its own port.
enum InProcessHosts {
    static func make(_ cloud: StratusCloud) throws -> [(ComputeHost, any HypervisorDriver)] {
        let configuration = cloud.configuration
        let hosts = SimulatedHosts.make(count: configuration.simulatedHosts)
        switch configuration.hostDriver {
        case .simulated:
            return hosts.map { ($0, SimulatedDriver(address: $0.name)) }
        case .qemu:
            // One cache for every qemu-N: they share this machine's disk.
            let cache = ImageCache(
                directory: configuration.qemuDirectory + "/image-cache", fetcher: ImageServiceImageFetcher(images: cloud.images),
                requireVerifiedSignature: configuration.imageBoot.requireVerifiedSignature)
            let images = CachedGuestImages(cache: cache)
            let guest = configuration.testGuestDirectory
            // Every qemu-N shares this machine: each offers what the machine has.
            let hardwareRNG = HostProbe.localHardwareRNG()
            try FileManager.default.createDirectory(atPath: configuration.qemuDirectory, withIntermediateDirectories: true)
            let capacity = HostProbe.localCapacity(dataDirectory: configuration.qemuDirectory)
            let bridge = try configuration.qemuGuestBridge()
            let authority = configuration.migrationTransport == .tls
                ? try MigrationPKI.authority(dataDirectory: configuration.dataDirectory) : nil
            return try hosts.enumerated().map { index, simulated in
                var host = simulated
                host.id = "qemu-\(index + 1)"
                host.name = host.id
                host.supportedInstances = [SupportedInstance(architecture: "x86_64", hypervisorType: "qemu", vmMode: "hvm")]
                host.traits.hasHardwareRNG = hardwareRNG
                host.capacity = capacity
                let folder = configuration.qemuDirectory + "/" + host.id
                let migration = QEMUMigrationSettings(
                    address: configuration.migrationAddress, transport: configuration.migrationTransport,
                    pkiDirectory: folder + "/pki")
                if let authority {
                    try MigrationPKI.issue(
                        authority, hostName: host.name, address: migration.address, into: migration.pkiDirectory)
                }
                host.traits.liveMigration = migration.endpoint
                let driver = try QEMUDriver(
                    configuration: .init(
                        dataDirectory: folder,
                        probeGuest: GuestImage(kernel: guest + "/vmlinuz", initrd: guest + "/initrd.gz"),
                        migration: migration,
                        entropySource: configuration.rngEGDSocket.map { .egd(socket: $0) },
                        guestBridge: bridge),
                    images: images)
                return (host, driver)
            }
        }
    }
}

extension StratusConfiguration {
    /// `--guest-bridge` as the QEMU hosts and the bridge's setup use it.
    func qemuGuestBridge() throws -> QEMUGuestBridge? {
        try guestBridge.map { name in
            guard let bridge = QEMUGuestBridge(name: name) else {
                throw ConfigurationError("--guest-bridge \(name): no ip tool (iproute2) on this machine")
            }
            return bridge
        }
    }
}
