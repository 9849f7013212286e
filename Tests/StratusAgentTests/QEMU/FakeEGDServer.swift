import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An entropy-gathering daemon on a unix socket, as QEMU's `rng-egd` speaks to
/// it: each request is `0x02 n` (a blocking read of n bytes), answered with n
/// bytes, here all `fill`, so a guest's `/dev/hwrng` shows where its bytes came from.
final class FakeEGDServer: Sendable {
    let path: String
    let fill: UInt8
    private let listener: Int32
    private let served = Counter()

    init(fill: UInt8 = 0xab) throws {
        self.fill = fill
        path = "/tmp/egd-\(UInt32.random(in: 0...UInt32.max)).sock"
        let listener = try UnixSocketListener.listening(at: path, backlog: 4)
        self.listener = listener
        let served = self.served
        Thread {
            while true {
                let connection = accept(listener, nil, nil)
                guard connection >= 0 else { return }
                Thread {
                    defer { close(connection) }
                    var header = [UInt8](repeating: 0, count: 2)
                    while read(connection, &header, 2) == 2 {
                        guard header[0] == 0x02 else { continue }
                        let bytes = [UInt8](repeating: fill, count: Int(header[1]))
                        guard bytes.withUnsafeBytes({ write(connection, $0.baseAddress, $0.count) }) == bytes.count
                        else { return }
                        served.add(bytes.count)
                    }
                }.start()
            }
        }.start()
    }

    /// Bytes handed out so far.
    var bytesServed: Int { served.value }

    deinit {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        unlink(path)
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var total = 0
        func add(_ count: Int) { lock.withLock { total += count } }
        var value: Int { lock.withLock { total } }
    }
}
