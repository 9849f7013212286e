import Foundation
import StratusCore

/// The port an agent drives guests through. `SimulatedDriver` (the embedded
/// default) and `QEMUDriver` (real guests through QEMU and QMP) implement it. Every call is
/// idempotent, so a reconciler can repeat it after a crash: spawning a guest
/// that exists, or destroying one that does not, is success.
public protocol HypervisorDriver: Sendable {
    /// A short name for logs and the hypervisor API (`simulated`, `qemu`).
    var kind: String { get }
    /// Creates and starts the guest; an existing guest is powered on.
    func spawn(_ guest: GuestSpec) async throws
    /// Stops and removes the guest and its local disks.
    func destroy(instanceID: String) async throws
    func powerOn(instanceID: String) async throws
    /// ACPI shutdown, then a hard stop after the driver's timeout.
    func powerOff(instanceID: String) async throws
    func reboot(instanceID: String, hard: Bool) async throws
    func pause(instanceID: String) async throws
    func unpause(instanceID: String) async throws
    func suspend(instanceID: String) async throws
    func resume(instanceID: String) async throws
    /// The tail of the guest's serial console, at most `lines` lines when given.
    func consoleOutput(instanceID: String, lines: Int?) async throws -> String
    /// The guest's root disk as it is now, streamed (a snapshot's data). A guest that
    /// is not here is an error: there is nothing to copy.
    func snapshot(instanceID: String) async throws -> ImageDataChunks
    /// What is actually on this host, by instance id: observed state. A guest
    /// waiting for an incoming migration shows as paused.
    func observedGuests() async throws -> [String: PowerState]
    /// What this host keeps about the guest (`GuestSpec.record`, kept since its
    /// spawn), nil when the guest is not here or was made without one.
    func guestRecord(instanceID: String) async throws -> GuestRecord?

    /// Live migration, destination: starts a guest like `guest` that waits for
    /// the incoming state, and returns where it listens (`tcp:address:port`).
    /// Repeating it while the guest waits returns the same place.
    func prepareIncoming(_ guest: GuestSpec, tls: Bool) async throws -> String
    /// Live migration, source: sends the guest to `uri` and returns once the
    /// hypervisor reports the transfer complete and the guest's process here has
    /// ended (its folder stays until `destroy`). A guest already sent there is success.
    /// Its `consoleOutput` stays readable until `destroy`: the agent hands it on.
    func migrate(instanceID: String, to uri: String, tls: Bool) async throws
    /// Live migration, destination, after the transfer: returns once the guest
    /// runs here (or is paused, as it was on the source); throws if it does not.
    /// From then on `consoleOutput` shows `console` (what the guest wrote on the
    /// source) before whatever the guest writes here, even what it wrote before
    /// this call. Repeating it keeps one copy.
    func finishIncoming(instanceID: String, console: ConsoleHistory) async throws

    /// Cold migration or resize, source: serves the powered-off guest's disk for the
    /// destination to copy (a `spawn` whose spec names it) and returns where; nil
    /// when the guest has no disk of its own. Repeating it returns the same place;
    /// the export ends when the guest is powered on or destroyed.
    func exportDisk(instanceID: String) async throws -> String?

    /// Makes the guest see the volume at `device` (hot-plugged while it runs).
    /// A volume already attached is success.
    func attachVolume(instanceID: String, volumeID: String, device: String) async throws
    /// Takes the volume away from the guest. A volume not attached is success.
    func detachVolume(instanceID: String, volumeID: String) async throws
}

/// What a guest is made of, as the driver needs it.
public struct GuestSpec: Sendable, Equatable {
    public var instanceID: String
    public var name: String
    public var vcpus: Int
    public var memoryMiB: Int
    public var imageID: String
    /// The image's `kernel_id` / `ramdisk_id` (AKI/ARI beside an AMI), "" without.
    public var kernelID: String
    public var ramdiskID: String
    public var userData: String?
    /// The virtio-rng device, nil for none.
    public var rng: GuestRNG?
    /// The flavor's root disk; 0: the image's own size.
    public var rootDiskGiB: Int
    /// What the config drive tells the guest about itself.
    public var metadata: GuestMetadata
    /// A moved guest's disk to start from instead of a fresh overlay: the source's
    /// export (`exportDisk`), nil for a new guest.
    public var sourceDiskURI: String?
    /// Its ports, one NIC each, in order (the host agent asks the control plane).
    public var interfaces: [GuestInterface] = []
    /// Kept by the driver for as long as the guest lives, so a control plane that
    /// lost the server (a restore) can adopt the guest; nil: none is kept.
    public var record: GuestRecord?

    public init(
        instanceID: String, name: String = "", vcpus: Int, memoryMiB: Int, imageID: String = "",
        kernelID: String = "", ramdiskID: String = "", userData: String? = nil, rng: GuestRNG? = nil,
        rootDiskGiB: Int = 0, metadata: GuestMetadata = GuestMetadata()
    ) {
        self.instanceID = instanceID
        self.name = name
        self.vcpus = vcpus
        self.memoryMiB = memoryMiB
        self.imageID = imageID
        self.kernelID = kernelID
        self.ramdiskID = ramdiskID
        self.userData = userData
        self.rng = rng
        self.rootDiskGiB = rootDiskGiB
        self.metadata = metadata
    }

    /// The instance's guest: the flavor and the image's `hw_*` properties kept with
    /// the instance decide the RNG together (`GuestRNG.requested`).
    public init(_ instance: Instance) {
        self.init(HostGuest(instance))
    }

    /// The guest as its host was told of it.
    public init(_ guest: HostGuest) {
        let record = guest.record
        self.init(
            instanceID: guest.id, name: record.name, vcpus: record.vcpus, memoryMiB: record.memoryMiB,
            imageID: record.imageID, kernelID: record.kernelID, ramdiskID: record.ramdiskID, userData: guest.userData,
            rng: GuestRNG.requested(flavorExtraSpecs: record.flavorExtraSpecs, imageProperties: record.imageHardware),
            rootDiskGiB: record.rootDiskGiB, metadata: GuestMetadata(guest))
        self.record = record
        if let move = guest.move, move.sourceHostID != guest.hostID, case .exported(let uri)? = move.sourceDisk {
            sourceDiskURI = uri
        }
    }
}

/// A driver call that failed for a reason worth showing the user (the fault).
public struct DriverError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
