import Crypto
import Foundation

/// OpenSSH public keys: parsing an imported `type base64 [comment]` line and
/// Nova's fingerprint (MD5 of the key blob, colon-separated hex).
public struct SSHPublicKey: Sendable, Equatable {
    static let knownTypes: Set<String> = [
        "ssh-rsa", "ssh-ed25519", "ssh-dss", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
    ]

    public var type: String
    public var blob: Data

    /// Nil unless the line is a well-formed key of a known type whose blob names that type.
    public init?(line: String) {
        let words = line.split(whereSeparator: \.isWhitespace)
        guard words.count >= 2, Self.knownTypes.contains(String(words[0])),
              let blob = Data(base64Encoded: String(words[1])),
              let inner = SSHWire.readString(blob), String(decoding: inner, as: UTF8.self) == words[0]
        else { return nil }
        type = String(words[0])
        self.blob = blob
    }

    init(type: String, blob: Data) {
        self.type = type
        self.blob = blob
    }

    public var fingerprint: String {
        Insecure.MD5.hash(data: blob).map { String(format: "%02x", $0) }.joined(separator: ":")
    }

    public func line(comment: String) -> String {
        "\(type) \(blob.base64EncodedString()) \(comment)"
    }
}

/// SSH wire encoding: big-endian lengths before byte strings.
enum SSHWire {
    static func string(_ bytes: some DataProtocol) -> Data {
        uint32(UInt32(bytes.count)) + Data(bytes)
    }

    /// An unsigned big-endian integer as SSH's mpint (RFC 4251 §5): no leading
    /// zero bytes, except one when the top bit is set, so it does not read as negative.
    static func mpint(_ magnitude: Data) -> Data {
        var bytes = Array(magnitude.drop { $0 == 0 })
        if let first = bytes.first, first & 0x80 != 0 { bytes.insert(0, at: 0) }
        return string(bytes)
    }

    static func uint32(_ value: UInt32) -> Data {
        Data([UInt8(value >> 24 & 0xff), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)])
    }

    /// The first length-prefixed string of `data`, if it is well formed.
    static func readString(_ data: Data) -> Data? {
        let bytes = [UInt8](data)
        guard bytes.count >= 4 else { return nil }
        let length = Int(bytes[0]) << 24 | Int(bytes[1]) << 16 | Int(bytes[2]) << 8 | Int(bytes[3])
        guard length <= bytes.count - 4 else { return nil }
        return Data(bytes[4..<(4 + length)])
    }
}
