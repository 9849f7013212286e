import Foundation

/// A client of one QEMU's QMP socket: reads the greeting, enters command mode
/// (`qmp_capabilities`), runs commands with a timeout and collects the events
/// QEMU sends in between. QEMU serves one client per socket at a time, so
/// callers connect, do what they need and `close`.
public actor QMPClient {
    public private(set) var greeting: QMPValue?
    /// The events received so far, oldest first.
    public private(set) var events: [QMPEvent] = []
    private let connection: UnixSocketConnection
    private var waiting: [Int: CheckedContinuation<QMPValue, any Error>] = [:]
    private var nextID = 1
    private var isClosed = false
    /// `waiting` key of the greeting, which has no id.
    private static let greetingKey = 0

    private init(connection: UnixSocketConnection) {
        self.connection = connection
    }

    /// Connects, waits for the greeting and negotiates capabilities.
    public static func connect(path: String, timeout: Duration = .seconds(5)) async throws -> QMPClient {
        let client = QMPClient(connection: try UnixSocketConnection.connect(path: path))
        do {
            try await client.start(timeout: timeout)
        } catch {
            client.close()
            throw error
        }
        return client
    }

    /// Runs `command`; QEMU's error reply is thrown as `QMPError.command`.
    @discardableResult
    public func execute(
        _ command: String, arguments: [String: QMPValue]? = nil, timeout: Duration = .seconds(10)
    ) async throws -> QMPValue {
        let id = nextID
        nextID += 1
        let line = try QMPMessage.command(command, arguments: arguments, id: id)
        return try await awaitAnswer(key: id, timeout: timeout, what: command) { try self.connection.send(line) }
    }

    /// Waits until an event named `name` has arrived (also one that came earlier).
    public func waitForEvent(named name: String, timeout: Duration) async throws -> QMPEvent {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let event = events.first(where: { $0.name == name }) { return event }
            guard !isClosed else { throw QMPError.closed }
            guard ContinuousClock.now < deadline else { throw QMPError.timedOut("event \(name)") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Ends the connection; safe to call from anywhere, more than once.
    public nonisolated func close() {
        connection.shutdown()
    }

    private func start(timeout: Duration) async throws {
        let (messages, continuation) = AsyncStream.makeStream(of: Result<QMPMessage, QMPError>.self)
        let reader = LineReader()
        connection.startReading(
            received: { bytes in
                for line in reader.feed(bytes) {
                    continuation.yield(Result { try QMPMessage.parse(line) }.mapError { $0 as? QMPError ?? .malformed("\($0)") })
                }
            },
            ended: { continuation.finish() })
        Task { [messages] in
            for await message in messages { self.receive(message) }
            self.connectionEnded()
        }
        _ = try await awaitAnswer(key: Self.greetingKey, timeout: timeout, what: "the greeting") {}
        try await execute("qmp_capabilities", timeout: timeout)
    }

    /// Registers the waiter before `send`, so an instant reply cannot be missed.
    private func awaitAnswer(
        key: Int, timeout: Duration, what: String, send: () throws -> Void
    ) async throws -> QMPValue {
        if key == Self.greetingKey, let greeting { return greeting }
        guard !isClosed else { throw QMPError.closed }
        let timer = Task {
            guard (try? await Task.sleep(for: timeout)) != nil else { return }
            self.finish(key, with: .failure(.timedOut(what)))
        }
        defer { timer.cancel() }
        return try await withCheckedThrowingContinuation { continuation in
            waiting[key] = continuation
            do { try send() } catch { finish(key, with: .failure(error as? QMPError ?? .socket("\(error)"))) }
        }
    }

    private func finish(_ key: Int, with result: Result<QMPValue, QMPError>) {
        waiting.removeValue(forKey: key)?.resume(with: result.mapError { $0 as any Error })
    }

    private func receive(_ message: Result<QMPMessage, QMPError>) {
        switch message {
        case .success(.greeting(let value)):
            greeting = value
            finish(Self.greetingKey, with: .success(value))
        case .success(.reply(let id, let result)):
            // Replies without an id answer nothing this client sent.
            if let id { finish(id, with: result) }
        case .success(.event(let event)):
            events.append(event)
        case .failure:
            // A line that is not QMP cannot be matched to a command; the
            // command's timeout reports it.
            break
        }
    }

    private func connectionEnded() {
        isClosed = true
        for key in Array(waiting.keys) { finish(key, with: .failure(.closed)) }
    }
}

/// The framer the reader thread feeds; only that thread touches it.
private final class LineReader: @unchecked Sendable {
    private var framer = QMPFramer()
    func feed(_ bytes: [UInt8]) -> [[UInt8]] { framer.feed(bytes) }
}
