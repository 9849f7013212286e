import Foundation
import StratusCore

/// `--host-listen ADDRESS:PORT`: the host protocol's listener, and the names its
/// server certificate carries (agents verify it against the cloud's CA).
public struct HostListenerAddress: Sendable, Equatable {
    public var host: String
    public var port: Int
    /// Extra DNS names or addresses agents may use to reach it (`--host-listen-name`).
    public var extraNames: [String]

    public init(host: String, port: Int, extraNames: [String] = []) {
        self.host = host
        self.port = port
        self.extraNames = extraNames
    }

    /// `ADDRESS:PORT`, `[IPv6]:PORT`; nil when it is not one.
    public init?(parsing text: String, extraNames: [String] = []) {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, host.count <= 253, let port = Int(text[text.index(after: colon)...]), (0...65_535).contains(port)
        else { return nil }
        self.init(host: host, port: port, extraNames: extraNames)
    }

    /// The server certificate's names: every name given, split into addresses and DNS names;
    /// a wildcard listen address (0.0.0.0, ::) is no name, so loopback stands in.
    var certificateNames: (dnsNames: [String], ipAddresses: [String]) {
        var names = ([host] + extraNames).filter { $0 != "0.0.0.0" && $0 != "::" }
        if names.isEmpty { names = ["127.0.0.1", "localhost"] }
        let addresses = names.filter { IPAddressBytes.parse($0) != nil }
        return (names.filter { IPAddressBytes.parse($0) == nil }, addresses)
    }
}
