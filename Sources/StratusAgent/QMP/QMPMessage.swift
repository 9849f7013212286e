import Foundation

/// One message QEMU sends on a QMP socket.
public enum QMPMessage: Sendable, Equatable {
    /// The first message of a connection: `{"QMP": {"version": …, "capabilities": …}}`.
    case greeting(QMPValue)
    /// The answer to the command sent with `id`.
    case reply(id: Int?, Result<QMPValue, QMPError>)
    case event(QMPEvent)

    /// Parses one line (QEMU ends each message with CRLF).
    public static func parse(_ line: [UInt8]) throws -> QMPMessage {
        let value: QMPValue
        do {
            value = try JSONDecoder().decode(QMPValue.self, from: Data(line))
        } catch {
            throw QMPError.malformed(String(decoding: line.prefix(200), as: UTF8.self))
        }
        if let greeting = value["QMP"] { return .greeting(greeting) }
        if let result = value["return"] { return .reply(id: value["id"]?.intValue, .success(result)) }
        if let error = value["error"] {
            let failure = QMPError.command(
                class: error["class"]?.stringValue ?? "GenericError", description: error["desc"]?.stringValue ?? "")
            return .reply(id: value["id"]?.intValue, .failure(failure))
        }
        if let name = value["event"]?.stringValue {
            return .event(QMPEvent(name: name, data: value["data"] ?? .object([:])))
        }
        throw QMPError.malformed(String(decoding: line.prefix(200), as: UTF8.self))
    }

    /// The line that runs `command`; the `id` comes back in its reply.
    public static func command(_ command: String, arguments: [String: QMPValue]?, id: Int) throws -> [UInt8] {
        var message: [String: QMPValue] = ["execute": .string(command), "id": .int(id)]
        if let arguments { message["arguments"] = .object(arguments) }
        return Array(try JSONEncoder().encode(QMPValue.object(message))) + [UInt8(ascii: "\n")]
    }
}

/// An asynchronous QMP event (`STOP`, `RESUME`, `SHUTDOWN`, `RESET`, …).
public struct QMPEvent: Sendable, Equatable {
    public var name: String
    public var data: QMPValue

    public init(name: String, data: QMPValue = .object([:])) {
        self.name = name
        self.data = data
    }
}

public enum QMPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// QEMU refused the command (`{"error": {"class": …, "desc": …}}`).
    case command(class: String, description: String)
    case malformed(String)
    case timedOut(String)
    /// The connection ended (QEMU quit, or the client was closed).
    case closed
    case socket(String)

    public var description: String {
        switch self {
        case .command(let errorClass, let description): "QMP \(errorClass): \(description)"
        case .malformed(let text): "QMP sent something that is not a message: \(text)"
        case .timedOut(let what): "QMP timed out waiting for \(what)"
        case .closed: "QMP connection closed"
        case .socket(let reason): "QMP socket: \(reason)"
        }
    }
}

/// Splits a byte stream into lines; a line may arrive over several reads.
public struct QMPFramer: Sendable {
    private var buffer: [UInt8] = []

    public init() {}

    /// The complete lines `bytes` finishes, without their CR/LF; blank lines are skipped.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [[UInt8]] {
        buffer.append(contentsOf: bytes)
        var lines: [[UInt8]] = []
        while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
            var line = Array(buffer[..<newline])
            buffer.removeSubrange(...newline)
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            if !line.isEmpty { lines.append(line) }
        }
        return lines
    }
}
