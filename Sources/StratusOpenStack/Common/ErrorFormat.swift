import HTTPTypes

/// Each OpenStack API words its errors its own way; the path says which API.
public enum ErrorFormat: Sendable {
    /// Keystone (and keystonemiddleware's 401 for every service):
    /// `{"error": {"code", "title", "message"}}`.
    case keystone
    /// Nova: `{"itemNotFound": {"code", "message"}}`, keyed by fault name.
    case nova
    /// Glance: webob's error page, JSON or plain text by `Accept` (`ErrorFormat+Glance`).
    case glance
    /// Barbican: `{"code", "title", "description"}`.
    case barbican
    /// Neutron: `{"NeutronError": {"type", "message", "detail"}}`.
    case neutron

    public static func forPath(_ path: String) -> ErrorFormat {
        if path.hasPrefix("/image") { return .glance }
        if path.hasPrefix("/key-manager") { return .barbican }
        if path.hasPrefix("/network") { return .neutron }
        // Cinder's faults are Nova's (`{"itemNotFound": {"code", "message"}}`).
        return path.hasPrefix("/compute") || path.hasPrefix("/volume") ? .nova : .keystone
    }

    public func body(_ error: APIError) -> JSONValue {
        let code = JSONValue.int(error.status.code)
        let message = JSONValue.string(error.message)
        switch self {
        case .keystone:
            return ["error": ["code": code, "title": .string(error.status.reasonPhrase), "message": message]]
        case .nova where error.status == .unauthorized:
            return ErrorFormat.keystone.body(error)
        case .nova:
            return [Self.novaFaultName(error.status): ["code": code, "message": message]]
        case .glance where error.status == .unauthorized:
            return ErrorFormat.keystone.body(error)
        case .glance:
            return Self.glanceBody(error)
        case .barbican where error.status == .unauthorized:
            return ErrorFormat.keystone.body(error)
        case .barbican:
            return ["code": code, "title": .string(error.status.reasonPhrase), "description": message]
        case .neutron where error.status == .unauthorized:
            return ErrorFormat.keystone.body(error)
        case .neutron:
            let type = error.type ?? "HTTP" + error.status.reasonPhrase.replacingOccurrences(of: " ", with: "")
            return ["NeutronError": ["type": .string(type), "message": message, "detail": ""]]
        }
    }

    static func novaFaultName(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: return "badRequest"
        case 403: return "forbidden"
        case 404: return "itemNotFound"
        case 405: return "badMethod"
        case 409: return "conflictingRequest"
        case 413: return "overLimit"
        case 501: return "notImplemented"
        case 503: return "serviceUnavailable"
        default: return "computeFault"
        }
    }
}
