import Foundation
#if canImport(Glibc)
import Glibc
private let streamSocket = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
private let noSignal = Int32(MSG_NOSIGNAL)
#elseif canImport(Darwin)
import Darwin
private let streamSocket = SOCK_STREAM
private let noSignal: Int32 = 0
#endif

/// A connected unix stream socket. The descriptor closes when the last
/// reference goes (the reader thread holds one), so it is never closed while
/// a blocked read still uses it; `shutdown` is what wakes that read.
final class UnixSocketConnection: Sendable {
    let descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    deinit { close(descriptor) }

    static func connect(path: String) throws -> UnixSocketConnection {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard bytes.count < capacity else {
            throw QMPError.socket("path longer than \(capacity - 1) bytes: \(path)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let descriptor = socket(AF_UNIX, streamSocket, 0)
        guard descriptor >= 0 else { throw QMPError.socket("socket: \(String(cString: strerror(errno)))") }
        let connection = UnixSocketConnection(descriptor: descriptor)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Foundation.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else { throw QMPError.socket("connect \(path): \(String(cString: strerror(errno)))") }
        return connection
    }

    /// Writes all of `bytes`; a peer that is gone is an error, not a SIGPIPE.
    func send(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Foundation.send(descriptor, $0.baseAddress, $0.count, noSignal) }
            if count < 0 {
                if errno == EINTR { continue }
                throw QMPError.socket("send: \(String(cString: strerror(errno)))")
            }
            sent += count
        }
    }

    /// Ends both directions: a read blocked on another thread returns 0.
    func shutdown() {
        _ = Foundation.shutdown(descriptor, Int32(SHUT_RDWR))
    }

    /// Reads until end of stream or error on a thread of its own, handing each
    /// chunk to `received`, then calls `ended`.
    func startReading(received: @escaping @Sendable ([UInt8]) -> Void, ended: @escaping @Sendable () -> Void) {
        let thread = Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                received(Array(buffer[..<count]))
            }
            ended()
        }
        thread.name = "qmp-reader"
        thread.start()
    }
}
