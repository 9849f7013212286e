import Foundation

/// The Image (Glance v2) use cases. The same path as identity and compute —
/// authorize → validate → plan → commit with an audit record — with two layers of
/// authorization: the policy rule by Glance's name (roles), then `ImageAccess`
/// (ownership, visibility, the operator's trust policy).
public struct ImageService: Sendable {
    let store: any ImageStore
    let data: any ImageDataStore
    let policy: PolicyEngine
    let clock: any WallClock
    let ids: any IdentifierSource
    /// The key manager's certificates, for declared signatures.
    let certificates: any CertificateStore
    public let settings: ImageSettings

    public init(
        store: any ImageStore, data: any ImageDataStore, policy: PolicyEngine, settings: ImageSettings = ImageSettings(),
        clock: any WallClock = SystemWallClock(), ids: any IdentifierSource = SystemIdentifierSource(),
        certificates: any CertificateStore = NoCertificates()
    ) {
        self.certificates = certificates
        self.store = store
        self.data = data
        self.policy = policy
        self.settings = settings
        self.clock = clock
        self.ids = ids
    }

    func access(_ caller: Caller) -> ImageAccess {
        ImageAccess(viewer: ImageViewer(caller.auth), policy: settings.trust)
    }

    /// The role layer. The target is the image (its owner as `project_id`), or the
    /// caller's own project for actions on no image yet.
    func authorize(_ action: ImagePolicy.Action, _ caller: Caller, image: Image? = nil) throws {
        let project = caller.auth.project?.id ?? ""
        let target = PolicyTarget([
            "project_id": image.map { $0.owner ?? "" } ?? project,
            "owner": image.map { $0.owner ?? "" } ?? project,
            "visibility": image?.visibility.rawValue ?? "",
            "member_id": project,
        ])
        guard policy.isAllowed(action.rawValue, credentials: caller.auth.credentials, target: target) else {
            throw ImageError.policyDenied(action.rawValue)
        }
    }

    /// An image the caller may see, with the caller's own membership record; any
    /// other image is 404, whether it exists or not.
    func visibleImage(_ id: String, _ caller: Caller) async throws -> (Image, ImageMember?) {
        guard let image = try await store.image(id: id) else { throw ImageError.imageNotFound(id) }
        let membership = try await membership(of: caller, on: image)
        try access(caller).see(image, membership: membership).enforce()
        return (image, membership)
    }

    func membership(of caller: Caller, on image: Image) async throws -> ImageMember? {
        guard let project = caller.auth.project?.id, image.visibility == .shared else { return nil }
        return try await store.imageMember(imageID: image.id, memberID: project)
    }

    func audit(_ caller: Caller, _ action: ImagePolicy.Action, _ targetID: String, type targetType: String = "image") -> StoreChange {
        audit(AuditActor(caller), "image:" + action.rawValue, targetID, type: targetType)
    }

    func audit(_ actor: AuditActor, _ action: String, _ targetID: String, type targetType: String = "image") -> StoreChange {
        .appendAudit(AuditRecord(
            id: ids.newID(), time: clock.now(), requestID: actor.requestID, actorUserID: actor.userID,
            actorProjectID: actor.projectID, action: action, targetType: targetType, targetID: targetID))
    }

    /// Who an audit record names: a caller, or the cloud itself (bootstrap, recovery).
    struct AuditActor {
        var requestID: String
        var userID: String?
        var projectID: String?

        init(_ caller: Caller) {
            self.init(requestID: caller.requestID, userID: caller.auth.user.id, projectID: caller.auth.project?.id)
        }

        init(requestID: String, userID: String? = nil, projectID: String? = nil) {
            self.requestID = requestID
            self.userID = userID
            self.projectID = projectID
        }
    }

    /// Commits, translating what the store reports into Glance's answers.
    func commit(_ changes: [StoreChange], duplicate: (String) -> ImageError) async throws {
        do {
            try await store.commit(changes)
        } catch StoreError.duplicate(let detail) {
            throw duplicate(detail)
        } catch StoreError.quotaExceeded(let exceeded) {
            throw ImageError.tooLarge("Maximum number of \(exceeded.resource) exceeded: \(exceeded.limit).")
        }
    }

    /// Read-modify-write: a lost compare-and-set re-reads and re-plans.
    func withVersionRetry<T>(attempts: Int = 8, _ body: () async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await body()
            } catch StoreError.versionConflict(let detail) {
                guard attempt < attempts else { throw ImageError.conflict("Concurrent update, try again: \(detail).") }
                attempt += 1
            }
        }
    }
}
