import Foundation
import Logging
@testable import StratusApp
import StratusCore
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 16's safe starts: a held data directory or a busy port fails the start
/// before any state is touched, and no start leaves a data directory nobody can
/// log in to.
@Suite("Safe starts")
struct StartSafetyTests {
    static func configuration(_ directory: String, password: String? = nil) -> StratusConfiguration {
        var configuration = StratusConfiguration()
        configuration.dataDirectory = directory
        configuration.passwordRounds = 1000
        configuration.adminPassword = password
        configuration.simulatedHosts = 0
        configuration.port = 0
        return configuration
    }

    static func withDirectory(_ body: (String) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stratus-start-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await body(directory)
    }

    static func logsIn(_ cloud: StratusCloud, _ password: String) async -> Bool {
        let login = AuthRequest(
            proof: .password(user: .name("admin", domain: .id(Domain.defaultID)), password: password),
            scope: .default, sourceAddress: "test")
        return (try? await cloud.identity.authenticate(login)) != nil
    }

    @Test func aHeldDataDirectoryFailsTheStartAndChangesNoByte() async throws {
        try await Self.withDirectory { directory in
            _ = try await StratusCloud.open(Self.configuration(directory, password: "pw-1"), port: 5000)
            let database = Self.configuration(directory).databasePath
            let before = try Data(contentsOf: URL(fileURLWithPath: database))
            let held = try DataDirectoryLock(directory: directory)
            await #expect(throws: DataDirectoryLock.Held.self) {
                try await StratusServer.run(Self.configuration(directory), logger: Logger(label: "test"))
            }
            withExtendedLifetime(held) {}
            #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)
        }
    }

    @Test func aBusyPortFailsTheStartNamingItBeforeAnyStateExists() async throws {
        try await Self.withDirectory { directory in
            let listener = try #require(Self.listeningSocket())
            defer { close(listener.descriptor) }
            var configuration = Self.configuration(directory)
            configuration.port = listener.port
            do {
                try await StratusServer.run(configuration, logger: Logger(label: "test"))
                Issue.record("the start went on on a busy port")
            } catch let refused as ListenerReservation.Refused {
                #expect(refused.description.contains("127.0.0.1:\(listener.port)"))
                #expect(refused.description.contains("--port"))
            }
            #expect(!FileManager.default.fileExists(atPath: configuration.databasePath))
        }
    }

    @Test func aReservationLeavesTheAddressToTheServerAndPicksAPortForZero() throws {
        let reservation = try ListenerReservation(host: "127.0.0.1", port: 0)
        #expect(reservation.port > 0)
        // What the HTTP server does next: SO_REUSEADDR, bind and listen on the same address.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = Self.loopback(port: reservation.port)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        #expect(bound == 0)
        #expect(listen(fd, 8) == 0)
        #expect(throws: ListenerReservation.UnknownHost.self) { try ListenerReservation(host: "no-such-host.invalid", port: 0) }
    }

    @Test func aFirstStartThatFailsAfterItsBootstrapShowsItsPasswordNextTime() async throws {
        try await Self.withDirectory { directory in
            var failing = Self.configuration(directory)
            failing.hostDriver = .qemu
            failing.testGuestDirectory = directory + "/no-test-guest"
            await #expect(throws: ConfigurationError.self) { try await StratusCloud.open(failing, port: 5000) }

            let next = try await StratusCloud.open(Self.configuration(directory), port: 5000)
            #expect(!next.bootstrap.performed)
            let password = try #require(next.generatedAdminPassword)
            #expect(await Self.logsIn(next, password))

            try AdminCredentials(dataDirectory: directory).shown()
            let third = try await StratusCloud.open(Self.configuration(directory), port: 5000)
            #expect(third.generatedAdminPassword == nil)
            #expect(await Self.logsIn(third, password))
        }
    }

    @Test func aGivenPasswordOnALaterStartReplacesTheStoredOne() async throws {
        try await Self.withDirectory { directory in
            let first = try await StratusCloud.open(Self.configuration(directory), port: 5000)
            let generated = try #require(first.generatedAdminPassword)
            let second = try await StratusCloud.open(Self.configuration(directory, password: "replacement-pw"), port: 5000)
            #expect(second.generatedAdminPassword == nil)
            #expect(await Self.logsIn(second, "replacement-pw"))
            #expect(!(await Self.logsIn(second, generated)))
            #expect(!FileManager.default.fileExists(atPath: AdminCredentials(dataDirectory: directory).pendingPath))
        }
    }

    @Test func resetPasswordNeedsTheDataDirectoryAndUnlocksTheAdmin() async throws {
        try await Self.withDirectory { directory in
            var configuration = Self.configuration(directory, password: "pw-old")
            configuration.loginLockout = LoginLockout(failureAttempts: 2, duration: 3600)
            let cloud = try await StratusCloud.open(configuration, port: 5000)
            for _ in 0..<3 { _ = await Self.logsIn(cloud, "wrong") }
            #expect(!(await Self.logsIn(cloud, "pw-old")), "locked out")

            do {
                let held = try DataDirectoryLock(directory: directory)
                await #expect(throws: DataDirectoryLock.Held.self) {
                    _ = try await AdminPasswordReset.run(
                        dataDirectory: directory, userName: "admin", password: "pw-new", passwordRounds: 1000)
                }
                withExtendedLifetime(held) {}
            }
            let result = try await AdminPasswordReset.run(
                dataDirectory: directory, userName: "admin", password: "pw-new", passwordRounds: 1000)
            guard case .replaced = result.outcome else { Issue.record("not replaced: \(result.outcome)"); return }
            #expect(await Self.logsIn(cloud, "pw-new"))
            let generated = try await AdminPasswordReset.run(
                dataDirectory: directory, userName: "admin", password: nil, passwordRounds: 1000)
            #expect(await Self.logsIn(cloud, try #require(generated.generated)))
            await #expect(throws: ConfigurationError.self) {
                _ = try await AdminPasswordReset.run(dataDirectory: directory + "/elsewhere", userName: "admin", password: "x")
            }
        }
    }

    static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    /// A listening socket on a kernel-chosen loopback port, as another program's would be.
    static func listeningSocket() -> (descriptor: Int32, port: Int)? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 8) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard ok else { close(fd); return nil }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }
}
