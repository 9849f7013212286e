import Foundation

/// A Block Storage volume (Cinder's). Its status is not stored on its own: a
/// volume that exists (`lifecycle` available) shows what its attachment is
/// doing, so the volume and its attachment can never disagree.
public struct Volume: Sendable, Equatable, Codable, Identifiable {
    /// What the volume row records; attachments decide the rest of the status.
    public enum Lifecycle: String, Sendable, Codable {
        case available
        case error
    }

    public var id: String
    public var projectID: String
    public var userID: String
    public var name: String?
    public var description: String?
    public var sizeGiB: Int
    public var availabilityZone: String
    public var lifecycle: Lifecycle
    public var metadata: [String: String]
    /// Cinder's flag (`os-set_bootable`); no volume boots a server here yet.
    public var bootable: Bool
    public var createdAt: Date
    public var updatedAt: Date?
    /// The compare-and-set token.
    public var revision: Int

    public init(
        id: String, projectID: String, userID: String, name: String?, description: String?, sizeGiB: Int,
        availabilityZone: String, lifecycle: Lifecycle = .available, metadata: [String: String] = [:],
        bootable: Bool = false, createdAt: Date, updatedAt: Date? = nil, revision: Int = 1
    ) {
        self.bootable = bootable
        self.id = id
        self.projectID = projectID
        self.userID = userID
        self.name = name
        self.description = description
        self.sizeGiB = sizeGiB
        self.availabilityZone = availabilityZone
        self.lifecycle = lifecycle
        self.metadata = metadata
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.revision = revision
    }

    /// Cinder's visibility: administrators see every volume, others their project's.
    public func isVisible(to auth: AuthContext) -> Bool {
        auth.isCloudAdmin || projectID == auth.project?.id
    }

    /// Cinder's `status`: the attachment's progress while there is one.
    public func status(attachment: VolumeAttachment?) -> String {
        guard lifecycle == .available, let attachment else { return lifecycle.rawValue }
        switch attachment.state {
        case .attaching: return "attaching"
        case .attached: return "in-use"
        case .detaching: return "detaching"
        }
    }
}

/// A volume attached to a server (Nova's block device mapping for it). A volume
/// has at most one (no multiattach); the agent of the server's host makes the
/// guest see it (`attaching` → `attached`) and let it go (`detaching` → gone).
public struct VolumeAttachment: Sendable, Equatable, Codable, Identifiable {
    public enum State: String, Sendable, Codable {
        case attaching, attached, detaching
    }

    /// Cinder's attachment id (Nova's API names an attachment by its volume id).
    public var id: String
    public var volumeID: String
    public var instanceID: String
    /// `/dev/vdb`, `/dev/vdc`, ...: the root disk is `/dev/vda`.
    public var device: String
    /// 2.49 device role tag.
    public var tag: String?
    /// 2.79: the volume goes when the server does.
    public var deleteOnTermination: Bool
    public var state: State
    /// The request that asked for the current state (attach or detach), and
    /// when: the instance action whose event the agent finishes.
    public var requestID: String
    public var requestedAt: Date
    public var createdAt: Date
    public var attachedAt: Date?

    public init(
        id: String, volumeID: String, instanceID: String, device: String, tag: String? = nil,
        deleteOnTermination: Bool = false, state: State = .attaching, requestID: String, createdAt: Date,
        attachedAt: Date? = nil
    ) {
        self.requestedAt = createdAt
        self.id = id
        self.volumeID = volumeID
        self.instanceID = instanceID
        self.device = device
        self.tag = tag
        self.deleteOnTermination = deleteOnTermination
        self.state = state
        self.requestID = requestID
        self.createdAt = createdAt
        self.attachedAt = attachedAt
    }

    /// The next free `/dev/vdX` after the root disk and the devices already taken.
    public static func nextDevice(taken: [String]) -> String? {
        let used = Set(taken)
        for letter in "bcdefghijklmnopqrstuvwxyz" where !used.contains("/dev/vd\(letter)") {
            return "/dev/vd\(letter)"
        }
        return nil
    }
}

/// What a create asks for.
public struct VolumeDraft: Sendable, Equatable {
    public var name: String?
    public var description: String?
    public var sizeGiB: Int
    public var availabilityZone: String?
    public var metadata: [String: String]
    public var volumeType: String?

    public init(
        name: String? = nil, description: String? = nil, sizeGiB: Int, availabilityZone: String? = nil,
        metadata: [String: String] = [:], volumeType: String? = nil
    ) {
        self.name = name
        self.description = description
        self.sizeGiB = sizeGiB
        self.availabilityZone = availabilityZone
        self.metadata = metadata
        self.volumeType = volumeType
    }
}

/// What an update may change (nil: unchanged).
public struct VolumePatch: Sendable, Equatable {
    public var name: String??
    public var description: String??
    public var metadata: [String: String]?
    /// `os-set_bootable`.
    public var bootable: Bool?

    public init(name: String?? = nil, description: String?? = nil, metadata: [String: String]? = nil, bootable: Bool? = nil) {
        self.name = name
        self.description = description
        self.metadata = metadata
        self.bootable = bootable
    }
}
