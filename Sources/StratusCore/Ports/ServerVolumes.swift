import Foundation

/// Compute's view of the volume service: attachments planned as store changes,
/// so a server's change and its volumes' are one transaction, and read back for
/// views. Errors are compute's (Nova's words).
public protocol ServerVolumes: Sendable {
    /// The attachments of these servers, by server id, oldest first.
    func attachments(of instanceIDs: [String]) async throws -> [String: [VolumeAttachment]]
    /// Checks that the caller may attach `volumeID` to the server and that it is
    /// free, and plans the attachment (the next free device unless one is asked for).
    func planAttach(_ caller: Caller, volumeID: String, to instance: Instance, request: VolumeAttachRequest) async throws
        -> (VolumeAttachment, [StoreChange])
    /// A finished delete: attachments go, and the volumes marked
    /// `delete_on_termination` with them.
    func releaseVolumes(of instance: Instance) async throws -> [StoreChange]
    /// Whether the caller sees a volume of that id.
    func volumeExists(_ caller: Caller, id: String) async throws -> Bool
}

/// What an attach asks for beyond the volume.
public struct VolumeAttachRequest: Sendable, Equatable {
    /// Nova's libvirt driver does not honour it; kept only when it is free.
    public var device: String?
    public var tag: String?
    public var deleteOnTermination: Bool

    public init(device: String? = nil, tag: String? = nil, deleteOnTermination: Bool = false) {
        self.device = device
        self.tag = tag
        self.deleteOnTermination = deleteOnTermination
    }
}

/// A compute service without block storage (unit tests): no server has volumes,
/// and every volume is unknown.
public struct NoServerVolumes: ServerVolumes {
    public init() {}

    public func attachments(of instanceIDs: [String]) async throws -> [String: [VolumeAttachment]] { [:] }
    public func planAttach(_ caller: Caller, volumeID: String, to instance: Instance, request: VolumeAttachRequest) async throws
        -> (VolumeAttachment, [StoreChange]) {
        throw ComputeError.notFound("Volume \(volumeID) could not be found.")
    }
    public func releaseVolumes(of instance: Instance) async throws -> [StoreChange] { [] }
    public func volumeExists(_ caller: Caller, id: String) async throws -> Bool { false }
}
