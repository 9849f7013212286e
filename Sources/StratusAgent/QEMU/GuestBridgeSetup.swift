import Foundation
import StratusCore

/// Makes an all-in-one machine's guest bridge (`stratus serve --driver qemu
/// --guest-bridge NAME`): a Linux bridge holding the shared subnet's gateway
/// address, so this machine reaches its guests on their fixed addresses (the
/// "fixed" connect method of tempest's SSH checks, devstack's flat network).
/// A bridge that exists already is the operator's: it is only brought up.
public enum GuestBridgeSetup {
    /// Who made the bridge: a clean stop removes only one the cloud made.
    public enum Origin: String, Sendable {
        case made = "made now"
        case existing = "already there"
    }

    @discardableResult
    public static func ensure(_ bridge: QEMUGuestBridge, gateway: String?, prefixLength: Int) async throws -> Origin {
        let device = "/sys/class/net/" + bridge.name
        if FileManager.default.fileExists(atPath: device) {
            guard FileManager.default.fileExists(atPath: device + "/bridge") else {
                throw DriverError("--guest-bridge \(bridge.name): that interface exists and is not a bridge")
            }
            try await ip(bridge, ["link", "set", "dev", bridge.name, "up"])
            return .existing
        }
        if let gateway {
            // Another interface on this subnet would make two routes to it: refuse rather than cut the machine off.
            let addresses = try await ip(bridge, ["-o", "-4", "addr", "show"])
            if let clash = overlapping(addresses, gateway: gateway, prefixLength: prefixLength) {
                throw DriverError("--guest-bridge \(bridge.name): \(clash) is already on \(gateway)/\(prefixLength)'s subnet; choose another --shared-network-cidr")
            }
        }
        try await ip(bridge, ["link", "add", "name", bridge.name, "type", "bridge"])
        if let gateway {
            try await ip(bridge, ["addr", "add", "\(gateway)/\(prefixLength)", "dev", bridge.name])
        }
        try await ip(bridge, ["link", "set", "dev", bridge.name, "up"])
        return .made
    }

    /// The guest interfaces still on the bridge (`/sys/class/net/<bridge>/brif/`).
    public static func attachedInterfaces(_ bridge: QEMUGuestBridge) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: "/sys/class/net/\(bridge.name)/brif").sorted()
    }

    /// Removes a bridge the cloud made, unless guests are still on it: guests keep
    /// running across a stop of the control plane and would lose their network.
    /// Returns why it was kept, nil when removed.
    public static func removeIfUnused(_ bridge: QEMUGuestBridge) async throws -> String? {
        guard FileManager.default.fileExists(atPath: "/sys/class/net/" + bridge.name) else { return nil }
        let attached = try attachedInterfaces(bridge)
        guard attached.isEmpty else {
            return "\(attached.count) guest interface(s) still on it (\(attached.prefix(4).joined(separator: ", ")))"
        }
        try await ip(bridge, ["link", "del", "dev", bridge.name])
        return nil
    }

    /// The interface (of `ip -o -4 addr show`'s lines) whose address or subnet meets the gateway's subnet.
    static func overlapping(_ addressLines: String, gateway: String, prefixLength: Int) -> String? {
        guard let wanted = IPv4Network("\(gateway)/\(prefixLength)") else { return nil }
        for line in addressLines.split(separator: "\n") {
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            guard let inet = words.firstIndex(of: "inet"), inet + 1 < words.count, words.count > 1,
                  let theirs = IPv4Network(String(words[inet + 1])) else { continue }
            if theirs.overlaps(wanted) { return "\(words[1]) (\(words[inet + 1]))" }
        }
        return nil
    }

    @discardableResult
    private static func ip(_ bridge: QEMUGuestBridge, _ arguments: [String]) async throws -> String {
        do {
            return try await ToolProcess.run(bridge.ipTool, arguments)
        } catch let error as DriverError where error.message.contains("Operation not permitted") {
            throw DriverError("--guest-bridge \(bridge.name) needs CAP_NET_ADMIN (run as root): \(error.message)")
        }
    }
}
