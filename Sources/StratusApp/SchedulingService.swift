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
                    while !Task.isCancelled {
                        let pass = try await compute.schedulingPass()
                        log(pass)
                        if pass.handled + (try await compute.scheduleMigrations()) == 0 { break }
                    }
                    try await compute.expireUnansweredLiveMigrations()
                } catch {
                    logger.error("scheduling pass failed", metadata: ["error": .string(String(describing: error))])
                }
                _ = await compute.wakeups.scheduler.wait(timeout: interval)
            }
        }
    }

    /// Every server the pass could not place, with its id and reason (the filters'
    /// tally for a refusal): one line each, so an operator can grep for a server.
    func log(_ pass: SchedulingPassReport) {
        for outcome in pass.refused {
            let metadata: Logger.Metadata = ["server": .string(outcome.instanceID), "reason": .string(outcome.reason)]
            switch outcome.kind {
            case .noValidHost: logger.notice("no valid host for server", metadata: metadata)
            case .failed: logger.error("server could not be scheduled; set to ERROR", metadata: metadata)
            case .deferred: logger.warning("server could not be scheduled; retrying next pass", metadata: metadata)
            }
        }
    }
}
