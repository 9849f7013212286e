import HTTPTypes
import Hummingbird
import NIOCore

extension ErrorFormat {
    /// The error response: JSON for every API, except that Glance's errors are
    /// webob's pages, whose form follows `Accept`: JSON when asked for, HTML for
    /// `*/*` or `text/html` (what requests sends by default; openstacksdk shows the
    /// page's text lines), plain text otherwise. A 401 is keystonemiddleware's JSON.
    public func response(_ error: APIError, accept: String?, headers: HTTPFields = [:]) throws -> Response {
        let accept = (accept ?? "").lowercased()
        guard self == .glance, error.status != .unauthorized, !accept.contains("application/json") else {
            return try .json(body(error), status: error.status, headers: headers)
        }
        let status = "\(error.status.code) \(error.status.reasonPhrase)"
        let explanation = Self.glanceExplanation(error.status)
        var fields = headers
        let text: String
        if accept.contains("text/html") || accept.contains("*/*") || accept.contains("text/*") {
            fields[.contentType] = "text/html; charset=UTF-8"
            text = """
                <html>
                 <head>
                  <title>\(status)</title>
                 </head>
                 <body>
                  <h1>\(status)</h1>
                  \(explanation)<br /><br />
                \(Self.escapeHTML(error.message))


                 </body>
                </html>
                """
        } else {
            fields[.contentType] = "text/plain; charset=UTF-8"
            text = "\(status)\n\n\(explanation)\n\n \(error.message)\n\n   "
        }
        return Response(status: error.status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func escapeHTML(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// webob's JSON error: the explanation and the detail in `message`, joined by
    /// its HTML template (clients show it as it comes).
    static func glanceBody(_ error: APIError) -> JSONValue {
        [
            "message": .string("\(glanceExplanation(error.status))<br /><br />\n\(error.message)\n\n"),
            "code": .string("\(error.status.code) \(error.status.reasonPhrase)"),
            "title": .string(error.status.reasonPhrase),
        ]
    }

    /// webob's standard explanation of each status.
    static func glanceExplanation(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "The server could not comply with the request since it is either malformed or otherwise incorrect."
        case 403: "Access was denied to this resource."
        case 404: "The resource could not be found."
        case 405: "The method is not allowed for this resource."
        case 409: "There was a conflict when trying to complete your request."
        case 413: "The request is larger than the server is willing or able to process."
        case 415: "The request media type is not supported by this server."
        case 503: "The server is currently unavailable. Please try again at a later time."
        default: "The server has either erred or is incapable of performing the requested operation."
        }
    }
}
