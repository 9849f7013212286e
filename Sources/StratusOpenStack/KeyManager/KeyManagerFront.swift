import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import StratusCore

/// A Barbican v1 subset at `/key-manager`: secrets of type `certificate`, the store
/// image signatures are verified against (`openstack secret store|list|get|delete`
/// from python-barbicanclient). Decodes, calls `KeyManagerService`, renders.
public struct KeyManagerFront: Sendable {
    public typealias Context = OpenStackRequestContext

    let identity: IdentityService
    let keyManager: KeyManagerService
    /// `<public URL>/key-manager`, for `secret_ref` links.
    let keyManagerURL: String

    public init(identity: IdentityService, keyManager: KeyManagerService, keyManagerURL: String) {
        self.identity = identity
        self.keyManager = keyManager
        self.keyManagerURL = keyManagerURL
    }

    public func register(on router: Router<Context>) {
        // Version discovery: "stable" with no microversion range is Barbican 1.0,
        // which is what python-barbicanclient settles on.
        router.get("key-manager") { _, _ in try Response.json(["versions": ["values": [versionEntry()]]], status: .multipleChoices) }
        let api = router.group("key-manager/v1")
        api.get("") { _, _ in try Response.json(["version": versionEntry()]) }
        let secrets = api.group("secrets").add(middleware: TokenAuthMiddleware(identity: identity))
        addSecretRoutes(secrets)
    }

    func versionEntry() -> JSONValue {
        [
            "id": "v1", "status": "stable",
            "links": [["rel": "self", "href": .string(keyManagerURL + "/v1/")]],
            "media-types": [["base": "application/json", "type": "application/vnd.openstack.key-manager-v1+json"]],
        ]
    }

    func addSecretRoutes(_ secrets: RouterGroup<Context>) {
        // The client posts to `secrets/`; the router treats the trailing slash as none.
        secrets.post { request, context in
            let body = try JSONObjectReader(try await request.jsonBody(limit: context.maxUploadSize), field: "secret")
            let draft = CertificateDraft(
                name: try body.nullableString("name") ?? nil, payload: try body.string("payload"),
                payloadContentType: try body.string("payload_content_type"),
                payloadContentEncoding: try body.string("payload_content_encoding"),
                secretType: try body.string("secret_type") ?? "opaque",
                expiration: try body.nullableString("expiration") ?? nil)
            let stored = try await keyManager.storeCertificate(try context.caller(), draft)
            return try Response.json(["secret_ref": .string(secretRef(stored.id))], status: .created)
        }
        secrets.get { request, context in
            let query = request.uri.queryParameters
            let offset = try Self.integer(query.get("offset"), "offset")
            let limit = try Self.integer(query.get("limit"), "limit")
            let page = try await keyManager.certificates(
                try context.caller(), name: query.get("name"), offset: offset, limit: limit)
            var body: [String: JSONValue] = [
                "secrets": .array(page.page.map(metadata)), "total": .int(page.total),
            ]
            // `offset` is the client's (any Int); `total - limit` cannot overflow.
            if page.offset < page.total - page.limit {
                body["next"] = .string(pageRef(offset: page.offset + page.limit, limit: page.limit))
            }
            if page.offset > 0 {
                body["previous"] = .string(pageRef(offset: max(0, page.offset - page.limit), limit: page.limit))
            }
            return try Response.json(.object(body))
        }
        secrets.get(":id") { request, context in
            let id = try context.parameter("id")
            // Barbican answers a payload request on the secret itself when Accept asks
            // for something other than JSON (the client's older path).
            if let accept = request.headers[.accept], !accept.contains("json"), accept != "*/*" {
                return try await payload(id, accept: accept, context)
            }
            return try Response.json(metadata(try await keyManager.certificate(try context.caller(), id: id)))
        }
        secrets.get(":id/payload") { request, context in
            try await payload(try context.parameter("id"), accept: request.headers[.accept], context)
        }
        secrets.delete(":id") { _, context in
            try await keyManager.deleteCertificate(try context.caller(), id: try context.parameter("id"))
            return Response.empty(.noContent)
        }
    }

    func payload(_ id: String, accept: String?, _ context: Context) async throws -> Response {
        let certificate = try await keyManager.certificatePayload(try context.caller(), id: id, accept: accept)
        var headers = HTTPFields()
        headers[.contentType] = certificate.payloadContentType
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: certificate.payload)))
    }

    /// Barbican's secret metadata.
    func metadata(_ certificate: StoredCertificate) -> JSONValue {
        let created = JSONValue.string(UTCTimestamp.microseconds(certificate.createdAt))
        return [
            "secret_ref": .string(secretRef(certificate.id)),
            "name": certificate.name.map(JSONValue.string) ?? .null,
            "secret_type": "certificate",
            "status": "ACTIVE",
            "created": created, "updated": created,
            "expiration": .null, "algorithm": .null, "bit_length": .null, "mode": .null,
            "content_types": ["default": .string(certificate.payloadContentType)],
            "creator_id": .string(certificate.creatorUserID),
        ]
    }

    func secretRef(_ id: String) -> String { keyManagerURL + "/v1/secrets/" + id }

    func pageRef(offset: Int, limit: Int) -> String {
        keyManagerURL + "/v1/secrets?limit=\(limit)&offset=\(offset)"
    }

    static func integer(_ text: String?, _ name: String) throws -> Int? {
        guard let text else { return nil }
        guard let value = Int(text), value >= 0 else {
            throw KeyManagerError.badRequest("Invalid \(name) value: \(text)")
        }
        return value
    }
}
