import Foundation
import StratusCore

/// `instances.live_migration`: a `LiveMigration` as JSON.
struct LiveMigrationRecord: Codable {
    var sourceHostID: String
    var sourceHostName: String
    var targetHostID: String
    var targetHostName: String
    var phase: String
    var incomingURI: String?
    var tls: Bool
    var startedAt: Double
    /// From the transfer to the end of the migration (at most `ConsoleHistory.maxBytes`); absent before.
    var consoleHistory: String?

    init(_ live: LiveMigration) {
        sourceHostID = live.sourceHostID
        sourceHostName = live.sourceHostName
        targetHostID = live.targetHostID
        targetHostName = live.targetHostName
        phase = live.phase.rawValue
        incomingURI = live.incomingURI
        tls = live.tls
        startedAt = live.startedAt.timeIntervalSince1970
        consoleHistory = live.consoleHistory?.text
    }

    /// Nil for a phase this version does not know: the row is then shown as not migrating.
    var liveMigration: LiveMigration? {
        guard let phase = LiveMigration.Phase(rawValue: phase) else { return nil }
        return LiveMigration(
            sourceHostID: sourceHostID, sourceHostName: sourceHostName, targetHostID: targetHostID,
            targetHostName: targetHostName, phase: phase, incomingURI: incomingURI, tls: tls,
            startedAt: Date(timeIntervalSince1970: startedAt), consoleHistory: consoleHistory.map(ConsoleHistory.init))
    }
}
