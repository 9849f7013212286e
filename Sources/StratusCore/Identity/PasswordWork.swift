import Foundation

/// The hasher's work, run on a `CPUWorkPool` so guessing passwords cannot
/// starve other requests of threads.
public struct PasswordWork: Sendable {
    public let hasher: PasswordHasher
    let pool: any CPUWorkPool

    public init(hasher: PasswordHasher, pool: any CPUWorkPool = InlineWorkPool()) {
        self.hasher = hasher
        self.pool = pool
    }

    public func hash(_ password: String) async throws -> String {
        let hasher = hasher
        return try await run { hasher.hash(password) }
    }

    public func verify(_ password: String, against stored: String) async throws -> Bool {
        let hasher = hasher
        return try await run { hasher.verify(password, against: stored) }
    }

    public func burnVerification(_ password: String) async throws {
        let hasher = hasher
        try await run { hasher.burnVerification(password) }
    }

    private func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async throws -> T {
        do {
            return try await pool.run(work)
        } catch {
            throw IdentityError.tooManyRequests(retryAfter: error.retryAfter)
        }
    }
}
