import Logging
import ServiceLifecycle
import StratusCore

/// The controller's scheduler reconciler: places every accepted server that
/// has no host yet (and moves waiting for a destination), and ends live
/// migrations whose destination never answered. Woken by creates, and looking anyway every `interval`, so
/// a server accepted just before a crash (or by another controller) is placed
/// by whichever controller looks next.
struct SchedulingService: Service {
    let compute: ComputeService
    let interval: Duration
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    // Drain: a full batch means more may be waiting.
                    while try await compute.scheduleUnplaced() + compute.scheduleMigrations() > 0, !Task.isCancelled {}
                    try await compute.expireUnansweredLiveMigrations()
                } catch {
                    logger.error("scheduling pass failed", metadata: ["error": .string(String(describing: error))])
                }
                _ = await compute.wakeups.scheduler.wait(timeout: interval)
            }
        }
    }
}
