@testable import StratusAgent
import Testing

@Suite("Host request server: poll back-off")
struct PollBackoffTests {
    @Test("1 s doubling to 30 s, and from 1 s again after a success")
    func doubles() {
        var backoff = PollBackoff()
        #expect((0..<7).map { _ in backoff.next() } == [1, 2, 4, 8, 16, 30, 30].map { Duration.seconds($0) })
        backoff.reset()
        #expect(backoff.next() == .seconds(1))
    }
}
