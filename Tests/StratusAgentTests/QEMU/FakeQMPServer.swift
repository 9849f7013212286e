import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A one-connection QMP server on a unix socket, scripted by the test: it
/// sends the greeting, then answers each command line with `answer(command)`
/// (nil: no answer), optionally preceded by events.
final class FakeQMPServer: Sendable {
    let path: String
    private let listener: Int32

    init(answer: @escaping @Sendable (_ command: String, _ id: Int) -> [String]?) throws {
        path = NSTemporaryDirectory() + "fake-qmp-\(UInt32.random(in: 0...UInt32.max)).sock"
        let listener = try UnixSocketListener.listening(at: path, backlog: 1)
        self.listener = listener
        Thread {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            defer { close(connection) }
            Self.write(connection, #"{"QMP": {"version": {"qemu": {"micro": 0, "minor": 2, "major": 7}}, "capabilities": ["oob"]}}"#)
            var pending = ""
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(connection, &buffer, buffer.count)
                guard count > 0 else { return }
                pending += String(decoding: buffer[..<count], as: UTF8.self)
                while let newline = pending.firstIndex(of: "\n") {
                    let line = String(pending[..<newline])
                    pending = String(pending[pending.index(after: newline)...])
                    let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
                    let command = object?["execute"] as? String ?? ""
                    let id = object?["id"] as? Int ?? 0
                    if command == "hang-up" { return }
                    for reply in answer(command, id) ?? [] { Self.write(connection, reply) }
                }
            }
        }.start()
    }

    deinit {
        close(listener)
        unlink(path)
    }

    private static func write(_ descriptor: Int32, _ line: String) {
        let bytes = Array((line + "\r\n").utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
    }
}
