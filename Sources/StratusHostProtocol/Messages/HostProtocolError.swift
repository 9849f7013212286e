import Foundation

/// A message that decodes as JSON but says something this version cannot mean:
/// an unknown state, a negative size. Either side refuses it whole.
public struct HostProtocolError: Error, Sendable, Equatable, CustomStringConvertible {
    public var field: String
    public var problem: String

    public init(field: String, problem: String) {
        self.field = field
        self.problem = problem
    }

    public var description: String { "\(field): \(problem)" }

    static func unknown(_ field: String, _ value: some CustomStringConvertible) -> HostProtocolError {
        HostProtocolError(field: field, problem: "unknown value \(String(String(describing: value).prefix(64)).debugDescription)")
    }
}
