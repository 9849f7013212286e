import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ServiceLifecycle
import StratusAgent
import StratusCore
import StratusHostProtocol

/// The controller's end of the host protocol (`docs/host-protocol.md`): every
/// call but enrollment names its host by the verified client certificate, whose
/// credential must still stand (deleting the compute service revokes it). A host
/// reads and reports its own guests only: the use cases check the instance's host
/// against the certificate's name, and a guest of another host is "not found".
struct HostLinkRoutes: Sendable {
    /// The use cases as in-process agents call them.
    let controlPlane: InProcessControlPlane
    let desiredState: HostDesiredState
    let enrollment: HostEnrollmentService
    let images: ImageService
    /// The cloud's CA, which signs hosts' migration certificates.
    let migrationAuthority: any HostCertificateAuthoritySource
    let heartbeatInterval: Duration
    /// Controller → host requests (console reads), taken by the host's long poll.
    let hostRequests: HostRequestBroker

    func register(on router: Router<HostLinkRequestContext>) {
        router.add(middleware: HostLinkErrorMiddleware())
        router.post(RouterPath(HostProtocol.Path.enroll)) { request, context in
            let message = try await decode(EnrollmentRequest.self, request, context)
            let issued = try await enrollment.enroll(token: message.joinToken, hostName: message.hostName, csrPEM: message.csrPem)
            return try reply(EnrollmentResponse(
                certificatePem: issued.certificatePEM, caCertificatePem: issued.caCertificatePEM, expiresAt: issued.expiresAt))
        }
        router.post(RouterPath(HostProtocol.Path.migrationCredentials)) { request, context in
            let peer = try await authenticatedPeer(request, context)
            let message = try await decode(MigrationCredentialsRequest.self, request, context)
            let address = message.migrationAddress
            guard !address.isEmpty, address.count <= 253, address.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || ".-:".contains($0)) }) else {
                throw HostLinkFailure.badRequest("migration_address must be an IP address or a DNS name.")
            }
            let authority = try await migrationAuthority.authority()
            let issued = try authority.issueMigrationCertificates(
                publicKey: peer.publicKey, hostName: peer.hostName, address: address, now: Date())
            return try reply(MigrationCredentials(
                caCertificatePem: try authority.certificatePEM, serverCertificatePem: issued.serverCertificatePEM,
                clientCertificatePem: issued.clientCertificatePEM))
        }
        router.post(RouterPath(HostProtocol.Path.register)) { request, context in
            let host = try await authenticate(request, context)
            let message = try await decode(HostRegistration.self, request, context)
            try await controlPlane.register(try message.host(named: host, now: Date()))
            return try reply(RegistrationAccepted(
                hostId: host, hostName: host, protocolVersion: HostProtocol.version,
                heartbeatIntervalSeconds: Int(heartbeatInterval.components.seconds)))
        }
        router.post(RouterPath(HostProtocol.Path.heartbeat)) { request, context in
            let host = try await authenticate(request, context)
            _ = try await decode(Heartbeat.self, request, context)
            // The controller's clock decides liveness, not the host's.
            try await controlPlane.heartbeat(hostID: host, at: Date())
            return Response(status: .noContent)
        }
        router.get(RouterPath(HostProtocol.Path.desiredGuests)) { request, context in
            let host = try await authenticate(request, context)
            let query = try DesiredGuestsQuery(request.uri.queryParameters)
            // A stopping listener ends the watch at once ("unchanged") rather than holding its shutdown.
            let page = try await cancelWhenGracefulShutdown {
                try await desiredState.page(
                    hostID: host, since: query.since, cursor: query.cursor, limit: query.limit, wait: query.wait)
            }
            return try reply(DesiredGuestsPage(
                revision: page.revision, unchanged: page.unchanged, guests: page.guests.map(DesiredGuest.init),
                nextCursor: page.nextCursor))
        }
        router.post(RouterPath(HostProtocol.Path.reports)) { request, context in
            let host = try await authenticate(request, context)
            let batch = try await decode(HostReportBatch.self, request, context)
            guard batch.reports.count <= HostReportBatch.maxReports else {
                throw HostLinkFailure.badRequest("A batch carries at most \(HostReportBatch.maxReports) reports.")
            }
            return try reply(await HostReportApplier(controlPlane: controlPlane, hostName: host).apply(batch))
        }
        router.get(RouterPath(HostProtocol.prefix + "/guests/:id/interfaces")) { request, context in
            let host = try await authenticate(request, context)
            let id = try context.parameters.require("id")
            return try reply(GuestInterfaces(try await controlPlane.guestInterfaces(instanceID: id, hostID: host)))
        }
        router.put(RouterPath(HostProtocol.prefix + "/guests/:id/snapshot")) { request, context in
            let host = try await authenticate(request, context)
            let id = try context.parameters.require("id")
            try await controlPlane.uploadSnapshot(instanceID: id, hostID: host, chunks: BodyChunks(request.body).chunks)
            return Response(status: .noContent)
        }
        router.get(RouterPath(HostProtocol.Path.volumeWork)) { request, context in
            let host = try await authenticate(request, context)
            return try reply(PendingVolumeWork(try await controlPlane.pendingVolumeWork(hostID: host)))
        }
        router.get(RouterPath(HostProtocol.prefix + "/images/:id")) { request, context in
            let host = try await authenticate(request, context)
            let image = try await bootImage(try context.parameters.require("id"), forHost: host)
            let expected = try ExpectedImageData.of(image)
            return try reply(HostImage(
                id: expected.imageID, size: expected.size, sha512: expected.sha512, md5: expected.md5,
                diskFormat: expected.diskFormat, signatureVerified: expected.signatureVerified))
        }
        router.get(RouterPath(HostProtocol.prefix + "/images/:id/file")) { request, context in
            let host = try await authenticate(request, context)
            let image = try await bootImage(try context.parameters.require("id"), forHost: host)
            let data = try await images.hostImageData(id: image.id)
            var headers = HTTPFields()
            headers[.contentType] = "application/octet-stream"
            return Response(status: .ok, headers: headers, body: ResponseBody(contentLength: image.size.map(Int.init)) { writer in
                for try await chunk in data { try await writer.write(ByteBuffer(bytes: chunk)) }
                try await writer.finish(nil)
            })
        }
        router.post(RouterPath(HostProtocol.Path.strayGuests)) { request, context in
            let host = try await authenticate(request, context)
            let message = try await decode(StrayGuestsRequest.self, request, context)
            let verdicts = try await controlPlane.strayGuests(hostID: host, guests: try message.unclaimedGuests())
            return try reply(StrayGuestVerdicts(verdicts: verdicts.mapValues(\.wireName)))
        }
        router.get(RouterPath(HostProtocol.Path.requests)) { request, context in
            let host = try await authenticate(request, context)
            let wait = try HostRequestsQuery(request.uri.queryParameters).wait
            return try reply(HostRequestsPage(requests: await hostRequests.poll(hostName: host, wait: wait)))
        }
        router.post(RouterPath(HostProtocol.prefix + "/requests/:id/answer")) { request, context in
            let host = try await authenticate(request, context)
            let id = try context.parameters.require("id")
            let answer = try await decode(HostRequestAnswer.self, request, context)
            guard answer.requestId == id else { throw HostLinkFailure.badRequest("The answer's request_id is not the path's.") }
            // Another host's request is as unknown as one that never was, or timed out.
            do { try await hostRequests.answer(hostName: host, answer) } catch is HostRequestBroker.UnknownRequest {
                throw HostLinkFailure(status: .notFound, code: "not_found", message: "No request \(id.prefix(64)) waits for this host's answer.")
            }
            return Response(status: .noContent)
        }
    }

    /// What a host may download: images a guest of its own boots from (image,
    /// kernel or ramdisk), nothing else of the image service.
    private func bootImage(_ id: String, forHost host: String) async throws -> Image {
        let guests = try await controlPlane.desiredGuests(hostID: host)
        guard guests.contains(where: { [$0.record.imageID, $0.record.kernelID, $0.record.ramdiskID].contains(id) }) else {
            throw ComputeError.notFound("No guest of this host boots from image \(id.prefix(64)).")
        }
        return try await images.hostImage(id: id)
    }

    /// The host the call comes from: its verified certificate's name, while its
    /// credential stands; and the protocol version it speaks must be this one.
    private func authenticate(_ request: Request, _ context: HostLinkRequestContext) async throws -> String {
        try await authenticatedPeer(request, context).hostName
    }

    private func authenticatedPeer(
        _ request: Request, _ context: HostLinkRequestContext
    ) async throws -> HostLinkRequestContext.PeerCertificate {
        try checkVersion(request)
        guard let peer = try await context.peer() else { throw HostLinkFailure.noCertificate }
        try await enrollment.authorize(hostName: peer.hostName, serial: peer.serial)
        return peer
    }

    private func checkVersion(_ request: Request) throws {
        guard let name = HTTPField.Name(HostProtocol.versionHeader), let sent = request.headers[name] else {
            throw HostLinkFailure.badRequest("Every call names its host protocol version in \(HostProtocol.versionHeader).")
        }
        guard sent == String(HostProtocol.version) else {
            throw HostLinkFailure(
                status: .badRequest, code: "unsupported_version",
                message: "This controller speaks host protocol \(HostProtocol.version), not \(sent.prefix(16)).")
        }
    }

    private func decode<Message: Decodable>(
        _ type: Message.Type, _ request: Request, _ context: HostLinkRequestContext
    ) async throws -> Message {
        try checkVersion(request)
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        return try HostProtocol.decoder().decode(Message.self, from: Data(body.readableBytesView))
    }

    private func reply(_ message: some Encodable) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        let body = try HostProtocol.encoder().encode(message)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// `?since=&cursor=&limit=&wait=` of a desired-state read, each checked.
struct DesiredGuestsQuery {
    var since: String?
    var cursor: String?
    var limit = HostProtocol.maxPageSize
    var wait: Duration = .zero

    init(_ query: Parameters) throws {
        since = query.get("since").flatMap { $0.isEmpty ? nil : $0 }
        cursor = query.get("cursor").flatMap { $0.isEmpty ? nil : $0 }
        if let text = query.get("limit") {
            guard let value = Int(text), (1...HostProtocol.maxPageSize).contains(value) else {
                throw HostLinkFailure.badRequest("limit must be 1 to \(HostProtocol.maxPageSize).")
            }
            limit = value
        }
        if let text = query.get("wait") {
            let most = Int(HostProtocol.maxWait.components.seconds)
            guard let value = Int(text), (0...most).contains(value) else {
                throw HostLinkFailure.badRequest("wait must be 0 to \(most) seconds.")
            }
            wait = .seconds(value)
        }
        for value in [since, cursor].compactMap({ $0 })
        where value.count > 255 || value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw HostLinkFailure.badRequest("since and cursor are at most 255 characters, without control characters.")
        }
    }
}

/// Answers every failure in the protocol's own error format.
struct HostLinkErrorMiddleware: RouterMiddleware {
    typealias Context = HostLinkRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            let failure = HostLinkFailure(status: error.status, code: "http_\(error.status.code)", message: error.body ?? "\(error.status)")
            return try failure.response(from: request, context: context)
        } catch {
            if let failure = HostLinkFailure(error) { return try failure.response(from: request, context: context) }
            context.logger.error("host link: \(request.method) \(request.uri.path) failed: \(error)")
            return try HostLinkFailure(status: .internalServerError, code: "internal", message: "The controller failed; its log says why.")
                .response(from: request, context: context)
        }
    }
}
