import Foundation

/// The port an agent drives guests through. `SimulatedDriver` (the embedded
/// default) implements it today; the QEMU/QMP driver follows. Every call is
/// idempotent so a reconciler can repeat it after a crash.
public protocol HypervisorDriver: Sendable {
    /// A short name for logs and the hypervisor API (`simulated`, `qemu`).
    var kind: String { get }
    /// Starts (creating if needed) the guest; a running guest is left as it is.
    func ensureRunning(_ guest: GuestSpec) async throws
    /// Stops and removes the guest; an absent guest is success.
    func ensureAbsent(instanceID: String) async throws
    /// What is actually running here, by instance id: observed state.
    func observedGuests() async throws -> [String: GuestPowerState]
}

/// What a guest is made of, as the driver needs it.
public struct GuestSpec: Sendable, Equatable {
    public var instanceID: String
    public var vcpus: Int
    public var memoryMiB: Int

    public init(instanceID: String, vcpus: Int, memoryMiB: Int) {
        self.instanceID = instanceID
        self.vcpus = vcpus
        self.memoryMiB = memoryMiB
    }
}

/// Nova's power states, as a driver observes them.
public enum GuestPowerState: String, Sendable, Equatable {
    case running, paused, shutdown
}
