import Foundation
import StratusAgent
import StratusCore
import StratusHostProtocol

/// Applies one host's batch of reports, each on its own: a refused report gets
/// its reason in the answer and the rest go on. Every report is checked against
/// the certificate's host by the use case it reaches (an instance of another
/// host, or a task it no longer runs, changes nothing); volume reports name an
/// attachment id only, and the controller acts on its own copy of it, found among
/// this host's pending work.
struct HostReportApplier {
    let controlPlane: InProcessControlPlane
    let hostName: String

    func apply(_ batch: HostReportBatch) async -> HostReportResults {
        var outcomes: [HostReportResults.Outcome] = []
        var pendingVolumes: [VolumeAttachment]?
        for report in batch.reports {
            do {
                if report.isVolumeReport, pendingVolumes == nil {
                    pendingVolumes = try await controlPlane.pendingVolumeWork(hostID: hostName)
                }
                try await apply(report, pendingVolumes: pendingVolumes ?? [])
                outcomes.append(.init(accepted: true))
            } catch {
                outcomes.append(.init(accepted: false, reason: HostLinkFailure(error)?.message ?? String(describing: error)))
            }
        }
        return HostReportResults(results: outcomes)
    }

    private func apply(_ report: HostReport, pendingVolumes: [VolumeAttachment]) async throws {
        let host = hostName
        switch report {
        case .taskCompleted(let id, let task):
            try await controlPlane.completeTask(instanceID: id, task: try Self.task(task), hostID: host)
        case .taskFailed(let id, let task, let message):
            try await controlPlane.failTask(instanceID: id, task: try Self.task(task), hostID: host, message: message)
        case .powerObserved(let id, let power):
            guard let state = PowerState(rawValue: power) else { throw HostProtocolError(field: "power_state", problem: "unknown value \(power)") }
            try await controlPlane.observePower(instanceID: id, hostID: host, power: state)
        case .incomingMigrationReady(let id, let uri):
            try await controlPlane.incomingMigrationReady(instanceID: id, hostID: host, uri: uri)
        case .migrationTransferred(let id, let console):
            try await controlPlane.migrationTransferred(instanceID: id, hostID: host, console: ConsoleHistory(console))
        case .liveMigrationFailed(let id, let message):
            try await controlPlane.liveMigrationFailed(instanceID: id, hostID: host, message: message)
        case .diskExported(let id, let uri):
            try await controlPlane.diskExported(instanceID: id, hostID: host, uri: uri)
        case .volumeAttached(let id):
            try await controlPlane.volumeAttached(try Self.attachment(id, .attaching, in: pendingVolumes), hostName: host)
        case .volumeDetached(let id):
            try await controlPlane.volumeDetached(try Self.attachment(id, .detaching, in: pendingVolumes), hostName: host)
        case .volumeChangeFailed(let id, let state, let message):
            guard let acted = VolumeAttachment.State(rawValue: state) else {
                throw HostProtocolError(field: "state", problem: "unknown value \(state.prefix(32))")
            }
            try await controlPlane.volumeChangeFailed(try Self.attachment(id, acted, in: pendingVolumes), hostName: host, message: message)
        }
    }

    private static func task(_ name: String) throws -> TaskState {
        guard let task = TaskState(rawValue: name) else { throw HostProtocolError(field: "task", problem: "unknown value \(name.prefix(32))") }
        return task
    }

    /// The controller's own copy of the attachment, if this host has it pending in that state.
    private static func attachment(_ id: String, _ state: VolumeAttachment.State, in pending: [VolumeAttachment]) throws -> VolumeAttachment {
        guard let attachment = pending.first(where: { $0.id == id && $0.state == state }) else {
            throw ComputeError.notFound("No \(state.rawValue) volume attachment \(id.prefix(64)) waits for this host.")
        }
        return attachment
    }
}

extension HostReport {
    var isVolumeReport: Bool {
        switch self {
        case .volumeAttached, .volumeDetached, .volumeChangeFailed: true
        default: false
        }
    }
}
