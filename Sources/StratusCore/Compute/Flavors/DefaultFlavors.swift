import Foundation

/// The flavors a fresh cloud starts with: devstack's, so `openstack server
/// create --flavor m1.tiny` and tempest's `flavor_ref = 1` work at once.
public enum DefaultFlavors {
    public static let all: [Flavor] = [
        Flavor(id: "1", name: "m1.tiny", vcpus: 1, memoryMiB: 512, rootDiskGiB: 1),
        Flavor(id: "2", name: "m1.small", vcpus: 1, memoryMiB: 2048, rootDiskGiB: 20),
        Flavor(id: "3", name: "m1.medium", vcpus: 2, memoryMiB: 4096, rootDiskGiB: 40),
        Flavor(id: "4", name: "m1.large", vcpus: 4, memoryMiB: 8192, rootDiskGiB: 80),
        Flavor(id: "5", name: "m1.xlarge", vcpus: 8, memoryMiB: 16384, rootDiskGiB: 160),
        Flavor(id: "42", name: "m1.nano", vcpus: 1, memoryMiB: 128, rootDiskGiB: 1),
        Flavor(id: "84", name: "m1.micro", vcpus: 1, memoryMiB: 192, rootDiskGiB: 1),
    ]
}
