import Foundation

/// The host's entropy behind guests' virtio-rng devices.
public enum QEMUEntropySource: Sendable, Equatable {
    /// A character device or file QEMU reads (`rng-random`).
    case file(String)
    /// An entropy-gathering daemon's unix socket (`rng-egd`): QEMU asks it for
    /// bytes, so a host can feed guests from a hardware source it does not expose
    /// as a device, or from an entropy service. A missing socket fails the start.
    case egd(socket: String)
}
