import Foundation

/// The Identity use cases. Each one follows the same path:
/// authorize (policy) → validate (input, references) → plan (store changes) →
/// commit (one transaction, with its audit record).
public struct IdentityService: Sendable {
    public struct Settings: Sendable {
        public var tokenLifetime: TimeInterval
        /// Which project's `admin` administers the whole cloud.
        public var adminScope: AdminScope
        /// Failed logins in a row that lock an account, and for how long.
        public var lockout: LoginLockout
        /// Password logins per source address; nil: unlimited.
        public var loginRate: TokenRequestLimiter.Rate?
        public init(
            tokenLifetime: TimeInterval = 3600, adminScope: AdminScope = .bootstrapAdminProject,
            lockout: LoginLockout = .off, loginRate: TokenRequestLimiter.Rate? = nil
        ) {
            self.tokenLifetime = tokenLifetime
            self.adminScope = adminScope
            self.lockout = lockout
            self.loginRate = loginRate
        }
    }

    let store: any IdentityStore
    let policy: PolicyEngine
    let clock: any WallClock
    let ids: any IdentifierSource
    let hasher: PasswordHasher
    let passwords: PasswordWork
    let settings: Settings
    public let loginFailures: LoginFailureLog
    let loginLimiter: TokenRequestLimiter

    public init(
        store: any IdentityStore, policy: PolicyEngine, clock: any WallClock = SystemWallClock(),
        ids: any IdentifierSource = SystemIdentifierSource(), hasher: PasswordHasher = PasswordHasher(),
        settings: Settings = Settings(), loginFailures: LoginFailureLog = LoginFailureLog(),
        hashingPool: any CPUWorkPool = InlineWorkPool()
    ) {
        self.store = store
        self.policy = policy
        self.clock = clock
        self.ids = ids
        self.hasher = hasher
        self.passwords = PasswordWork(hasher: hasher, pool: hashingPool)
        self.settings = settings
        self.loginFailures = loginFailures
        self.loginLimiter = TokenRequestLimiter(rate: settings.loginRate)
    }

    // MARK: - Shared steps

    /// Authorize: fails closed with Keystone's 403 wording.
    func authorize(_ action: IdentityPolicy.Action, _ caller: Caller, target: [String: String] = [:]) throws {
        let allowed = policy.isAllowed(
            action.rawValue, credentials: caller.auth.credentials, target: PolicyTarget(target))
        guard allowed else { throw IdentityError.policyDenied(action.rawValue) }
    }

    func audit(_ caller: Caller, _ action: IdentityPolicy.Action, _ targetType: String, _ targetID: String) -> StoreChange {
        .appendAudit(AuditRecord(
            id: ids.newID(), time: clock.now(), requestID: caller.requestID,
            actorUserID: caller.auth.user.id, actorProjectID: caller.auth.project?.id,
            action: action.rawValue, targetType: targetType, targetID: targetID))
    }

    /// Commit, translating store conflicts into the caller's terms.
    func commit(_ changes: [StoreChange], duplicate: (String) -> IdentityError) async throws {
        do {
            try await store.commit(changes)
        } catch let error as StoreError {
            switch error {
            case .duplicate(let detail): throw duplicate(detail)
            case .missingReference(let detail): throw IdentityError.badRequest("Invalid reference: \(detail).")
            case .versionConflict, .unavailable, .insufficientCapacity, .quotaExceeded: throw error
            }
        }
    }

    /// Read-modify-write with compare-and-set; re-reads and retries when another
    /// writer got there first.
    func withVersionRetry<T>(attempts: Int = 8, _ body: () async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await body()
            } catch StoreError.versionConflict(let detail) {
                guard attempt < attempts else {
                    throw IdentityError.conflict("Concurrent update, try again: \(detail).")
                }
                attempt += 1
            }
        }
    }

    func domainRequired(_ id: String) async throws -> Domain {
        guard let domain = try await store.domain(id: id) else { throw IdentityError.notFound(kind: "domain", id: id) }
        return domain
    }

    func projectRequired(_ id: String) async throws -> Project {
        guard let project = try await store.project(id: id) else { throw IdentityError.notFound(kind: "project", id: id) }
        return project
    }

    func userRequired(_ id: String) async throws -> User {
        guard let user = try await store.user(id: id) else { throw IdentityError.notFound(kind: "user", id: id) }
        return user
    }

    func roleRequired(_ id: String) async throws -> Role {
        guard let role = try await store.role(id: id) else { throw IdentityError.notFound(kind: "role", id: id) }
        return role
    }
}

extension IdentityService {
    /// The catalog is configuration, not data; reading it is still a policy decision.
    public func authorizeCatalogRead(_ action: IdentityPolicy.Action, _ caller: Caller) throws {
        try authorize(action, caller)
    }
}
