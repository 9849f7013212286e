import Foundation
import StratusCore

/// `instances.interfaces`: a server's ports in a plain text form, one line per port,
/// `port network =name mac preserve =addr,addr`. Every server of a list page has
/// its own ports, so this column is decoded once per row; a JSONDecoder per row cost
/// `GET /servers/detail` 6 ms per 100 servers (measured), splitting costs next to
/// nothing. Ids, MACs and addresses hold no spaces or commas; the name is
/// percent-encoded, so it may hold anything.
enum InterfacesColumn {
    static let nameCharacters: CharacterSet = {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-_.:")
        return allowed
    }()

    static func encode(_ interfaces: [ServerInterface]) -> String {
        interfaces.map { interface in
            let name = interface.networkName.addingPercentEncoding(withAllowedCharacters: nameCharacters)
                ?? interface.networkName
            return [
                interface.portID, interface.networkID, "=" + name, interface.macAddress,
                interface.preserveOnDelete ? "1" : "0", "=" + interface.addresses.joined(separator: ","),
            ].joined(separator: " ")
        }.joined(separator: "\n")
    }

    /// Unreadable lines are dropped rather than failing the whole row. Split on
    /// UTF-8 bytes: `String.split` walks grapheme clusters, which showed in profiles.
    static func decode(_ text: String?) -> [ServerInterface] {
        guard let text, !text.isEmpty, text != "[]" else { return [] }
        return text.utf8.split(separator: UInt8(ascii: "\n")).compactMap { line in
            let fields = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
            guard fields.count == 6, fields[2].first == UInt8(ascii: "="), fields[5].first == UInt8(ascii: "=") else {
                return nil
            }
            func string(_ bytes: Substring.UTF8View.SubSequence) -> String { String(decoding: bytes, as: UTF8.self) }
            let encodedName = string(fields[2].dropFirst())
            // A byte test: `String.contains(_:)` goes through Foundation's string search.
            let name = encodedName.utf8.contains(UInt8(ascii: "%")) ? encodedName.removingPercentEncoding ?? "" : encodedName
            let addresses = fields[5].dropFirst()
            return ServerInterface(
                portID: string(fields[0]), networkID: string(fields[1]), networkName: name,
                macAddress: string(fields[3]),
                addresses: addresses.isEmpty ? [] : addresses.split(separator: UInt8(ascii: ",")).map(string),
                preserveOnDelete: fields[4].elementsEqual("1".utf8))
        }
    }
}
