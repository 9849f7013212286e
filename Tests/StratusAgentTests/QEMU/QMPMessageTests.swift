import Foundation
import Testing
@testable import StratusAgent

@Suite("QMP framing and parsing, without QEMU")
struct QMPMessageTests {
    @Test func framerJoinsLinesSplitAcrossReadsAndDropsCRLF() {
        var framer = QMPFramer()
        #expect(framer.feed(Array("{\"return\": {}".utf8)).isEmpty)
        #expect(framer.feed(Array(", \"id\": 1}\r\n\r\n{\"event\"".utf8)) == [Array("{\"return\": {}, \"id\": 1}".utf8)])
        #expect(framer.feed(Array(": \"STOP\"}\r\n".utf8)) == [Array("{\"event\": \"STOP\"}".utf8)])
    }

    @Test(arguments: [
        (#"{"QMP": {"version": {"qemu": {"major": 7}}, "capabilities": ["oob"]}}"#,
         QMPMessage.greeting(.object(["version": .object(["qemu": .object(["major": .int(7)])]), "capabilities": .array([.string("oob")])]))),
        (#"{"return": {"status": "paused", "running": false}, "id": 4}"#,
         .reply(id: 4, .success(.object(["status": .string("paused"), "running": .bool(false)])))),
        (#"{"return": {}}"#, .reply(id: nil, .success(.object([:])))),
        (#"{"id": 2, "error": {"class": "CommandNotFound", "desc": "The command nope has not been found"}}"#,
         .reply(id: 2, .failure(.command(class: "CommandNotFound", description: "The command nope has not been found")))),
        (#"{"timestamp": {"seconds": 1, "microseconds": 2}, "event": "STOP"}"#, .event(QMPEvent(name: "STOP"))),
        (#"{"event": "RESET", "data": {"guest": false, "reason": "host-qmp-system-reset"}}"#,
         .event(QMPEvent(name: "RESET", data: .object(["guest": .bool(false), "reason": .string("host-qmp-system-reset")])))),
    ])
    func parsesEachKindOfMessage(line: String, expected: QMPMessage) throws {
        #expect(try QMPMessage.parse(Array(line.utf8)) == expected)
    }

    @Test(arguments: ["not json", #"{"neither": "return nor event"}"#, "[1, 2]"])
    func rejectsWhatIsNotAMessage(line: String) {
        #expect(throws: QMPError.self) { try QMPMessage.parse(Array(line.utf8)) }
    }

    @Test func commandLineCarriesNameArgumentsAndID() throws {
        let line = try QMPMessage.command("migrate", arguments: ["uri": .string("tcp:127.0.0.1:4444")], id: 7)
        #expect(line.last == UInt8(ascii: "\n"))
        let decoded = try JSONDecoder().decode(QMPValue.self, from: Data(line))
        #expect(decoded == .object([
            "execute": .string("migrate"), "id": .int(7), "arguments": .object(["uri": .string("tcp:127.0.0.1:4444")]),
        ]))
        let bare = try JSONDecoder().decode(QMPValue.self, from: Data(try QMPMessage.command("stop", arguments: nil, id: 1)))
        #expect(bare["arguments"] == nil)
    }

    @Test func valuesKeepIntegersApartFromFractions() throws {
        let value = try JSONDecoder().decode(QMPValue.self, from: Data(#"{"a": 3, "b": 0.5, "c": null, "d": true}"#.utf8))
        #expect(value == .object(["a": .int(3), "b": .double(0.5), "c": .null, "d": .bool(true)]))
    }
}
