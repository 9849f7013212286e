import Hummingbird
import StratusCore

/// Nova's Compute API v2.1 at `/compute`, microversions 2.1–2.80: version
/// documents, microversion negotiation and every Compute route.
public struct ComputeFront: Sendable {
    public typealias Context = OpenStackRequestContext

    let identity: IdentityService
    let compute: ComputeService
    /// Behind the image proxy (`/images`): Glance's own visibility and policy.
    let images: ImageService
    /// Behind the network proxies (`/os-security-groups`, `/os-networks`, 2.1–2.35).
    let network: NetworkService
    /// Behind the volume proxy (`/os-volumes`, 2.1–2.35) and the attachments' views.
    let volumes: VolumeService
    /// Behind `os-stratus-join-tokens` (Stratus's own: enrolling remote hosts).
    let enrollment: HostEnrollmentService?
    /// `<public URL>/compute`, for links.
    let computeURL: String
    let render: ComputeRenderer

    public init(
        identity: IdentityService, compute: ComputeService, images: ImageService, network: NetworkService,
        volumes: VolumeService, enrollment: HostEnrollmentService? = nil, computeURL: String, imageURL: String
    ) {
        self.volumes = volumes
        self.enrollment = enrollment
        self.identity = identity
        self.compute = compute
        self.images = images
        self.network = network
        self.computeURL = computeURL
        self.render = ComputeRenderer(computeURL: computeURL, imageURL: imageURL)
    }

    public func register(on router: Router<Context>) {
        router.get("compute") { _, _ in try Response.json(versionList()) }
        router.group("compute/v2.1").add(middleware: ComputeVersionMiddleware())
            .get { _, _ in try Response.json(["version": versionDocument()]) }
        router.get("compute/v2") { _, _ in try Response.json(["version": legacyVersionDocument()]) }
        // Token first, as keystonemiddleware runs before Nova: a 401 carries no version headers.
        addAPIRoutes(router.group("compute/v2.1")
            .add(middleware: TokenAuthMiddleware(identity: identity))
            .add(middleware: ComputeVersionMiddleware())
            .add(middleware: TrailingSlashMiddleware()))
        // Nova still serves the v2.0 API, deprecated, as v2.1 without microversions.
        addAPIRoutes(router.group("compute/v2")
            .add(middleware: TokenAuthMiddleware(identity: identity))
            .add(middleware: ComputeVersionMiddleware(legacyV2: true))
            .add(middleware: TrailingSlashMiddleware()))
    }

    func addAPIRoutes(_ api: RouterGroup<Context>) {
        addFlavorRoutes(api)
        addFlavorExtraRoutes(api)
        addHostRoutes(api)
        addZoneRoutes(api)
        addKeypairRoutes(api)
        addServerRoutes(api)
        addServerActionRoutes(api)
        addServerNetworkingRoutes(api)
        addServerMetadataRoutes(api)
        addServerTagRoutes(api)
        addVolumeAttachmentRoutes(api)
        addVolumeProxyRoutes(api)
        addExternalEventRoutes(api)
        addInstanceActionRoutes(api)
        addQuotaRoutes(api)
        addServerGroupRoutes(api)
        addImageRoutes(api)
        addImageMetadataRoutes(api)
        addSecurityGroupProxyRoutes(api)
        addNetworkProxyRoutes(api)
        addServerPasswordRoutes(api)
        addMigrationRoutes(api)
        addServerTopologyRoutes(api)
        addLegacyHostRoutes(api)
        addUsageRoutes(api)
        addAggregateRoutes(api)
        addJoinTokenRoutes(api)
    }

    /// `GET /compute/`: every API version this endpoint serves.
    func versionList() -> JSONValue {
        ["versions": [legacyVersionSummary(), versionSummary()]]
    }

    /// Nova's entry for the deprecated v2.0 API (no microversions).
    func legacyVersionSummary() -> JSONValue {
        [
            "id": "v2.0", "status": "DEPRECATED", "version": "", "min_version": "",
            "updated": "2025-07-04T12:00:00Z",
            "links": [["rel": "self", "href": .string(computeURL + "/v2/")]],
        ]
    }

    func legacyVersionDocument() -> JSONValue {
        guard case .object(var document) = legacyVersionSummary() else { return legacyVersionSummary() }
        document["links"] = [
            ["rel": "self", "href": .string(computeURL + "/v2/")],
            ["rel": "describedby", "type": "text/html", "href": "http://docs.openstack.org/"],
        ]
        document["media-types"] = [
            ["base": "application/json", "type": "application/vnd.openstack.compute+json;version=2"],
        ]
        return .object(document)
    }

    func versionSummary() -> JSONValue {
        [
            "id": "v2.1", "status": "CURRENT",
            "version": .string(ComputeAPIVersions.maximum.description),
            "min_version": .string(ComputeAPIVersions.minimum.description),
            "updated": "2013-07-23T11:33:21Z",
            "links": [["rel": "self", "href": .string(computeURL + "/v2.1/")]],
        ]
    }

    /// `GET /compute/v2.1/`.
    func versionDocument() -> JSONValue {
        guard case .object(var document) = versionSummary() else { return versionSummary() }
        document["links"] = [
            ["rel": "self", "href": .string(computeURL + "/v2.1/")],
            ["rel": "describedby", "type": "text/html", "href": "http://docs.openstack.org/"],
        ]
        document["media-types"] = [
            ["base": "application/json", "type": "application/vnd.openstack.compute+json;version=2.1"],
        ]
        return .object(document)
    }
}
