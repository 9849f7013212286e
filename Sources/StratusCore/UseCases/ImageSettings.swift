import Foundation

/// Operator choices for images that are not policy rules.
public struct ImageSettings: Sendable, Equatable {
    /// Who may bring images in and hand them to other projects.
    public var trust: ImageTrustPolicy
    /// The most bytes one image may hold (Glance's `image_size_cap`); more is 413.
    public var sizeLimit: Int64
    /// Glance's `limit_param_default` and `api_limit_max`.
    public var defaultListLimit: Int
    public var maxListLimit: Int
    /// Glance's `image_tag_quota`, `image_property_quota` and `image_member_quota`.
    public var maxTags: Int
    public var maxProperties: Int
    public var maxMembers: Int

    public static let defaultSizeLimit: Int64 = 1 << 30

    public init(
        trust: ImageTrustPolicy = .privateCloud, sizeLimit: Int64 = defaultSizeLimit, defaultListLimit: Int = 25,
        maxListLimit: Int = 1000, maxTags: Int = 128, maxProperties: Int = 128, maxMembers: Int = 128
    ) {
        self.trust = trust
        self.sizeLimit = sizeLimit
        self.defaultListLimit = defaultListLimit
        self.maxListLimit = maxListLimit
        self.maxTags = maxTags
        self.maxProperties = maxProperties
        self.maxMembers = maxMembers
    }
}
