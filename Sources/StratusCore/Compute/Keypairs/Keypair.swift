import Foundation

/// An SSH key pair a user keeps in the cloud for their servers. Only the
/// public half is stored; a generated private half is returned once.
public struct Keypair: Sendable, Equatable {
    public var userID: String
    public var name: String
    public var publicKey: String
    public var fingerprint: String
    public var createdAt: Date
    /// Nova's integer id, assigned by the store (0 before).
    public var number: Int
    /// 2.2: an OpenSSH key or an X.509 certificate (`publicKey` is then its PEM).
    public var type: KeypairType

    public init(
        userID: String, name: String, publicKey: String, fingerprint: String, createdAt: Date, number: Int = 0,
        type: KeypairType = .ssh
    ) {
        self.type = type
        self.userID = userID
        self.name = name
        self.publicKey = publicKey
        self.fingerprint = fingerprint
        self.createdAt = createdAt
        self.number = number
    }
}

/// Nova's key pair types (2.2).
public enum KeypairType: String, Sendable, Equatable, CaseIterable {
    case ssh
    case x509
}

/// `POST /os-keypairs`: import when `publicKey` is given, else generate.
/// `userID` (2.10, administrators) names another owner than the caller.
public struct KeypairDraft: Sendable, Equatable {
    public var name: String
    public var publicKey: String?
    public var type: KeypairType
    public var userID: String?

    public init(name: String, publicKey: String? = nil, type: KeypairType = .ssh, userID: String? = nil) {
        self.name = name
        self.publicKey = publicKey
        self.type = type
        self.userID = userID
    }
}
