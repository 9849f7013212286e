import Foundation
import StratusAgent
import StratusCore

/// The operator's picture of what just started: version, where its state is,
/// the driver and its acceleration with the reason, the hosts, the images and
/// networks the cloud made, its security settings and its listener.
struct StartSummary {
    let cloud: StratusCloud
    let settings: EffectiveConfiguration
    let hosts: [ComputeHost]
    /// "kvm: probe guest booted under KVM in …", nil for simulated hosts.
    let acceleration: String?

    var text: String {
        let report = cloud.startReport
        let value = { (name: String) in settings.value(name) ?? "?" }
        var lines = ["Stratus \(StratusVersion.current)"]
        lines.append(row("data dir", value("data-dir") + (report.firstStart ? " (first start: bootstrapped now)" : "")))
        lines.append(row("database", value("database")))
        var driver = value("driver")
        if let acceleration { driver += ", acceleration \(acceleration)" }
        lines.append(row("driver", driver))
        lines.append(row("hosts", hosts.isEmpty ? "none in this process" : hosts.map(\.name).joined(separator: ", ")))
        lines.append(row("images", report.images.isEmpty ? "none made by the cloud" : report.images.joined(separator: ", ")))
        var networks = report.sharedSubnet.map { "shared network '\(NetworkService.sharedNetworkName)' (\($0))" } ?? "no shared network"
        if let bridge = report.guestBridge {
            let fate = cloud.configuration.keepGuestBridge
                ? "kept after stop (--keep-guest-bridge)"
                : bridge.origin == .made ? "removed on a clean stop once no guest is on it" : "found at start, so left at stop"
            networks += "; bridge \(bridge.name) \(bridge.origin.rawValue), \(fate)"
        }
        lines.append(row("networks", networks))
        lines.append(row("security", [
            "image trust \(value("image-trust"))",
            "admin scope \(value("admin-scope"))",
            "lockout \(value("lockout"))",
            "migration \(value("migration-policy")) over \(value("migration-transport"))",
            "signed images \(value("require-signed-images") == "yes" ? "required" : "not required")",
        ].joined(separator: "; ")))
        lines.append(row("listening", "\(cloud.baseURL) (TLS \(value("tls")))"))
        return lines.joined(separator: "\n")
    }

    private func row(_ name: String, _ value: String) -> String {
        "  " + (name + ":").padding(toLength: 11, withPad: " ", startingAt: 0) + value
    }

    /// The first QEMU host's acceleration (they share this machine), nil without one.
    static func acceleration(of drivers: [any HypervisorDriver]) async -> String? {
        guard let qemu = drivers.lazy.compactMap({ $0 as? QEMUDriver }).first else { return nil }
        let choice = await qemu.accelerationInUse()
        return "\(choice.acceleration.rawValue) (\(choice.reason))"
    }
}
