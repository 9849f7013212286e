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

    public init(userID: String, name: String, publicKey: String, fingerprint: String, createdAt: Date, number: Int = 0) {
        self.userID = userID
        self.name = name
        self.publicKey = publicKey
        self.fingerprint = fingerprint
        self.createdAt = createdAt
        self.number = number
    }
}

/// `POST /os-keypairs`: import when `publicKey` is given, else generate.
public struct KeypairDraft: Sendable, Equatable {
    public var name: String
    public var publicKey: String?

    public init(name: String, publicKey: String? = nil) {
        self.name = name
        self.publicKey = publicKey
    }
}
