import Foundation

/// Everything a host tells the controller about its guests: a closed set. Each
/// names the task or the attachment state it acted on, so a stale report (the
/// user asked for something else meanwhile) changes nothing.
public enum HostReport: Codable, Sendable, Equatable {
    case taskCompleted(instanceId: String, task: String)
    case taskFailed(instanceId: String, task: String, message: String)
    case powerObserved(instanceId: String, powerState: Int)
    /// Live migration, destination: listening at `uri`.
    case incomingMigrationReady(instanceId: String, uri: String)
    /// Live migration, source: the guest is sent; `console` is what it showed here.
    case migrationTransferred(instanceId: String, console: String)
    /// Live migration: this end could not go on.
    case liveMigrationFailed(instanceId: String, message: String)
    /// Cold move, source: the original's disk is served at `uri` (nil: it has none).
    case diskExported(instanceId: String, uri: String?)
    case volumeAttached(attachmentId: String)
    case volumeDetached(attachmentId: String)
    /// `state` is the one the host acted on (`attaching` or `detaching`).
    case volumeChangeFailed(attachmentId: String, state: String, message: String)

    /// The wire name of each kind (`{"kind": "task_completed", ...}`).
    public var kind: String {
        switch self {
        case .taskCompleted: "task_completed"
        case .taskFailed: "task_failed"
        case .powerObserved: "power_observed"
        case .incomingMigrationReady: "incoming_migration_ready"
        case .migrationTransferred: "migration_transferred"
        case .liveMigrationFailed: "live_migration_failed"
        case .diskExported: "disk_exported"
        case .volumeAttached: "volume_attached"
        case .volumeDetached: "volume_detached"
        case .volumeChangeFailed: "volume_change_failed"
        }
    }

    private enum Key: String, CodingKey {
        case kind, instanceId, task, message, powerState, uri, console, attachmentId, state
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        let kind = try c.decode(String.self, forKey: .kind)
        func text(_ key: Key) throws -> String { try c.decode(String.self, forKey: key) }
        switch kind {
        case "task_completed": self = .taskCompleted(instanceId: try text(.instanceId), task: try text(.task))
        case "task_failed":
            self = .taskFailed(instanceId: try text(.instanceId), task: try text(.task), message: try text(.message))
        case "power_observed":
            self = .powerObserved(instanceId: try text(.instanceId), powerState: try c.decode(Int.self, forKey: .powerState))
        case "incoming_migration_ready": self = .incomingMigrationReady(instanceId: try text(.instanceId), uri: try text(.uri))
        case "migration_transferred": self = .migrationTransferred(instanceId: try text(.instanceId), console: try text(.console))
        case "live_migration_failed": self = .liveMigrationFailed(instanceId: try text(.instanceId), message: try text(.message))
        case "disk_exported":
            self = .diskExported(instanceId: try text(.instanceId), uri: try c.decodeIfPresent(String.self, forKey: .uri))
        case "volume_attached": self = .volumeAttached(attachmentId: try text(.attachmentId))
        case "volume_detached": self = .volumeDetached(attachmentId: try text(.attachmentId))
        case "volume_change_failed":
            self = .volumeChangeFailed(attachmentId: try text(.attachmentId), state: try text(.state), message: try text(.message))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: c, debugDescription: "unknown report kind \(kind.prefix(64))")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(kind, forKey: .kind)
        switch self {
        case .taskCompleted(let id, let task):
            try c.encode(id, forKey: .instanceId)
            try c.encode(task, forKey: .task)
        case .taskFailed(let id, let task, let message):
            try c.encode(id, forKey: .instanceId)
            try c.encode(task, forKey: .task)
            try c.encode(message, forKey: .message)
        case .powerObserved(let id, let power):
            try c.encode(id, forKey: .instanceId)
            try c.encode(power, forKey: .powerState)
        case .incomingMigrationReady(let id, let uri):
            try c.encode(id, forKey: .instanceId)
            try c.encode(uri, forKey: .uri)
        case .migrationTransferred(let id, let console):
            try c.encode(id, forKey: .instanceId)
            try c.encode(console, forKey: .console)
        case .liveMigrationFailed(let id, let message):
            try c.encode(id, forKey: .instanceId)
            try c.encode(message, forKey: .message)
        case .diskExported(let id, let uri):
            try c.encode(id, forKey: .instanceId)
            try c.encodeIfPresent(uri, forKey: .uri)
        case .volumeAttached(let id), .volumeDetached(let id):
            try c.encode(id, forKey: .attachmentId)
        case .volumeChangeFailed(let id, let state, let message):
            try c.encode(id, forKey: .attachmentId)
            try c.encode(state, forKey: .state)
            try c.encode(message, forKey: .message)
        }
    }
}

/// Reports sent together; the controller applies each on its own, so one
/// refused report never stops the others.
public struct HostReportBatch: Codable, Sendable, Equatable {
    public static let maxReports = 1_000
    public var reports: [HostReport]

    public init(reports: [HostReport]) { self.reports = reports }
}

/// One outcome per report, in the batch's order.
public struct HostReportResults: Codable, Sendable, Equatable {
    public var results: [Outcome]

    public struct Outcome: Codable, Sendable, Equatable {
        public var accepted: Bool
        /// Why it was refused; the agent retries it on its next pass.
        public var reason: String?

        public init(accepted: Bool, reason: String? = nil) {
            self.accepted = accepted
            self.reason = reason
        }
    }

    public init(results: [Outcome]) { self.results = results }
}
