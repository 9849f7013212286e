import Foundation

/// Where an enrolled agent keeps its credentials: `<data>/host-credentials/`,
/// readable by the agent's user only.
public struct AgentCredentialsFolder: Sendable {
    public let path: String

    public init(dataDirectory: String) { path = dataDirectory + "/host-credentials" }

    var certificatePath: String { path + "/host-cert.pem" }
    var keyPath: String { path + "/host-key.pem" }

    /// The stored credentials; nil when the host has not enrolled yet.
    public func load() throws -> HostLinkClient.Credentials? {
        guard FileManager.default.fileExists(atPath: certificatePath) else { return nil }
        return HostLinkClient.Credentials(
            certificatePEM: try String(contentsOfFile: certificatePath, encoding: .utf8),
            keyPEM: try String(contentsOfFile: keyPath, encoding: .utf8))
    }

    public func store(_ credentials: HostLinkClient.Credentials) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        // The key first: a certificate without its key would read as enrolled.
        try ReplacedFile.write(credentials.keyPEM, to: keyPath, mode: 0o600)
        try ReplacedFile.write(credentials.certificatePEM, to: certificatePath, mode: 0o644)
    }
}
