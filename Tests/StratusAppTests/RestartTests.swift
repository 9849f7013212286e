import Foundation
@testable import StratusApp
import StratusCore
import Testing

@Suite("A restarted cloud keeps its data and does not bootstrap again")
struct RestartTests {
    @Test func secondOpenKeepsDataAndPassword() async throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("stratus-restart-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var configuration = StratusConfiguration()
        configuration.dataDirectory = directory
        configuration.passwordRounds = 1000
        configuration.adminPassword = nil  // generated on the first start

        let first = try await StratusCloud.open(configuration, port: 5000)
        let password = try #require(first.generatedAdminPassword)
        #expect(first.bootstrap.performed)

        // The start that generated it showed it: it is not shown again.
        try AdminCredentials(dataDirectory: directory).shown()
        let second = try await StratusCloud.open(configuration, port: 5000)
        #expect(!second.bootstrap.performed)
        #expect(second.generatedAdminPassword == nil)
        #expect(second.bootstrap.adminUserID == first.bootstrap.adminUserID)

        let login = AuthRequest(
            proof: .password(user: .name("admin", domain: .id(Domain.defaultID)), password: password),
            scope: .default, sourceAddress: "test")
        let issued = try await second.identity.authenticate(login)
        #expect(issued.context.project?.id == first.bootstrap.adminProjectID)
    }
}
