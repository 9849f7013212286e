import Foundation

/// Why a host was not enrolled or not let in. The descriptions are safe to
/// show the host: they name nothing of the cloud's but the host's own input.
public enum HostEnrollmentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not of the form `stratus-join-<id>-<secret>`.
    case malformedToken
    /// No such token, or its secret is not that token's.
    case unknownToken
    case tokenUsed
    case tokenExpired
    case invalidCSR(String)
    case invalidHostName(String)
    /// The host's credentials were revoked (its compute service was deleted).
    case hostRevoked
    /// No credential has that serial for that host.
    case unknownCredential
    case credentialExpired

    public var description: String {
        switch self {
        case .malformedToken: "The join token is not of the form stratus-join-<id>-<secret>."
        case .unknownToken: "The join token is not known to this cloud."
        case .tokenUsed: "The join token has already been used."
        case .tokenExpired: "The join token has expired."
        case .invalidCSR(let reason): "The certificate signing request is invalid: \(reason)."
        case .invalidHostName(let name):
            "Invalid host name \"\(name)\": 1-255 characters of letters, digits, '.' and '-', labels of 1-63 not starting or ending with '-'."
        case .hostRevoked: "The host's credentials have been revoked."
        case .unknownCredential: "The host's certificate was not issued by this cloud for this host."
        case .credentialExpired: "The host's certificate has expired."
        }
    }

    /// Whether the caller's request was malformed (400) rather than refused (403).
    public var isBadRequest: Bool {
        switch self {
        case .malformedToken, .invalidCSR, .invalidHostName: true
        case .unknownToken, .tokenUsed, .tokenExpired, .hostRevoked, .unknownCredential, .credentialExpired: false
        }
    }
}
