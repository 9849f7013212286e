import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The API's address, claimed before the cloud touches any state: a busy or
/// wrong `--host`/`--port` fails the start at once, naming the address, with
/// no database opened and no host agent started.
///
/// The socket is bound with SO_REUSEADDR and not listened on, so the HTTP
/// server can bind the same address (Linux only refuses a second bind beside a
/// *listening* socket) while nobody else can take it in between. `--port 0`
/// gets its port from the kernel here, not from a probe that could go stale.
final class ListenerReservation: Sendable {
    let host: String
    let port: Int
    private let descriptor: Int32

    struct Refused: Error, CustomStringConvertible {
        var host: String
        var port: Int
        var code: Int32

        var description: String {
            let address = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
            let reason = String(cString: strerror(code))
            switch code {
            case EADDRINUSE:
                return "cannot listen on \(address): \(reason) (another process is listening there); stop it, or choose another port with --port (0 picks a free one)"
            case EACCES:
                return "cannot listen on \(address): \(reason) (ports below 1024 need privileges); choose a port from 1024 up with --port"
            case EADDRNOTAVAIL:
                return "cannot listen on \(address): \(reason) (no interface of this machine has that address); check --host"
            default:
                return "cannot listen on \(address): \(reason); check --host and --port"
            }
        }
    }

    struct UnknownHost: Error, CustomStringConvertible {
        var host: String
        var reason: String
        var description: String { "cannot listen on \(host): \(reason); check --host" }
    }

    init(host: String, port: Int) throws {
        guard (0...65535).contains(port) else { throw Refused(host: host, port: port, code: EINVAL) }
        var hints = addrinfo()
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var found: UnsafeMutablePointer<addrinfo>?
        let resolved = getaddrinfo(host, String(port), &hints, &found)
        guard resolved == 0, let first = found else {
            throw UnknownHost(host: host, reason: String(cString: gai_strerror(resolved)))
        }
        defer { freeaddrinfo(first) }
        let fd = socket(first.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw Refused(host: host, port: port, code: errno) }
        var yes: Int32 = 1
        guard setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size)) == 0,
              bind(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0
        else {
            let code = errno
            close(fd)
            throw Refused(host: host, port: port, code: code)
        }
        var address = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else {
            let code = errno
            close(fd)
            throw Refused(host: host, port: port, code: code)
        }
        self.host = host
        self.port = Self.port(of: address)
        descriptor = fd
    }

    /// A bound socket still conflicts with any non-SO_REUSEADDR bind, and with
    /// nothing else: the HTTP server's listener takes over from here.
    deinit { close(descriptor) }

    private static func port(of address: sockaddr_storage) -> Int {
        var copy = address
        return withUnsafePointer(to: &copy) { pointer in
            switch Int32(address.ss_family) {
            case AF_INET6:
                pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin6_port)) }
            default:
                pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
            }
        }
    }
}
