import Foundation
import Logging
import StratusCore
import StratusHostProtocol
import StratusOpenStack

/// Console reads of remote hosts' guests: asked through the broker, answered by
/// the host's agent over its long poll.
struct RemoteGuestConsoles: GuestConsoles {
    let broker: HostRequestBroker
    let logger: Logger

    func consoleOutput(hostID: String, instanceID: String, lines: Int?) async throws -> String {
        let outcome: HostRequestAnswer.Outcome
        do {
            // A remote host's id is its certificate's name (`HostLinkRoutes.register`).
            outcome = try await broker.ask(hostName: hostID, .consoleOutput(instanceId: instanceID, lines: lines))
        } catch let failure as HostRequestBroker.Failure {
            logger.warning("console output of \(instanceID): \(failure)")
            // Nova's answer when the compute host does not reply (an RPC timeout) is a
            // 500; the message says why without naming the host to the user.
            throw APIError(
                .internalServerError,
                "Console output is not available: the server's host did not answer within "
                    + "\(broker.answerTimeout.components.seconds) seconds.")
        }
        switch outcome {
        case .output(let text): return text
        case .error(let message): throw ComputeError.conflict("Console output is not available: \(message)")
        }
    }
}
