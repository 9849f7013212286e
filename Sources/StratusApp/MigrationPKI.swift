import Foundation
import StratusCore

/// The files of the cloud's migration CA: made on the first start under
/// `<data>/migration-ca/` (the key readable by the cloud's user only), then
/// used to give each in-process QEMU host its own credentials folder.
enum MigrationPKI {
    static func authority(dataDirectory: String, now: Date = Date()) throws -> MigrationCertificateAuthority {
        let folder = dataDirectory + "/migration-ca"
        let certificate = folder + "/ca-cert.pem"
        let key = folder + "/ca-key.pem"
        if let certificatePEM = try? String(contentsOfFile: certificate, encoding: .utf8),
           let keyPEM = try? String(contentsOfFile: key, encoding: .utf8) {
            return try MigrationCertificateAuthority(certificatePEM: certificatePEM, keyPEM: keyPEM)
        }
        let authority = try MigrationCertificateAuthority.create(now: now)
        try FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try write(authority.keyPEM, to: key, secret: true)
        try write(try authority.certificatePEM, to: certificate, secret: false)
        return authority
    }

    /// Fresh credentials for one host in `folder` (re-issued at every start: cheap,
    /// and a host's address may have changed).
    static func issue(
        _ authority: MigrationCertificateAuthority, hostName: String, address: String, into folder: String,
        now: Date = Date()
    ) throws {
        try FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        for file in try authority.issue(hostName: hostName, address: address, now: now).files {
            try write(file.contents, to: folder + "/" + file.name, secret: file.secret)
        }
    }

    private static func write(_ text: String, to path: String, secret: Bool) throws {
        let files = FileManager.default
        try? files.removeItem(atPath: path)
        guard files.createFile(atPath: path, contents: Data(text.utf8),
                               attributes: [.posixPermissions: secret ? 0o600 : 0o644])
        else { throw ConfigurationError("cannot write \(path)") }
    }
}
