import Foundation
import StratusHostProtocol
import Testing

@Suite("Host protocol: controller → host requests")
struct HostRequestCodingTests {
    @Test("requests and both kinds of answer round-trip with their wire names")
    func roundTrip() throws {
        let page = HostRequestsPage(requests: [
            HostRequest(requestId: "r1", action: .consoleOutput(instanceId: "i", lines: 5)),
            HostRequest(requestId: "r2", action: .consoleOutput(instanceId: "i", lines: nil)),
        ])
        let data = try HostProtocol.encoder().encode(page)
        #expect(try HostProtocol.decoder().decode(HostRequestsPage.self, from: data) == page)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""kind":"console_output""#) && text.contains(#""request_id":"r1""#) && text.contains(#""lines":5"#))

        for answer in [
            HostRequestAnswer(requestId: "r1", outcome: .output("tick 1\ntick 2\n")),
            HostRequestAnswer(requestId: "r2", outcome: .error("Guest i not found on this host")),
        ] {
            let encoded = try HostProtocol.encoder().encode(answer)
            #expect(try HostProtocol.decoder().decode(HostRequestAnswer.self, from: encoded) == answer)
        }
        let error = try HostProtocol.encoder().encode(HostRequestAnswer(requestId: "r", outcome: .error("m")))
        #expect(String(decoding: error, as: UTF8.self) == #"{"message":"m","outcome":"error","request_id":"r"}"#)
    }

    @Test("an unknown kind, negative lines or a missing field is a decoding error", arguments: [
        #"{"request_id":"r","kind":"reboot_host","instance_id":"i"}"#, #"{"request_id":"r","kind":"console_output"}"#,
        #"{"request_id":"r","kind":"console_output","instance_id":"i","lines":-1}"#, #"{"kind":"console_output","instance_id":"i"}"#,
    ])
    func refusesRequest(body: String) {
        #expect(throws: DecodingError.self) { try HostProtocol.decoder().decode(HostRequest.self, from: Data(body.utf8)) }
    }

    @Test("an unknown outcome or one without its text is a decoding error", arguments: [
        #"{"request_id":"r","outcome":"maybe","output":"x"}"#, #"{"request_id":"r","outcome":"output"}"#,
        #"{"request_id":"r","outcome":"error","output":"x"}"#, #"{"outcome":"output","output":"x"}"#,
    ])
    func refusesAnswer(body: String) {
        #expect(throws: DecodingError.self) { try HostProtocol.decoder().decode(HostRequestAnswer.self, from: Data(body.utf8)) }
    }
}
