import Foundation

/// Failures of image decisions and use cases, worded as Glance words them.
public enum ImageError: Error, Sendable, Equatable {
    /// 400.
    case badRequest(String)
    /// 403: the caller can see the image but may not do this to it.
    case forbidden(String)
    /// 404: also what a caller gets for an image it may not see, so that an image's
    /// existence does not leak to projects it was not shared with.
    case notFound(String)
    /// 409.
    case conflict(String)
    /// 413: more data, tags, properties or members than the cloud accepts.
    case tooLarge(String)

    public static func imageNotFound(_ id: String) -> ImageError {
        .notFound("No image found with ID \(id)")
    }

    /// Glance's message for a denied policy rule (`add_image`, `publicize_image`, ...).
    public static func policyDenied(_ rule: String) -> ImageError {
        .forbidden("You are not authorized to complete \(rule) action.")
    }
}
