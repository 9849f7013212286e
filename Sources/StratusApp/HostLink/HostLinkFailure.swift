import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import StratusCore
import StratusHostProtocol

/// A refused host-link call, answered as `HostProtocolErrorBody` with a stable
/// code. Domain errors map to the nearest status; anything else is a 500 whose
/// reason stays in the controller's log.
struct HostLinkFailure: Error, HTTPResponseError {
    var status: HTTPResponse.Status
    var code: String
    var message: String

    static func badRequest(_ message: String) -> HostLinkFailure { .init(status: .badRequest, code: "bad_request", message: message) }
    static let noCertificate = HostLinkFailure(
        status: .unauthorized, code: "no_client_certificate",
        message: "This call needs the host's client certificate from the cloud's CA.")

    init(status: HTTPResponse.Status, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    /// The answer for an error a use case threw; nil when it is not a domain error.
    init?(_ error: any Error) {
        switch error {
        case let failure as HostLinkFailure: self = failure
        case let enrollment as HostEnrollmentError:
            self.init(
                status: enrollment.isBadRequest ? .badRequest : .forbidden, code: "enrollment_refused",
                message: enrollment.description)
        case let protocolError as HostProtocolError:
            self.init(status: .badRequest, code: "bad_request", message: protocolError.description)
        case is NIOTooManyBytesError:
            self.init(
                status: .contentTooLarge, code: "too_large",
                message: "A message is at most \(HostProtocol.maxMessageBytes) bytes.")
        case let decoding as DecodingError:
            self.init(status: .badRequest, code: "bad_request", message: "The body is not a valid message: \(Self.describe(decoding))")
        case let compute as ComputeError:
            switch compute {
            case .badRequest(let message): self.init(status: .badRequest, code: "bad_request", message: message)
            case .forbidden(let message): self.init(status: .forbidden, code: "forbidden", message: message)
            case .notFound(let message): self.init(status: .notFound, code: "not_found", message: message)
            case .conflict(let message): self.init(status: .conflict, code: "conflict", message: message)
            case .notImplemented(let message): self.init(status: .notImplemented, code: "not_implemented", message: message)
            case .overLimit(let message): self.init(status: .contentTooLarge, code: "over_limit", message: message)
            }
        case let image as ImageError:
            switch image {
            case .badRequest(let message): self.init(status: .badRequest, code: "bad_request", message: message)
            case .forbidden(let message): self.init(status: .forbidden, code: "forbidden", message: message)
            case .notFound(let message): self.init(status: .notFound, code: "not_found", message: message)
            case .conflict(let message): self.init(status: .conflict, code: "conflict", message: message)
            case .tooLarge(let message): self.init(status: .contentTooLarge, code: "over_limit", message: message)
            }
        default: return nil
        }
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        let body = try HostProtocol.encoder().encode(HostProtocolErrorBody(code: code, message: message))
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context),
             .dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
