import Foundation
import StratusCore
import StratusStore
import Testing
import X509

@Suite("Host enrollment: one-time join tokens, issued credentials, revocation")
struct HostEnrollmentServiceTests {
    @Test func aHostEnrollsOnceAndIsAuthorizedByItsCertificate() async throws {
        let world = try EnrollmentWorld()
        let (token, text) = try await world.service.createJoinToken(EnrollmentWorld.owner, ttl: nil, description: "rack 4")
        #expect(token.expiresAt.timeIntervalSince(token.createdAt) == JoinToken.defaultTTL)
        #expect(token.secretHash == (try JoinTokenString(parsing: text)).secretHash)
        #expect(!(try await world.store.joinTokens()).contains { text.contains($0.secretHash) })

        let enrolled = try await world.service.enroll(token: text, hostName: "compute-1", csrPEM: try EnrollmentWorld.csr())
        let certificate = try Certificate(pemEncoded: enrolled.certificatePEM)
        var verifier = Verifier(rootCertificates: CertificateStore([world.authority.certificate])) { RFC5280Policy() }
        guard case .validCertificate = await verifier.validate(leaf: certificate, intermediates: CertificateStore()) else {
            Issue.record("the enrolled certificate does not chain to the cloud's CA")
            return
        }
        let identity = try HostCertificateIdentity(certificate: certificate)
        #expect(identity == HostCertificateIdentity(hostName: "compute-1", serial: enrolled.serial))
        let credential = try await world.service.authorize(hostName: identity.hostName, serial: identity.serial)
        #expect(credential.joinTokenID == token.id)
        let used = try #require(try await world.store.joinToken(id: token.id))
        #expect(used.usedByHostName == "compute-1")

        await #expect(throws: HostEnrollmentError.tokenUsed) {
            try await world.service.enroll(token: text, hostName: "compute-2", csrPEM: try EnrollmentWorld.csr())
        }
        // The serial of one host is not another's.
        await #expect(throws: HostEnrollmentError.unknownCredential) {
            try await world.service.authorize(hostName: "compute-2", serial: enrolled.serial)
        }
        await #expect(throws: HostEnrollmentError.unknownCredential) {
            try await world.service.authorize(hostName: "compute-1", serial: "00")
        }
    }

    @Test func twoConcurrentEnrollmentsWithOneTokenEnrollExactlyOneHost() async throws {
        let world = try EnrollmentWorld()
        for _ in 0..<5 {
            let text = try await world.token()
            let outcomes = try await withThrowingTaskGroup(of: Result<String, HostEnrollmentError>.self) { group in
                for index in 0..<8 {
                    let csr = try EnrollmentWorld.csr()
                    group.addTask {
                        do {
                            return .success(try await world.service.enroll(token: text, hostName: "race-\(index)", csrPEM: csr).serial)
                        } catch let error as HostEnrollmentError {
                            return .failure(error)
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let serials = outcomes.compactMap { outcome -> String? in
                if case .success(let serial) = outcome { return serial }
                return nil
            }
            #expect(serials.count == 1)
            #expect(outcomes.count == 8)
            for case .failure(let error) in outcomes { #expect(error == .tokenUsed) }
        }
    }

    @Test func anExpiredUnknownOrMalformedTokenIsRefusedAndNothingIsRecorded() async throws {
        let world = try EnrollmentWorld()
        let text = try await world.token(ttl: 60)
        world.clock.advance(by: 60)
        await #expect(throws: HostEnrollmentError.tokenExpired) {
            try await world.service.enroll(token: text, hostName: "h1", csrPEM: try EnrollmentWorld.csr())
        }
        let parsed = try JoinTokenString(parsing: try await world.token())
        let wrongSecret = JoinTokenString.prefix + parsed.id + "-" + String(repeating: "0", count: 64)
        await #expect(throws: HostEnrollmentError.unknownToken) {
            try await world.service.enroll(token: wrongSecret, hostName: "h1", csrPEM: try EnrollmentWorld.csr())
        }
        let unknownID = JoinTokenString.prefix + String(repeating: "a", count: 32) + "-" + parsed.secret
        await #expect(throws: HostEnrollmentError.unknownToken) {
            try await world.service.enroll(token: unknownID, hostName: "h1", csrPEM: try EnrollmentWorld.csr())
        }
        await #expect(throws: HostEnrollmentError.malformedToken) {
            try await world.service.enroll(token: "stratus-join-nope", hostName: "h1", csrPEM: try EnrollmentWorld.csr())
        }
        await #expect(throws: HostEnrollmentError.invalidHostName("-h")) {
            try await world.service.enroll(token: parsed.description, hostName: "-h", csrPEM: try EnrollmentWorld.csr())
        }
        await #expect(throws: HostEnrollmentError.self) {
            try await world.service.enroll(token: parsed.description, hostName: "h1", csrPEM: "not a request")
        }
        #expect(try await world.store.hostCredentials(hostName: "h1").isEmpty)
        #expect(try await world.store.joinToken(id: parsed.id)?.usedAt == nil)  // a refused request used nothing
    }

    @Test func revokingAHostRefusesItsCertificateAndReEnrollmentReplacesTheOldOne() async throws {
        let world = try EnrollmentWorld()
        let first = try await world.service.enroll(token: try await world.token(), hostName: "h1", csrPEM: try EnrollmentWorld.csr())
        let second = try await world.service.enroll(token: try await world.token(), hostName: "h1", csrPEM: try EnrollmentWorld.csr())
        await #expect(throws: HostEnrollmentError.hostRevoked) {
            try await world.service.authorize(hostName: "h1", serial: first.serial)
        }
        try await world.service.authorize(hostName: "h1", serial: second.serial)
        try await world.service.revokeHost(hostName: "h1")
        await #expect(throws: HostEnrollmentError.hostRevoked) {
            try await world.service.authorize(hostName: "h1", serial: second.serial)
        }
        world.clock.advance(by: 400 * 86_400)
        let third = try await world.service.enroll(token: try await world.token(), hostName: "h1", csrPEM: try EnrollmentWorld.csr())
        try await world.service.authorize(hostName: "h1", serial: third.serial)
        world.clock.advance(by: 366 * 86_400)
        await #expect(throws: HostEnrollmentError.credentialExpired) {
            try await world.service.authorize(hostName: "h1", serial: third.serial)
        }
    }

    @Test func tokensAreListedAndDeletedAndBadInputChangesNothing() async throws {
        let world = try EnrollmentWorld()
        let owner = EnrollmentWorld.owner
        let (token, _) = try await world.service.createJoinToken(owner, ttl: 604_800, description: "")
        for ttl: TimeInterval in [0, -1, 604_801, .infinity, .nan] {
            await #expect(throws: ComputeError.self) { try await world.service.createJoinToken(owner, ttl: ttl, description: nil) }
        }
        await #expect(throws: ComputeError.self) {
            try await world.service.createJoinToken(owner, ttl: nil, description: String(repeating: "x", count: 256))
        }
        await #expect(throws: ComputeError.self) {
            try await world.service.createJoinToken(owner, ttl: nil, description: "bell\u{7}")
        }
        #expect(try await world.service.joinTokens(owner).map(\.id) == [token.id])
        try await world.service.deleteJoinToken(owner, id: token.id)
        await #expect(throws: ComputeError.notFound("Join token \(token.id) could not be found.")) {
            try await world.service.deleteJoinToken(owner, id: token.id)
        }
        #expect(try await world.service.joinTokens(owner).isEmpty)
    }
}
