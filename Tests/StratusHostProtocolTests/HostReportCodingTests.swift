import Foundation
import StratusHostProtocol
import Testing

@Suite("Host protocol: reports")
struct HostReportCodingTests {
    static let all: [HostReport] = [
        .taskCompleted(instanceId: "i", task: "spawning"), .taskFailed(instanceId: "i", task: "deleting", message: "m"),
        .powerObserved(instanceId: "i", powerState: 4), .incomingMigrationReady(instanceId: "i", uri: "tcp:a:1"),
        .migrationTransferred(instanceId: "i", console: "tick 1\n"), .liveMigrationFailed(instanceId: "i", message: "m"),
        .diskExported(instanceId: "i", uri: nil), .diskExported(instanceId: "i", uri: "nbd://a:1/disk"),
        .volumeAttached(attachmentId: "a"), .volumeDetached(attachmentId: "a"),
        .volumeChangeFailed(attachmentId: "a", state: "attaching", message: "m"),
    ]

    @Test("every kind of report round-trips in one batch")
    func roundTrip() throws {
        let batch = HostReportBatch(reports: Self.all)
        let data = try HostProtocol.encoder().encode(batch)
        #expect(try HostProtocol.decoder().decode(HostReportBatch.self, from: data) == batch)
        #expect(String(decoding: data, as: UTF8.self).contains("\"kind\":\"task_completed\""))
    }

    @Test("an unknown kind, a missing field or a wrong type is a decoding error", arguments: [
        #"{"kind":"guest_exploded","instance_id":"i"}"#, #"{"kind":"task_completed","instance_id":"i"}"#,
        #"{"kind":"power_observed","instance_id":"i","power_state":"on"}"#, #"{"instance_id":"i"}"#,
    ])
    func refuses(body: String) {
        #expect(throws: DecodingError.self) { try HostProtocol.decoder().decode(HostReport.self, from: Data(body.utf8)) }
    }
}
