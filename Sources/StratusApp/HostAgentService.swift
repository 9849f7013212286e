import Logging
import ServiceLifecycle
import StratusAgent

/// Runs the in-process simulated hosts' agents for the life of the server.
struct HostAgentService: Service {
    let agents: [HostAgent]
    let logger: Logger

    func run() async throws {
        // A service that returns early stops the whole server, so with no hosts
        // (`--hosts 0`) this one just waits for shutdown.
        guard !agents.isEmpty else {
            try? await gracefulShutdown()
            return
        }
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                for agent in agents {
                    group.addTask {
                        await agent.run { error in
                            logger.warning("host agent pass failed", metadata: [
                                "host": .string(agent.host.name), "error": .string(String(describing: error)),
                            ])
                        }
                    }
                }
            }
        }
    }
}
