import Foundation

/// Stratus volumes have no block storage backend yet (they are records), so
/// there is nothing a real guest could be given: the attach fails with a reason
/// the server's instance action shows, and the volume stays available.
extension QEMUDriver {
    public func attachVolume(instanceID: String, volumeID: String, device: String) async throws {
        throw DriverError("The qemu driver cannot attach volume \(volumeID): volumes have no block storage backend yet")
    }

    /// Nothing was ever attached.
    public func detachVolume(instanceID: String, volumeID: String) async throws {}
}
