import AsyncHTTPClient
import Foundation
import NIOCore
@_exported import enum NIOHTTP1.HTTPMethod
import NIOSSL
import StratusCore
import StratusHostProtocol

/// The agent's HTTPS connection to the controller's host listener: the cloud's
/// CA is the only trust root, TLS ≥ 1.2, and the host's client certificate is
/// presented on every call once it has one (enrollment goes without).
public struct HostLinkClient: Sendable {
    let baseURL: String
    /// Every request carries it; AsyncHTTPClient pools connections by it. The
    /// process-wide client needs no shutdown, so no path can leak or trap on one.
    private let tls: TLSConfiguration
    private var client: HTTPClient { .shared }

    /// What the agent authenticates with: its certificate and key (PEM), or none (enrollment).
    public struct Credentials: Sendable {
        public var certificatePEM: String
        public var keyPEM: String

        public init(certificatePEM: String, keyPEM: String) {
            self.certificatePEM = certificatePEM
            self.keyPEM = keyPEM
        }
    }

    public init(controller: String, caCertificatePEM: String, credentials: Credentials?) throws {
        guard let url = URL(string: controller), url.scheme == "https", url.host != nil else {
            throw HostLinkCallFailed(status: 0, code: "bad_controller_url", message: "the controller URL must be https://HOST:PORT, not \(controller)")
        }
        baseURL = controller.hasSuffix("/") ? String(controller.dropLast()) : controller
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(caCertificatePEM.utf8)))
        if let credentials {
            tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(Array(credentials.certificatePEM.utf8)).map { .certificate($0) }
            tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(credentials.keyPEM.utf8), format: .pem))
        }
        self.tls = tls
    }

    /// A JSON call: the message out (nil: no body) and the answer decoded (`Empty` for 204).
    public func call<Answer: Decodable>(
        _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: (some Encodable)? = Optional<Empty>.none,
        as answer: Answer.Type, timeout: Duration = .seconds(60)
    ) async throws -> Answer {
        var request = HTTPClientRequest(url: url(path, query))
        request.tlsConfiguration = tls
        request.method = method
        request.headers.add(name: HostProtocol.versionHeader, value: String(HostProtocol.version))
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try HostProtocol.encoder().encode(body)))
        }
        return try await send(request, as: answer, timeout: timeout)
    }

    /// One request exactly as given — the bytes as the body, only the headers named
    /// (no version header unless one of them) — and the answer's status and body,
    /// whatever they are: for probing a listener with malformed calls (tests,
    /// diagnostics). Agents use `call`.
    public func rawExchange(
        _ method: HTTPMethod, _ pathAndQuery: String, headers: [(String, String)] = [], body: [UInt8]? = nil,
        timeout: Duration = .seconds(60)
    ) async throws -> (status: Int, body: Data) {
        var request = HTTPClientRequest(url: baseURL + pathAndQuery)
        request.tlsConfiguration = tls
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await client.execute(request, timeout: .nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000))
        let answer = try await response.body.collect(upTo: HostProtocol.maxMessageBytes)
        return (Int(response.status.code), Data(answer.readableBytesView))
    }

    /// A streamed upload (a snapshot's disk).
    func upload(_ path: String, chunks: some AsyncSequence<[UInt8], any Error> & Sendable) async throws {
        var request = HTTPClientRequest(url: url(path, []))
        request.tlsConfiguration = tls
        request.method = .PUT
        request.headers.add(name: HostProtocol.versionHeader, value: String(HostProtocol.version))
        request.headers.add(name: "Content-Type", value: "application/octet-stream")
        request.body = .stream(chunks.map { ByteBuffer(bytes: $0) }, length: .unknown)
        _ = try await send(request, as: Empty.self, timeout: .seconds(3600))
    }

    /// A streamed download (an image's data), pulled chunk by chunk as the reader asks.
    func download(_ path: String) async throws -> ImageDataChunks {
        var request = HTTPClientRequest(url: url(path, []))
        request.tlsConfiguration = tls
        request.headers.add(name: HostProtocol.versionHeader, value: String(HostProtocol.version))
        let response = try await client.execute(request, timeout: .hours(6))
        guard response.status == .ok else {
            let body = try await response.body.collect(upTo: HostProtocol.maxMessageBytes)
            let detail = try? HostProtocol.decoder().decode(HostProtocolErrorBody.self, from: Data(body.readableBytesView))
            throw HostLinkCallFailed(
                status: Int(response.status.code), code: detail?.error.code ?? "http_\(response.status.code)",
                message: detail?.error.message ?? String(decoding: body.readableBytesView.prefix(512), as: UTF8.self))
        }
        let stream = DownloadStream(response.body)
        return ImageDataChunks { try await stream.next() }
    }

    private func send<Answer: Decodable>(_ request: HTTPClientRequest, as: Answer.Type, timeout: Duration) async throws -> Answer {
        let response = try await client.execute(request, timeout: .nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000))
        let body = try await response.body.collect(upTo: HostProtocol.maxMessageBytes)
        let data = Data(body.readableBytesView)
        guard (200..<300).contains(Int(response.status.code)) else {
            let detail = try? HostProtocol.decoder().decode(HostProtocolErrorBody.self, from: data)
            throw HostLinkCallFailed(
                status: Int(response.status.code), code: detail?.error.code ?? "http_\(response.status.code)",
                message: detail?.error.message ?? String(decoding: data.prefix(512), as: UTF8.self))
        }
        if Answer.self == Empty.self, let empty = Empty() as? Answer { return empty }
        return try HostProtocol.decoder().decode(Answer.self, from: data)
    }

    private func url(_ path: String, _ query: [(String, String)]) -> String {
        guard !query.isEmpty else { return baseURL + path }
        var components = URLComponents()
        components.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) }
        return baseURL + path + "?" + (components.percentEncodedQuery ?? "")
    }

    /// No body, or no answer.
    public struct Empty: Codable, Sendable {
        public init() {}
    }
}

/// A response body read once, in order, by one reader.
private final class DownloadStream: @unchecked Sendable {
    private var iterator: HTTPClientResponse.Body.AsyncIterator

    init(_ body: HTTPClientResponse.Body) { iterator = body.makeAsyncIterator() }

    func next() async throws -> [UInt8]? { try await iterator.next().map { Array($0.readableBytesView) } }
}

/// The controller refused a call (or could not be reached at that address);
/// `code` is the protocol's, `message` the controller's reason.
public struct HostLinkCallFailed: Error, Sendable, Equatable, CustomStringConvertible {
    public var status: Int
    public var code: String
    public var message: String

    public var description: String { "controller answered \(status) \(code): \(message)" }
}
