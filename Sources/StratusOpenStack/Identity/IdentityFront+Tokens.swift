import HTTPTypes
import Hummingbird
import Logging
import StratusCore

extension IdentityFront {
    static let subjectToken = HTTPField.Name("X-Subject-Token")!

    /// Routes that need no token: issuing one, and changing a password with the old one.
    func addAuthenticationRoutes(_ group: RouterGroup<Context>) {
        group.post("v3/auth/tokens") { request, context in
            let body = try await request.jsonBody(limit: context.maxUploadSize)
            let authRequest = try AuthRequestDecoder.decode(body, sourceAddress: context.remoteAddress)
            let issued: IssuedToken
            do {
                issued = try await identity.authenticate(authRequest)
            } catch IdentityError.unauthorized(let message) {
                try await logFailure(authRequest, context)
                throw IdentityError.unauthorized(message)
            }
            context.accessNote.record(user: issued.context.user.id, project: issued.context.project?.id)
            let withCatalog = request.query("nocatalog") == nil
            return try Response.json(
                render.token(issued.context, catalog: withCatalog ? catalog : nil), status: .created,
                headers: [Self.subjectToken: issued.secret])
        }
        group.post("v3/users/:id/password") { request, context in
            let body = try await request.jsonBody(limit: context.maxUploadSize)
            let user = try JSONObjectReader(body["user"], field: "user")
            try await identity.changePassword(
                userID: try context.parameter("id"), original: try user.requiredString("original_password"),
                new: try user.requiredString("password"), requestID: context.requestID,
                sourceAddress: context.remoteAddress)
            return Response.empty(.noContent)
        }
    }

    /// Brute force must be visible: one warning per failure with its running count.
    private func logFailure(_ request: AuthRequest, _ context: Context) async throws {
        guard case .password(let user, _) = request.proof else { return }
        let key = LoginFailureLog.Key(user: user.logDescription, source: request.sourceAddress)
        let count = await identity.loginFailures.failures(key)
        context.logger.warning("authentication failed", metadata: [
            "user": .string(key.user), "source": .string(key.source), "consecutive_failures": .stringConvertible(count),
        ])
    }

    func addTokenRoutes(_ group: RouterGroup<Context>) {
        group.get("auth/tokens") { request, context in
            let subject = try await identity.inspect(try context.caller(), subject: try subjectToken(request))
            let withCatalog = request.query("nocatalog") == nil
            return try Response.json(
                render.token(subject, catalog: withCatalog ? catalog : nil),
                headers: [Self.subjectToken: try subjectToken(request)])
        }
        group.head("auth/tokens") { request, context in
            _ = try await identity.inspect(try context.caller(), subject: try subjectToken(request))
            return Response.empty(.ok, headers: [Self.subjectToken: try subjectToken(request)])
        }
        group.delete("auth/tokens") { request, context in
            try await identity.revoke(try context.caller(), subject: try subjectToken(request))
            return Response.empty(.noContent)
        }
        group.get("auth/catalog") { _, context in
            _ = try context.caller()
            return try Response.json(["catalog": render.catalog(catalog), "links": ["self": .string(render.v3 + "/auth/catalog")]])
        }
        group.get("auth/projects") { _, context in
            let projects = try await identity.listAuthProjects(try context.caller())
            return try Response.json(render.list("projects", projects.map(render.project), path: "auth/projects"))
        }
        group.get("auth/domains") { _, context in
            let domains = try await identity.listAuthDomains(try context.caller())
            return try Response.json(render.list("domains", domains.map(render.domain), path: "auth/domains"))
        }
    }

    private func subjectToken(_ request: Request) throws -> String {
        guard let token = request.header("X-Subject-Token") else {
            throw APIError(.notFound, "Could not find token: X-Subject-Token header missing.")
        }
        return token
    }
}
