import Foundation
import StratusAgent
import StratusCore

/// The hosts `stratus serve` runs in its own process reach the controller as a
/// `stratus agent` does: over the host protocol on the loopback listener, each
/// with its own certificate from the cloud's CA. So the one-command cloud and
/// every check that drives it exercise the remote path.
enum InProcessHostLink {
    /// A control plane per host, by host id. Each host's credentials are kept in
    /// `<data>/in-process-hosts/<name>/` and reused while they stand; a host
    /// without valid ones is enrolled anew (as its data directory's owner: a
    /// join token made and used at once).
    static func controlPlanes(
        for hosts: [ComputeHost], cloud: StratusCloud, listener: HostListenerAddress
    ) async throws -> [String: RemoteControlPlane] {
        let directory = cloud.configuration.dataDirectory
        let caPEM = try MigrationPKI.authority(dataDirectory: directory).certificatePEM
        let address = listener.host == "0.0.0.0" || listener.host == "::" ? "127.0.0.1" : listener.host
        let controller = "https://" + (address.contains(":") ? "[\(address)]" : address) + ":\(listener.port)"
        var planes: [String: RemoteControlPlane] = [:]
        for host in hosts {
            let credentials = try await credentials(for: host.name, cloud: cloud)
            let client = try HostLinkClient(controller: controller, caCertificatePEM: caPEM, credentials: credentials)
            planes[host.id] = RemoteControlPlane(client: client, agentVersion: StratusVersion.current)
        }
        return planes
    }

    private static func credentials(for name: String, cloud: StratusCloud) async throws -> HostLinkClient.Credentials {
        let folder = AgentCredentialsFolder(dataDirectory: cloud.configuration.dataDirectory + "/in-process-hosts/" + name)
        if let stored = try folder.load(), await stands(stored, name: name, cloud: cloud) { return stored }
        let made = try HostCertificateSigningRequest.make(hostName: name)
        let owner = HostEnrollmentService.Administrator.dataDirectoryOwner(requestID: "stratus-serve")
        let token = try await cloud.enrollment.createJoinToken(owner, ttl: 60, description: "in-process host \(name)")
        let issued = try await cloud.enrollment.enroll(token: token.tokenString, hostName: name, csrPEM: made.csrPEM)
        let credentials = HostLinkClient.Credentials(certificatePEM: issued.certificatePEM, keyPEM: made.keyPEM)
        try folder.store(credentials)
        return credentials
    }

    /// Whether the stored certificate is still let in (not revoked, not expired,
    /// issued by this cloud); anything else is a reason to enroll anew.
    private static func stands(_ credentials: HostLinkClient.Credentials, name: String, cloud: StratusCloud) async -> Bool {
        do {
            let identity = try HostCertificateIdentity(certificatePEM: credentials.certificatePEM)
            try await cloud.enrollment.authorize(hostName: name, serial: identity.serial)
            return identity.hostName == name
        } catch {
            return false
        }
    }
}
