import Foundation

/// What the image service recorded of an image's data, for the host's cache to
/// check what it downloads against before anything boots from it. Only images a
/// guest of the asking host boots from are served.
public struct HostImage: Codable, Sendable, Equatable {
    public var id: String
    public var size: Int64
    public var sha512: String?
    public var md5: String?
    public var diskFormat: String?
    /// The upload checked the data against a signature (`stratus_signature_verified`).
    public var signatureVerified: Bool

    public init(id: String, size: Int64, sha512: String?, md5: String?, diskFormat: String?, signatureVerified: Bool) {
        self.id = id
        self.size = size
        self.sha512 = sha512
        self.md5 = md5
        self.diskFormat = diskFormat
        self.signatureVerified = signatureVerified
    }
}
