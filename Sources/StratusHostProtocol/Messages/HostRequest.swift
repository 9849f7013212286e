import Foundation

/// Something the controller asks of a host on demand (a read from its driver
/// that cannot wait for a reconcile pass). The host fetches requests by long
/// poll, so the controller never opens a connection to a host: a closed set.
public struct HostRequest: Codable, Sendable, Equatable {
    /// The controller's name for this request; the answer is posted under it.
    public var requestId: String
    public var action: Action

    public enum Action: Sendable, Equatable {
        /// The tail of the guest's serial console; `lines` nil means all kept.
        case consoleOutput(instanceId: String, lines: Int?)

        /// The wire name of each kind (`{"kind": "console_output", ...}`).
        public var kind: String {
            switch self {
            case .consoleOutput: "console_output"
            }
        }
    }

    public init(requestId: String, action: Action) {
        self.requestId = requestId
        self.action = action
    }

    private enum Key: String, CodingKey {
        case requestId, kind, instanceId, lines
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        requestId = try c.decode(String.self, forKey: .requestId)
        let kind = try c.decode(String.self, forKey: .kind)
        switch kind {
        case "console_output":
            let lines = try c.decodeIfPresent(Int.self, forKey: .lines)
            if let lines, lines < 0 {
                throw DecodingError.dataCorruptedError(forKey: .lines, in: c, debugDescription: "lines must be 0 or more")
            }
            action = .consoleOutput(instanceId: try c.decode(String.self, forKey: .instanceId), lines: lines)
        default:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "unknown request kind \(kind.prefix(64))")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(requestId, forKey: .requestId)
        try c.encode(action.kind, forKey: .kind)
        switch action {
        case .consoleOutput(let id, let lines):
            try c.encode(id, forKey: .instanceId)
            try c.encodeIfPresent(lines, forKey: .lines)
        }
    }
}

/// The requests waiting for the calling host (empty: none came within the wait).
public struct HostRequestsPage: Codable, Sendable, Equatable {
    public var requests: [HostRequest]

    public init(requests: [HostRequest]) { self.requests = requests }
}

/// A host's answer to one request: what was asked for, or why it could not be had.
/// `{"request_id", "outcome": "output", "output"}` or `{"request_id", "outcome": "error", "message"}`.
public struct HostRequestAnswer: Codable, Sendable, Equatable {
    public var requestId: String
    public var outcome: Outcome

    public enum Outcome: Sendable, Equatable {
        /// The console text (or, for later kinds, their result as text).
        case output(String)
        /// The driver's reason, shown to whoever asked.
        case error(String)
    }

    public init(requestId: String, outcome: Outcome) {
        self.requestId = requestId
        self.outcome = outcome
    }

    private enum Key: String, CodingKey {
        case requestId, outcome, output, message
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        requestId = try c.decode(String.self, forKey: .requestId)
        let name = try c.decode(String.self, forKey: .outcome)
        switch name {
        case "output": outcome = .output(try c.decode(String.self, forKey: .output))
        case "error": outcome = .error(try c.decode(String.self, forKey: .message))
        default:
            throw DecodingError.dataCorruptedError(forKey: .outcome, in: c, debugDescription: "unknown outcome \(name.prefix(64))")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(requestId, forKey: .requestId)
        switch outcome {
        case .output(let text):
            try c.encode("output", forKey: .outcome)
            try c.encode(text, forKey: .output)
        case .error(let message):
            try c.encode("error", forKey: .outcome)
            try c.encode(message, forKey: .message)
        }
    }
}
