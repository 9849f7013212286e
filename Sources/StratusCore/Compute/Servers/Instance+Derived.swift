import Foundation

extension Instance {
    /// Nova's `root_device_name` (2.3): unset until a host builds the server.
    /// Stratus guests boot from a virtio disk, so the name is libvirt's `/dev/vda`.
    public var rootDeviceName: String? {
        hostName == nil && launchedAt == nil ? nil : "/dev/vda"
    }
}
