import Hummingbird
import NIOCore
import NIOSSL
import StratusCore
import StratusHostProtocol
import X509

/// A request on the host listener, with the client certificate the TLS
/// handshake verified against the cloud's CA (nil: none was presented, which
/// only enrollment accepts).
struct HostLinkRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The connection, whose TLS handler holds the peer's certificate.
    let channel: any Channel

    /// Who the certificate says the host is.
    struct PeerCertificate: Sendable {
        var hostName: String
        /// Lowercase hex, as credentials are recorded.
        var serial: String
        /// The host's own key, which its migration certificates certify too.
        var publicKey: Certificate.PublicKey
    }

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// Reports and stray-guest lists can be long; snapshots stream outside this limit.
    var maxUploadSize: Int { HostProtocol.maxMessageBytes }

    /// The verified peer certificate's name and serial, nil when none was presented
    /// (the handshake refused any the cloud's CA did not sign, or expired).
    func peer() async throws -> PeerCertificate? {
        guard let presented = try await channel.nioSSL_peerCertificate().get() else { return nil }
        let certificate = try Certificate(derEncoded: try presented.toDERBytes())
        var commonName: String?
        for name in certificate.subject {
            for attribute in name where attribute.type == .RDNAttributeType.commonName {
                commonName = attribute.value.description
            }
        }
        guard let commonName, !commonName.isEmpty else { return nil }
        return PeerCertificate(
            hostName: commonName, serial: HostCertificateSerial(certificate.serialNumber).hex, publicKey: certificate.publicKey)
    }
}
