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
            // Graceful shutdown interrupts the wait instead of waiting it out.
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
