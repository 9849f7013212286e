import Foundation

/// The answer to "may this viewer do this to this image", already in the form the
/// API returns: denials carry Glance's status and words, and an image the viewer may
/// not see is `notFound`, never `forbidden`, so its existence does not leak.
public enum ImageDecision: Sendable, Equatable {
    case allowed
    /// Allowed, but the image holds no readable data yet (queued, saving, uploading,
    /// importing, killed); Glance answers a download with 204 No Content.
    case noData
    case denied(ImageError)

    /// True for `.noData` too: the viewer may download, there is just nothing yet.
    public var isAllowed: Bool {
        if case .denied = self { return false }
        return true
    }

    /// The thrown form, for use cases: `.noData` is not an error here.
    public func enforce() throws(ImageError) {
        if case .denied(let error) = self { throw error }
    }
}
