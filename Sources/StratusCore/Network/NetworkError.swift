import Foundation

/// Networking failures in Neutron's words: `{"NeutronError": {"type", "message",
/// "detail"}}`, the type naming Neutron's exception class.
public struct NetworkError: Error, Sendable, Equatable {
    public enum Status: Int, Sendable {
        case badRequest = 400
        case forbidden = 403
        case notFound = 404
        case conflict = 409
    }

    public var status: Status
    public var type: String
    public var message: String

    public init(_ status: Status, _ type: String, _ message: String) {
        self.status = status
        self.type = type
        self.message = message
    }

    public static func badRequest(_ message: String) -> NetworkError { .init(.badRequest, "HTTPBadRequest", message) }
    public static func invalidInput(_ message: String) -> NetworkError {
        .init(.badRequest, "InvalidInput", "Invalid input for operation: \(message).")
    }
    public static func networkNotFound(_ id: String) -> NetworkError {
        .init(.notFound, "NetworkNotFound", "Network \(id) could not be found.")
    }
    public static func subnetNotFound(_ id: String) -> NetworkError {
        .init(.notFound, "SubnetNotFound", "Subnet \(id) could not be found.")
    }
    public static func portNotFound(_ id: String) -> NetworkError {
        .init(.notFound, "PortNotFound", "Port \(id) could not be found.")
    }
    public static func securityGroupNotFound(_ id: String) -> NetworkError {
        .init(.notFound, "SecurityGroupNotFound", "Security group \(id) does not exist")
    }
    public static func ruleNotFound(_ id: String) -> NetworkError {
        .init(.notFound, "SecurityGroupRuleNotFound", "Security group rule \(id) does not exist")
    }
    /// Neutron hides what a caller may not see as "not found"; what it may see
    /// but not change is this.
    public static func policyDenied(_ action: String) -> NetworkError {
        .init(.forbidden, "PolicyNotAuthorized", "(rule:\(action)) is disallowed by policy")
    }
}
