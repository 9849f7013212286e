import Foundation

extension ImageTrustPolicy {
    /// The profiles by the names operators type (`stratus serve --image-trust`).
    public static let profiles: [String: ImageTrustPolicy] = [
        "private-cloud": .privateCloud,
        "public-cloud": .publicCloud,
    ]
}
