import HTTPTypes
import Hummingbird
import StratusCore

/// An error a front raises about the request itself (bad JSON, bad field,
/// unknown route): the status and the message the client will read.
public struct APIError: Error, Sendable, Equatable {
    public var status: HTTPResponse.Status
    public var message: String
    /// Neutron names each error's exception class (`NetworkNotFound`); nil: by status.
    public var type: String?
    /// Seconds a refused client should wait (`Retry-After`, with 429 and 503).
    public var retryAfter: Int?

    public init(_ status: HTTPResponse.Status, _ message: String, type: String? = nil) {
        self.status = status
        self.message = message
        self.type = type
    }

    public static func badRequest(_ message: String) -> APIError { APIError(.badRequest, message) }
    public static func notFound(_ message: String = "The resource could not be found.") -> APIError {
        APIError(.notFound, message)
    }

    /// Maps any error to a status and a message that is safe to show: core
    /// errors keep their text, unexpected ones are reduced to a generic 500.
    public static func from(_ error: any Error) -> (APIError, unexpected: Bool) {
        switch error {
        case let error as APIError:
            return (error, false)
        case let error as IdentityError:
            return (from(error), false)
        case let error as ComputeError:
            return (from(error), false)
        case let error as ImageError:
            return (from(error), false)
        case let error as KeyManagerError:
            return (from(error), false)
        case let error as NetworkError:
            return (APIError(HTTPResponse.Status(code: error.status.rawValue), error.message, type: error.type), false)
        case let error as HostEnrollmentError:
            return (APIError(error.isBadRequest ? .badRequest : .forbidden, error.description), false)
        case let error as PolicyDenied:
            return (APIError(.forbidden, "You are not authorized to perform the requested action: \(error.action)."), false)
        case let error as StoreError:
            return from(error)
        case let error as HTTPError:
            return (APIError(error.status, error.body ?? defaultMessage(error.status)), false)
        default:
            return (APIError(.internalServerError, defaultMessage(.internalServerError)), true)
        }
    }

    private static func from(_ error: IdentityError) -> APIError {
        switch error {
        case .unauthorized(let message): return APIError(.unauthorized, message)
        case .forbidden(let message): return APIError(.forbidden, message)
        case .notFound(let kind, let id): return APIError(.notFound, "Could not find \(kind): \(id).")
        case .conflict(let message): return APIError(.conflict, message)
        case .badRequest(let message): return APIError(.badRequest, message)
        case .tooManyRequests(let seconds):
            var error = APIError(.tooManyRequests, "Too many authentication requests; retry in \(seconds) seconds.")
            error.retryAfter = seconds
            return error
        }
    }

    private static func from(_ error: ComputeError) -> APIError {
        switch error {
        case .badRequest(let message): return APIError(.badRequest, message)
        case .forbidden(let message): return APIError(.forbidden, message)
        case .notFound(let message): return APIError(.notFound, message)
        case .conflict(let message): return APIError(.conflict, message)
        case .notImplemented(let message): return APIError(.notImplemented, message)
        case .overLimit(let message): return APIError(.contentTooLarge, message)
        }
    }

    private static func from(_ error: ImageError) -> APIError {
        switch error {
        case .badRequest(let message): return APIError(.badRequest, message)
        case .forbidden(let message): return APIError(.forbidden, message)
        case .notFound(let message): return APIError(.notFound, message)
        case .conflict(let message): return APIError(.conflict, message)
        case .tooLarge(let message): return APIError(.contentTooLarge, message)
        }
    }

    private static func from(_ error: KeyManagerError) -> APIError {
        switch error {
        case .badRequest(let message): return APIError(.badRequest, message)
        case .forbidden(let message): return APIError(.forbidden, message)
        case .notFound(let message): return APIError(.notFound, message)
        case .notAcceptable(let message): return APIError(.notAcceptable, message)
        case .unsupportedMediaType(let message): return APIError(.unsupportedMediaType, message)
        }
    }

    private static func from(_ error: StoreError) -> (APIError, unexpected: Bool) {
        switch error {
        case .duplicate(let detail): return (APIError(.conflict, "Conflict occurred: \(detail)."), false)
        case .versionConflict: return (APIError(.conflict, "The resource changed concurrently; try again."), false)
        case .insufficientCapacity: return (APIError(.conflict, "The host no longer has room for this request."), false)
        case .quotaExceeded(let exceeded): return (APIError(.forbidden, exceeded.message), false)
        case .missingReference(let detail): return (APIError(.badRequest, "Invalid reference: \(detail)."), false)
        case .unavailable: return (APIError(.serviceUnavailable, "The service is temporarily unavailable."), true)
        }
    }

    static func defaultMessage(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: return "The request you have made is not valid."
        case 401: return "The request you have made requires authentication."
        case 403: return "You are not authorized to perform the requested action."
        case 404: return "The resource could not be found."
        case 405: return "The method is not allowed for the requested URL."
        case 413: return "The request body is too large."
        default: return "An unexpected error prevented the server from fulfilling your request."
        }
    }
}
