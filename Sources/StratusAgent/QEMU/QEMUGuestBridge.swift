import Foundation

/// The Linux bridge a host's guests join: each port of a guest is a virtio-net NIC
/// on a tap device QEMU opens, and QEMU's `ifup` script adds the tap to the bridge
/// before the guest runs. The tap is QEMU's own (not persistent), so it goes when
/// its QEMU ends: no tap outlives its guest, even after a crash. Opening taps needs
/// CAP_NET_ADMIN, as libvirt's does.
public struct QEMUGuestBridge: Sendable, Equatable {
    public var name: String
    /// The `ip` tool the script runs.
    public var ipTool: String

    /// Nil when `name` cannot be a Linux interface name (1–15 characters, no
    /// whitespace or `/`) or no `ip` tool is installed.
    public init?(name: String, ipTool: String? = nil) {
        guard Self.isInterfaceName(name), let tool = ipTool ?? Self.findIPTool() else { return nil }
        self.name = name
        self.ipTool = tool
    }

    public static func isInterfaceName(_ name: String) -> Bool {
        (1...15).contains(name.utf8.count) && name != "." && name != ".."
            && !name.contains(where: { $0.isWhitespace || $0 == "/" || $0 == ":" || $0 == "%" })
    }

    /// `ip` lives in /usr/sbin, often not on a non-root PATH.
    static func findIPTool() -> String? {
        (["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"]).first { FileManager.default.isExecutableFile(atPath: $0) }
            ?? QEMUProcess.find("ip")
    }

    /// What QEMU runs with the tap's name as `$1`.
    var ifupScript: String {
        """
        #!/bin/sh
        # Written by Stratus: QEMU runs this with a guest's new tap device, which joins the guests' bridge.
        exec \(ipTool) link set dev "$1" master \(name) up

        """
    }

    /// Writes the script to `path` (mode 0755) unless it is there with this content.
    func installScript(at path: String) throws {
        let content = Data(ifupScript.utf8)
        if FileManager.default.contents(atPath: path) == content { return }
        let temporary = path + ".tmp"
        try content.write(to: URL(fileURLWithPath: temporary))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: temporary)
        // rename(2): a QEMU starting meanwhile sees the old script or the new one, never half of one.
        guard rename(temporary, path) == 0 else {
            throw DriverError("Could not install \(path): \(String(cString: strerror(errno)))")
        }
    }
}
