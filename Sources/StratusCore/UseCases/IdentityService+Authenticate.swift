import Foundation

extension IdentityService {
    /// Issues a token. Every failure to prove identity is the same 401, whatever
    /// was wrong; failures are counted per user and source address.
    public func authenticate(_ request: AuthRequest) async throws -> IssuedToken {
        if case .password = request.proof { try await admitLogin(from: request.sourceAddress) }
        let (user, methods, inheritedExpiry) = try await prove(request)
        let scope = try await resolveScope(request.scope, for: user)
        let now = clock.now()
        let secret = TokenSecret.generate(using: ids)
        let record = TokenRecord(
            secretHash: TokenSecret.hash(secret), userID: user.id, scope: scope, methods: methods,
            auditID: auditID(), issuedAt: now,
            expiresAt: inheritedExpiry ?? now.addingTimeInterval(settings.tokenLifetime))
        // Build the context first: a token that could not be used is never stored.
        let context = try await context(for: record)
        try await store.commit([.insertToken(record)])
        return IssuedToken(secret: secret, context: context)
    }

    /// The per-source rate on password logins, checked before any hashing: a
    /// guessing source costs almost nothing.
    func admitLogin(from source: String) async throws {
        if case .refused(let retryAfter) = await loginLimiter.admit(source: source, now: clock.now()) {
            throw IdentityError.tooManyRequests(retryAfter: retryAfter)
        }
    }

    private func prove(_ request: AuthRequest) async throws -> (User, [String], Date?) {
        switch request.proof {
        case .password(let reference, let password):
            let key = LoginFailureLog.Key(user: reference.logDescription, source: request.sourceAddress)
            guard let user = try await verifyPassword(reference, password) else {
                _ = await loginFailures.recordFailure(key)
                throw IdentityError.authenticationRequired
            }
            await loginFailures.recordSuccess(key)
            return (user, ["password"], nil)
        case .token(let secret):
            let existing = try await validate(secret: secret)
            let methods = existing.token.methods.contains("token") ? existing.token.methods : ["token"] + existing.token.methods
            return (existing.user, methods, existing.token.expiresAt)
        }
    }

    /// Nil for any failure: unknown domain or user, disabled, no password, locked
    /// out, wrong password. A wrong password counts towards the lockout; a right
    /// one ends the run of failures.
    func verifyPassword(_ reference: UserReference, _ password: String) async throws -> User? {
        guard let user = try await lookUpUser(reference),
              user.enabled, let stored = user.passwordHash,
              try await store.domain(id: user.domainID)?.enabled == true
        else {
            try await passwords.burnVerification(password)
            return nil
        }
        let now = clock.now()
        // A locked account is refused without hashing, as Keystone does.
        guard !settings.lockout.isLocked(user.failedLogins, now: now) else { return nil }
        guard try await passwords.verify(password, against: stored) else {
            if settings.lockout.isEnabled {
                try await store.commit([.recordFailedLogin(
                    userID: user.id, at: now, windowStart: settings.lockout.windowStart(now: now))])
            }
            return nil
        }
        if user.failedLogins.count > 0 { try await store.commit([.clearFailedLogins(userID: user.id)]) }
        return user
    }

    private func lookUpUser(_ reference: UserReference) async throws -> User? {
        switch reference {
        case .id(let id):
            return try await store.user(id: id)
        case .name(let name, let domainReference):
            guard let domain = try await lookUpDomain(domainReference) else { return nil }
            return try await store.user(named: name, domainID: domain.id)
        }
    }

    func lookUpDomain(_ reference: DomainReference) async throws -> Domain? {
        switch reference {
        case .id(let id): return try await store.domain(id: id)
        case .name(let name): return try await store.domain(named: name)
        }
    }

    private func resolveScope(_ request: ScopeRequest, for user: User) async throws -> TokenScope {
        switch request {
        case .unscoped:
            return .unscoped
        case .default:
            guard let projectID = user.defaultProjectID,
                  let project = try await store.project(id: projectID), project.enabled,
                  try await !roles(of: user.id, on: .project(project.id)).isEmpty
            else { return .unscoped }
            return .project(project.id)
        case .project(let reference):
            let project = try await scopedProject(reference)
            guard try await !roles(of: user.id, on: .project(project.id)).isEmpty else {
                throw IdentityError.unauthorized("User \(user.id) has no access to project \(project.id)")
            }
            return .project(project.id)
        case .domain(let reference):
            guard let domain = try await lookUpDomain(reference), domain.enabled else {
                throw IdentityError.unauthorized("Could not find the requested domain.")
            }
            guard try await !roles(of: user.id, on: .domain(domain.id)).isEmpty else {
                throw IdentityError.unauthorized("User \(user.id) has no access to domain \(domain.id)")
            }
            return .domain(domain.id)
        case .system:
            guard try await !roles(of: user.id, on: .system).isEmpty else {
                throw IdentityError.unauthorized("User \(user.id) has no access to the system")
            }
            return .system
        }
    }

    private func scopedProject(_ reference: ProjectReference) async throws -> Project {
        let project: Project?
        switch reference {
        case .id(let id):
            project = try await store.project(id: id)
        case .name(let name, let domainReference):
            let domain = try await lookUpDomain(domainReference)
            project = try await domain.asyncFlatMap { try await store.project(named: name, domainID: $0.id) }
        }
        guard let project, project.enabled,
              try await store.domain(id: project.domainID)?.enabled == true
        else { throw IdentityError.unauthorized("Could not find the requested project.") }
        return project
    }

    /// Keystone's audit ids: 16 random bytes, URL-safe base64 without padding.
    private func auditID() -> String {
        Data(ids.randomBytes(16)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

extension Optional {
    func asyncFlatMap<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
