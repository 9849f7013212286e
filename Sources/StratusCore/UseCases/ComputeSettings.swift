import Foundation

/// Operator choices for compute that are not policy rules.
public struct ComputeSettings: Sendable {
    /// Limits every project gets unless `os-quota-sets` overrides them.
    public var defaultQuotas: QuotaSet
    public var scheduler: SchedulerConfiguration
    /// The zone hosts report when none is configured (Nova's `default_availability_zone`).
    public var defaultZone: String
    /// Nova's `allow_resize_to_same_host` (devstack turns it on): a resize may
    /// stay on its host. A cold migration always moves.
    public var allowResizeToSameHost: Bool
    /// Which images new servers may boot from (lifecycle marks, signatures).
    public var imageBoot: ImageBootPolicy
    /// Who may migrate servers; `disabled` refuses every move whatever the policy rules say.
    public var migration: MigrationPolicy

    public init(
        defaultQuotas: QuotaSet = .novaDefaults, scheduler: SchedulerConfiguration = SchedulerConfiguration(),
        defaultZone: String = "nova", allowResizeToSameHost: Bool = true, imageBoot: ImageBootPolicy = ImageBootPolicy(),
        migration: MigrationPolicy = .administrators
    ) {
        self.migration = migration
        self.imageBoot = imageBoot
        self.allowResizeToSameHost = allowResizeToSameHost
        self.defaultQuotas = defaultQuotas
        self.scheduler = scheduler
        self.defaultZone = defaultZone
    }
}

/// For a compute service without an image service (placement tests, tools):
/// every image is unknown, so no server can be created.
public struct NoBootImages: BootImageSource {
    public init() {}
    public func bootImage(id: String) async throws -> Image? { nil }
    public func bootImageMembership(imageID: String, projectID: String) async throws -> ImageMember? { nil }
}
