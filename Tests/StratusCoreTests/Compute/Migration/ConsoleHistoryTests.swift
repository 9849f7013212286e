import Foundation
import StratusCore
import Testing

@Suite("A live migration's console history is bounded")
struct ConsoleHistoryTests {
    @Test func aShortConsoleTravelsWhole() {
        let output = "STRATUS-GUEST-READY\r\nhwrng: none\r\ntick 1\r\nlogin: "
        #expect(ConsoleHistory(output).text == output)
        #expect(ConsoleHistory.empty.text.isEmpty)
    }

    @Test func aLongOneKeepsItsLastWholeLines() {
        let lines = (1...20_000).map { "tick \($0)\r\n" }
        let output = lines.joined()
        let history = ConsoleHistory(output)
        #expect(history.text.utf8.count <= ConsoleHistory.maxBytes)
        #expect(history.text.utf8.count > ConsoleHistory.maxBytes - 20)
        #expect(history.text.hasPrefix("tick "), "starts at a line, not inside one")
        #expect(history.text.hasSuffix("tick 20000\r\n"))
        #expect(output.hasSuffix(history.text))
    }

    @Test func aCutAtALineBoundaryKeepsThatLine() {
        let line = String(repeating: "x", count: 1023) + "\n"
        let output = "first\n" + String(repeating: line, count: 100)
        #expect(ConsoleHistory(output).text == String(repeating: line, count: 100))
    }

    @Test func oneLineLongerThanTheLimitKeepsItsEndFromAWholeCharacter() {
        let output = "head\n" + String(repeating: "é", count: ConsoleHistory.maxBytes)
        let history = ConsoleHistory(output)
        #expect(history.text.utf8.count <= ConsoleHistory.maxBytes)
        #expect(history.text.utf8.count >= ConsoleHistory.maxBytes - 1)
        #expect(history.text.allSatisfy { $0 == "é" })
    }
}
