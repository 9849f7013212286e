import Logging
import ServiceLifecycle
import StratusAgent

/// Runs the in-process simulated hosts' agents for the life of the server.
struct HostAgentService: Service {
    let agents: [HostAgent]
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                for agent in agents {
                    group.addTask {
                        await agent.run { error in
                            logger.warning("host agent heartbeat failed", metadata: [
                                "host": .string(agent.host.name), "error": .string(String(describing: error)),
                            ])
                        }
                    }
                }
            }
        }
    }
}
