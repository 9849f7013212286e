import Foundation
import StratusCore

/// The cloud's CA as enrollment reaches it: the migration CA's files under
/// `<data>/migration-ca/`, made on first use (`MigrationPKI`) and then kept in
/// memory. An actor, so two first enrollments cannot make two CAs.
actor DataDirectoryCertificateAuthority: HostCertificateAuthoritySource {
    let dataDirectory: String
    private var loaded: MigrationCertificateAuthority?

    init(dataDirectory: String) {
        self.dataDirectory = dataDirectory
    }

    func authority() throws -> MigrationCertificateAuthority {
        if let loaded { return loaded }
        let authority = try MigrationPKI.authority(dataDirectory: dataDirectory)
        loaded = authority
        return authority
    }
}
