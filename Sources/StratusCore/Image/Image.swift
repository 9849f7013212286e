import Foundation

/// A Glance v2 image's record: what the API shows and the store keeps. The data itself
/// lives behind a port; this value only describes it.
public struct Image: Sendable, Equatable, Identifiable {
    public var id: String
    public var name: String?
    public var status: ImageStatus
    public var visibility: ImageVisibility
    /// The owning project. Glance allows none (an image made with an unscoped admin
    /// token); here an ownerless image is mutable by administrators only and its
    /// visibility still applies — Glance shows ownerless images to everyone.
    public var owner: String?
    /// A protected image cannot be deleted, by anyone, until it is unprotected.
    public var protected: Bool
    /// Left out of lists unless asked for (`os_hidden=true`); still reachable by id.
    /// Clouds use it to retire old builds without breaking instances booted from them.
    public var osHidden: Bool
    public var containerFormat: String?
    public var diskFormat: String?
    /// Bytes stored; nil until data is uploaded.
    public var size: Int64?
    public var virtualSize: Int64?
    /// MD5 of the data, hex: Glance's legacy `checksum`, kept for old clients.
    public var checksum: String?
    /// The multihash algorithm (`sha512`) and its hex value over the data.
    public var osHashAlgo: String?
    public var osHashValue: String?
    /// GiB of root disk and MiB of RAM the image needs to boot.
    public var minDisk: Int
    public var minRAM: Int
    public var tags: Set<String>
    /// Everything that is not a core property (`hw_*`, `os_distro`, `img_signature*`...).
    public var extraProperties: [String: String]
    public var createdAt: Date
    public var updatedAt: Date
    /// Compare-and-set token for read-modify-write in the store.
    public var version: Int

    public init(
        id: String, name: String? = nil, status: ImageStatus = .queued,
        visibility: ImageVisibility = ImageTrustPolicy.defaultVisibility, owner: String?,
        protected: Bool = false, osHidden: Bool = false, containerFormat: String? = nil,
        diskFormat: String? = nil, size: Int64? = nil, virtualSize: Int64? = nil, checksum: String? = nil,
        osHashAlgo: String? = nil, osHashValue: String? = nil, minDisk: Int = 0, minRAM: Int = 0,
        tags: Set<String> = [], extraProperties: [String: String] = [:],
        createdAt: Date = Date(timeIntervalSince1970: 0), updatedAt: Date = Date(timeIntervalSince1970: 0),
        version: Int = 0
    ) {
        self.id = id
        self.name = name
        self.status = status
        self.visibility = visibility
        self.owner = owner
        self.protected = protected
        self.osHidden = osHidden
        self.containerFormat = containerFormat
        self.diskFormat = diskFormat
        self.size = size
        self.virtualSize = virtualSize
        self.checksum = checksum
        self.osHashAlgo = osHashAlgo
        self.osHashValue = osHashValue
        self.minDisk = minDisk
        self.minRAM = minRAM
        self.tags = tags
        self.extraProperties = extraProperties
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }

    /// Moves the image to `target` if Glance's state machine allows it. Data cannot
    /// start arriving before both formats are known (a store could not tell what it
    /// holds), and going back to `queued` forgets the sizes of the data given up on.
    public mutating func moveStatus(to target: ImageStatus) throws(ImageError) {
        let next = try status.transition(to: target)
        if status == .queued || status == .uploading, [.saving, .active, .importing].contains(next) {
            let missing = [("disk_format", diskFormat), ("container_format", containerFormat)]
                .filter { $0.1?.isEmpty ?? true }.map(\.0)
            if missing.count == 1 {
                throw .badRequest("Property \(missing[0]) must be set prior to saving data.")
            } else if !missing.isEmpty {
                throw .badRequest("Properties \(missing.joined(separator: ", ")) must be set prior to saving data.")
            }
        }
        if next == .queued {
            size = nil
            virtualSize = nil
        }
        status = next
    }
}
