import Foundation
import StratusCore

/// Where a host's image cache gets images from: what the image service recorded
/// of the data (what it must be) and the data itself. In process, the
/// `ImageService`; a `stratus agent` asks over the host protocol.
public protocol ImageFetcher: Sendable {
    /// What the data must be; an image that is not active, or whose record states
    /// no size and no hash a host can check, is an error.
    func expectedData(id: String) async throws -> ExpectedImageData
    func data(id: String) async throws -> ImageDataChunks
}

/// What the image service recorded about an image's data at upload, which a
/// cached copy must match byte for byte before anything boots from it.
public struct ExpectedImageData: Sendable, Equatable {
    public var imageID: String
    public var size: Int64
    /// Glance's `os_hash_value` when `os_hash_algo` is sha512.
    public var sha512: String?
    /// Glance's legacy `checksum`.
    public var md5: String?
    public var diskFormat: String?
    /// `stratus_signature_verified`: the upload checked the data against a signature.
    public var signatureVerified: Bool

    /// The record's expectation, or the reason it has none (`init?`'s nil).
    public static func of(_ image: Image) throws -> ExpectedImageData {
        guard let expected = ExpectedImageData(image) else {
            throw DriverError("Image \(image.id) has no recorded size and hash to verify its data against")
        }
        return expected
    }

    /// Nil for a record that states no size or no hash this host can check: such
    /// data could be anything, so it is not used.
    public init?(_ image: Image) {
        guard let size = image.size else { return nil }
        let sha512 = image.osHashAlgo == "sha512" ? image.osHashValue?.lowercased() : nil
        let md5 = image.checksum?.lowercased()
        guard sha512 != nil || md5 != nil else { return nil }
        self.init(
            imageID: image.id, size: size, sha512: sha512, md5: md5, diskFormat: image.diskFormat,
            signatureVerified: ImageLifecycleProperties.isVerified(image))
    }

    public init(
        imageID: String, size: Int64, sha512: String?, md5: String?, diskFormat: String? = nil,
        signatureVerified: Bool = false
    ) {
        self.imageID = imageID
        self.size = size
        self.sha512 = sha512
        self.md5 = md5
        self.diskFormat = diskFormat
        self.signatureVerified = signatureVerified
    }

    /// Why `receipt` is not this image's data, nil when it is. Every recorded hash is checked.
    public func mismatch(_ receipt: ImageDataReceipt) -> String? {
        if receipt.size != size { return "size \(receipt.size), expected \(size)" }
        if let sha512, receipt.sha512 != sha512 { return "sha512 \(receipt.sha512.prefix(16))…, expected \(sha512.prefix(16))…" }
        if let md5, receipt.md5 != md5 { return "md5 \(receipt.md5), expected \(md5)" }
        return nil
    }
}
