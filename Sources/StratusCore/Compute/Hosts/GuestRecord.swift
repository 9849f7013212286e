import Foundation

/// What a host keeps about a guest beside the hypervisor's own state, so it can
/// describe the guest to a control plane that has no record of its server (one
/// restored from a backup taken before the server was created): enough to adopt
/// it as a server — owner, size, image and the names it was created with.
/// The user data is not kept: it may be large and secret, and the guest has it.
public struct GuestRecord: Sendable, Equatable, Codable {
    public var instanceID: String
    public var name: String
    public var projectID: String
    public var userID: String
    public var imageID: String
    public var kernelID: String
    public var ramdiskID: String
    /// The image's `hw_*` properties the guest was built with.
    public var imageHardware: [String: String]
    public var flavorID: String
    public var flavorName: String
    public var vcpus: Int
    public var memoryMiB: Int
    public var rootDiskGiB: Int
    public var ephemeralGiB: Int
    public var swapMiB: Int
    public var flavorExtraSpecs: [String: String]
    public var hostname: String
    public var metadata: [String: String]
    public var keyName: String?
    public var keyData: String?
    public var reservationID: String
    public var launchIndex: Int
    public var createdAt: Date

    public init(
        instanceID: String, name: String, projectID: String, userID: String, imageID: String, kernelID: String = "",
        ramdiskID: String = "", imageHardware: [String: String] = [:], flavor: Flavor, hostname: String,
        metadata: [String: String] = [:], keyName: String? = nil, keyData: String? = nil, reservationID: String = "",
        launchIndex: Int = 0, createdAt: Date
    ) {
        self.instanceID = instanceID
        self.name = name
        self.projectID = projectID
        self.userID = userID
        self.imageID = imageID
        self.kernelID = kernelID
        self.ramdiskID = ramdiskID
        self.imageHardware = imageHardware
        flavorID = flavor.id
        flavorName = flavor.name
        vcpus = flavor.vcpus
        memoryMiB = flavor.memoryMiB
        rootDiskGiB = flavor.rootDiskGiB
        ephemeralGiB = flavor.ephemeralGiB
        swapMiB = flavor.swapMiB
        flavorExtraSpecs = flavor.extraSpecs
        self.hostname = hostname
        self.metadata = metadata
        self.keyName = keyName
        self.keyData = keyData
        self.reservationID = reservationID
        self.launchIndex = launchIndex
        self.createdAt = createdAt
    }

    public init(_ instance: Instance) {
        instanceID = instance.id
        name = instance.name
        projectID = instance.projectID
        userID = instance.userID
        imageID = instance.imageID
        kernelID = instance.kernelID
        ramdiskID = instance.ramdiskID
        imageHardware = instance.imageHardware
        flavorID = instance.flavor.id
        flavorName = instance.flavor.name
        vcpus = instance.flavor.vcpus
        memoryMiB = instance.flavor.memoryMiB
        rootDiskGiB = instance.flavor.rootDiskGiB
        ephemeralGiB = instance.flavor.ephemeralGiB
        swapMiB = instance.flavor.swapMiB
        flavorExtraSpecs = instance.flavor.extraSpecs
        hostname = instance.hostname
        metadata = instance.metadata
        keyName = instance.keyName
        keyData = instance.keyData
        reservationID = instance.reservationID
        launchIndex = instance.launchIndex
        createdAt = instance.createdAt
    }

    /// The flavor as the guest was built with it (its copy, as a server keeps one).
    public var flavor: Flavor {
        Flavor(
            id: flavorID, name: flavorName, vcpus: vcpus, memoryMiB: memoryMiB, rootDiskGiB: rootDiskGiB,
            ephemeralGiB: ephemeralGiB, swapMiB: swapMiB, extraSpecs: flavorExtraSpecs)
    }

    /// Why this record cannot make a server, nil when it can.
    public var defect: String? {
        if projectID.isEmpty || userID.isEmpty { return "it names no owner (project and user)" }
        if vcpus <= 0 || memoryMiB <= 0 || rootDiskGiB < 0 || ephemeralGiB < 0 || swapMiB < 0 {
            return "its size (\(vcpus) vCPU, \(memoryMiB) MiB) is not a flavor's"
        }
        return nil
    }
}
