import Hummingbird
import ServiceLifecycle
import StratusHostProtocol

/// `?wait=` of a request poll: 0 to `HostProtocol.maxWait` seconds (none: answer at once).
struct HostRequestsQuery {
    var wait: Duration = .zero

    init(_ query: Parameters) throws {
        guard let text = query.get("wait") else { return }
        let most = Int(HostProtocol.maxWait.components.seconds)
        guard let value = Int(text), (0...most).contains(value) else {
            throw HostLinkFailure.badRequest("wait must be 0 to \(most) seconds.")
        }
        wait = .seconds(value)
    }
}

extension HostRequestBroker {
    /// `take` for a listener's handler: a stopping listener ends the poll at once
    /// (its requests stay queued) rather than holding its shutdown for the wait.
    func poll(hostName: String, wait: Duration) async -> [HostRequest] {
        await cancelWhenGracefulShutdown { await self.take(hostName: hostName, wait: wait) }
    }
}
