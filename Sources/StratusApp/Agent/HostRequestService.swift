import Logging
import ServiceLifecycle
import StratusAgent

/// Runs a `stratus agent`'s `HostRequestServer` (console reads the controller
/// asks for) beside its reconciler, until shutdown.
struct HostRequestService: Service {
    let server: HostRequestServer
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await server.run { error in
                logger.warning("host request poll or answer failed", metadata: ["error": .string(String(describing: error))])
            }
        }
    }
}
