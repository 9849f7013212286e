import Foundation

/// Nova's `os-instance_usage_audit_log`: how the periodic instance-usage audit
/// (the `instance.exists` notifications billing systems read) went on each
/// compute host for the last completed month. Stratus runs no such audit, so
/// every host is reported as not run, with no instances and no errors, exactly
/// what Nova answers with `instance_usage_audit` off (its default).
extension ComputeService {
    public func usageAuditLog(_ caller: Caller, _ period: UsageAuditPeriod) async throws -> UsageAuditReport {
        let before: Date
        switch period {
        case .latest:
            try authorize(.listUsageAuditLogs, caller)
            before = clock.now()
        case .before(let date):
            try authorize(.showUsageAuditLog, caller)
            before = date
        case .unreadable(let text):
            try authorize(.showUsageAuditLog, caller)
            throw ComputeError.badRequest("Invalid timestamp for date \(text)")
        }
        let hosts = try await store.registeredHosts().map(\.host.name)
        let (begin, end) = UsageAuditReport.lastCompletedMonth(before: before)
        return UsageAuditReport(periodBeginning: begin, periodEnding: end, hostsNotRun: hosts)
    }
}

/// Which period to report: the last completed one, the one completed before a
/// time, or a time the caller wrote in a form Nova does not read.
public enum UsageAuditPeriod: Sendable, Equatable {
    case latest
    case before(Date)
    case unreadable(String)
}

/// One audit period's summary, as Nova's `_get_audit_task_logs` builds it.
public struct UsageAuditReport: Sendable, Equatable {
    public var periodBeginning: Date
    public var periodEnding: Date
    public var hostsNotRun: [String]

    public var overallStatus: String { "0 of \(hostsNotRun.count) hosts done. 0 errors." }

    /// Nova's `last_completed_audit_period` for its default unit, the month: the
    /// month that ended at the latest first-of-month before `before` (UTC).
    public static func lastCompletedMonth(before: Date) -> (Date, Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month], from: before)
        var end = calendar.date(from: DateComponents(year: parts.year, month: parts.month, day: 1))!
        if end >= before { end = calendar.date(byAdding: .month, value: -1, to: end)! }
        let begin = calendar.date(byAdding: .month, value: -1, to: end)!
        return (begin, end)
    }
}
