import Foundation
import StratusCore
import StratusStore

/// `stratus admin join-token …`: the join tokens of a data directory, as its
/// owner (no Keystone token; the same rules as the admin API's
/// `os-stratus-join-tokens`). Safe while the cloud serves: SQLite's writer lock
/// orders these writes with the server's, and the server reads tokens afresh on
/// every enrollment.
public struct JoinTokenAdministration: Sendable {
    let service: HostEnrollmentService
    let requestID: String

    public init(dataDirectory: String) throws {
        var configuration = StratusConfiguration()
        configuration.dataDirectory = try OperatorDataDirectory.existing(dataDirectory)
        let store = try SQLiteStore(path: configuration.databasePath)
        service = HostEnrollmentService(
            store: store, authority: DataDirectoryCertificateAuthority(dataDirectory: dataDirectory),
            policy: try PolicyEngine(defaults: ComputePolicy.defaults, overrides: [:]))
        requestID = "stratus-admin-join-token-" + SystemIdentifierSource().newID()
    }

    private var owner: HostEnrollmentService.Administrator { .dataDirectoryOwner(requestID: requestID) }

    /// A new token and its string (shown once).
    public func create(ttl: Int?, description: String?) async throws -> (token: JoinToken, tokenString: String) {
        try await service.createJoinToken(owner, ttl: ttl.map(TimeInterval.init), description: description)
    }

    public func list() async throws -> [JoinToken] {
        try await service.joinTokens(owner)
    }

    public func delete(id: String) async throws {
        try await service.deleteJoinToken(owner, id: id)
    }

    /// Shuts a host out at once, running or not: every certificate of its name is
    /// revoked, so its next call is refused. Its servers and its record stay.
    public func revokeHost(name: String) async throws -> Int {
        let standing = try await service.credentials(hostName: name).filter { $0.revokedAt == nil }.count
        try await service.revokeHost(hostName: name, requestID: requestID)
        return standing
    }
}
