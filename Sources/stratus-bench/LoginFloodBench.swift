import ArgumentParser
import Foundation

/// Hardening report 3 as a benchmark: clients guessing passwords as fast as they
/// can must not starve everyone else. Measures another client's `GET /servers`
/// idle, then under the flood, and prints both with their ratio; then checks the
/// guessed account is locked and the guessers were answered 401 or 429.
struct LoginFloodBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login-flood",
        abstract: "GET /servers p50 idle vs. while clients guess passwords (and the account lockout).")

    @Option(help: "Guessing clients.") var clients = 10
    @Option(help: "Seconds of guessing.") var seconds = 30
    @Option(help: "GET /servers samples idle (and at most as many under the flood, one every 50 ms).")
    var samples = 200
    @Option(name: .customLong("stratus"), help: "Path of the stratus binary (default: next to stratus-bench).")
    var stratusPath: String?
    @Option(name: .customLong("serve-arg"), help: "An extra argument for `stratus serve` (repeatable), e.g. --serve-arg=--login-rate=0.")
    var serveArguments: [String] = []

    func run() async throws {
        let binary = stratusPath ?? Bundle.main.executableURL!.deletingLastPathComponent()
            .appendingPathComponent("stratus").path
        let server = try ServerProcess.start(binary: binary, extraArguments: serveArguments)
        defer { server.stop() }
        let client = BenchClient(base: server.baseURL)
        try await client.waitUntilUp()
        let admin = try await client.issue(client.passwordAuth(user: "admin", password: server.adminPassword, project: "admin"))
        _ = try await client.expect(201, "POST", "/identity/v3/users", token: admin,
                                    json: ["user": ["name": "victim", "password": "the-right-one"]])

        print("stratus-bench login-flood: \(clients) clients guessing for \(seconds) s; serve \(serveArguments.joined(separator: " "))")
        let idle = try await Self.sample(client, token: admin, count: samples, until: nil)
        print(String(format: "GET /servers idle           p50 %7.2f ms  p90 %7.2f ms  (%d samples)", idle.p50, idle.p90, samples))

        let deadline = ContinuousClock.now + .seconds(seconds)
        let outcomes = try await withThrowingTaskGroup(of: [Int: Int].self) { group in
            for index in 0..<clients {
                group.addTask { try await Self.guess(BenchClient(base: server.baseURL), index: index, until: deadline) }
            }
            group.addTask {
                let flooded = try await Self.sample(client, token: admin, count: samples, until: deadline)
                print(String(format: "GET /servers under flood    p50 %7.2f ms  p90 %7.2f ms",
                             flooded.p50, flooded.p90))
                print(String(format: "ratio flood/idle p50: %.2fx (the hardening issue asks < 3x)", flooded.p50 / idle.p50))
                return [:]
            }
            var total: [Int: Int] = [:]
            for try await counts in group { total.merge(counts, uniquingKeysWith: +) }
            return total
        }
        let answered = outcomes.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        print("guesses answered by status: \(answered)")
        let right = try await client.call(
            "POST", "/identity/v3/auth/tokens", token: nil,
            json: ["auth": ["identity": ["methods": ["password"], "password": ["user": [
                "name": "victim", "domain": ["id": "default"], "password": "the-right-one"]]]]])
        print("the victim's right password after the flood: \(right.0) (401: locked out)")
    }

    /// Alternately the victim's account and unknown users (each still costs a hash).
    static func guess(_ client: BenchClient, index: Int, until deadline: ContinuousClock.Instant) async throws -> [Int: Int] {
        var counts: [Int: Int] = [:]
        var attempt = 0
        while ContinuousClock.now < deadline {
            attempt += 1
            let user = attempt % 2 == 0 ? "victim" : "nobody-\(index)-\(attempt)"
            let (status, _) = try await client.call(
                "POST", "/identity/v3/auth/tokens", token: nil,
                json: ["auth": ["identity": ["methods": ["password"], "password": ["user": [
                    "name": user, "domain": ["id": "default"], "password": "guess-\(attempt)"]]]]])
            counts[status, default: 0] += 1
        }
        return counts
    }

    /// `count` timed GET /servers, one every 50 ms when under a deadline.
    static func sample(_ client: BenchClient, token: String, count: Int, until deadline: ContinuousClock.Instant?) async throws -> Percentiles {
        var samples: [Double] = []
        while samples.count < count {
            if let deadline, ContinuousClock.now >= deadline { break }
            let start = ContinuousClock.now
            _ = try await client.expect(200, "GET", "/compute/v2.1/servers", token: token)
            samples.append((ContinuousClock.now - start).milliseconds)
            if deadline != nil { try await Task.sleep(for: .milliseconds(50)) }
        }
        return Percentiles(samples)
    }
}
