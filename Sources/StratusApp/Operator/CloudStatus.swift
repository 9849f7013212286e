import Foundation
import StratusCore
import StratusStore

/// `stratus admin status`: whether a serve holds the data directory, each
/// host's state and the work its reconciler has not finished, and what the
/// cloud holds. Reads the database only; safe while the cloud serves.
public enum CloudStatus {
    public static func text(dataDirectory: String, now: Date = Date()) async throws -> String {
        let directory = try OperatorDataDirectory.existing(dataDirectory)
        var configuration = StratusConfiguration()
        configuration.dataDirectory = directory
        let store = try SQLiteStore(path: configuration.databasePath)
        let hosts = try await store.registeredHosts()
        let counts = try await store.operatorCounts()
        var lines: [String] = []
        let serving = DataDirectoryLock.holder(directory: directory)
        lines.append("cloud: " + (serving.map { "serving (\($0))" } ?? "not running"))
        do {
            let settings = try EffectiveConfiguration.read(dataDirectory: directory)
            lines.append("  version \(settings.value("version") ?? "?") at \(settings.value("public-url") ?? "?"), driver \(settings.value("driver") ?? "?")")
        } catch {
            lines.append("  (\(error))")
        }
        lines.append("hosts: \(hosts.count)")
        for registered in hosts.sorted(by: { $0.host.name < $1.host.name }) {
            let host = registered.host
            let age = seconds(now.timeIntervalSince(host.lastHeartbeat))
            let state = RegisteredHost.isUp(host, at: now) ? "up" : "down"
            var line = "  \(host.name): \(state) (heartbeat \(age) s ago), \(host.enabled ? "enabled" : "disabled")"
            line += ", \(registered.claimCount) server(s)"
            if let pending = counts.pendingByHost[host.id] {
                line += ", reconciler: \(pending.count) task(s) pending, oldest for \(seconds(now.timeIntervalSince(pending.oldest))) s"
            } else {
                line += ", reconciler: nothing pending"
            }
            if state == "down" && registered.claimCount == 0 {
                line += " — stale? `openstack compute service delete` removes it"
            }
            lines.append(line)
        }
        lines.append("servers: " + summary(counts.servers) + (counts.unplaced > 0 ? "; \(counts.unplaced) waiting for a host" : ""))
        lines.append("images: " + summary(counts.images))
        lines.append("projects: \(counts.projects), users: \(counts.users)")
        return lines.joined(separator: "\n")
    }

    /// Whole seconds for display; times come from the database (a host's own
    /// heartbeat), so an absurd value is shown, never trapped on.
    private static func seconds(_ interval: TimeInterval) -> String {
        String(format: "%.0f", interval)
    }

    private static func summary(_ byState: [String: Int]) -> String {
        let total = byState.values.reduce(0, +)
        guard total > 0 else { return "0" }
        return "\(total) (" + byState.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ") + ")"
    }
}
