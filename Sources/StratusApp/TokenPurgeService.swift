import Logging
import ServiceLifecycle
import StratusCore

/// Deletes expired tokens every `interval`, so the token table stays bounded.
struct TokenPurgeService: Service {
    let identity: IdentityService
    let interval: Duration
    let logger: Logger

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                try await identity.purgeExpiredTokens()
            } catch {
                logger.error("token purge failed", metadata: ["error": .string(String(describing: error))])
            }
            try? await Task.sleep(for: interval)  // cancellation ends the loop above
        }
    }
}
