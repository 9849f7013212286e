import ArgumentParser
import Foundation

@main
struct StratusBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stratus-bench",
        abstract: "Measures a running Stratus: latency percentiles and memory, printed as figures.",
        subcommands: [TokenIssueBench.self, ServersBench.self, LoginFloodBench.self],
        defaultSubcommand: TokenIssueBench.self)
}

/// Starts `stratus serve` (the binary beside this one) on a fresh data
/// directory, measures idle RSS, then issues tokens one after another.
struct TokenIssueBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token-issue", abstract: "p50/p99 of sequential POST /identity/v3/auth/tokens.")

    @Option(help: "Sequential requests per method.") var requests = 1000
    @Option(help: "Warm-up requests (not measured).") var warmup = 20
    @Option(name: .customLong("stratus"), help: "Path of the stratus binary (default: next to stratus-bench).")
    var stratusPath: String?

    func run() async throws {
        let binary = stratusPath ?? Bundle.main.executableURL!.deletingLastPathComponent()
            .appendingPathComponent("stratus").path
        let server = try ServerProcess.start(binary: binary)
        defer { server.stop() }
        let client = BenchClient(base: server.baseURL)
        try await client.waitUntilUp()
        try await Task.sleep(for: .seconds(1))
        let idleRSS = server.residentKiB()

        let password = client.passwordAuth(user: "admin", password: server.adminPassword, project: "admin")
        let seed = try await client.issue(password)
        let rescope = client.tokenAuth(seed, project: "admin")

        print("stratus-bench token-issue: \(requests) sequential requests per method, \(warmup) warm-up")
        print("binary: \(binary)")
        print(String(format: "idle RSS after start: %.1f MiB", Double(idleRSS) / 1024))
        var medians: [String: Double] = [:]
        for (name, body) in [("password (PBKDF2 600k)", password), ("token (re-scope)", rescope)] {
            for _ in 0..<warmup { _ = try await client.issue(body) }
            var samples: [Double] = []
            samples.reserveCapacity(requests)
            for _ in 0..<requests {
                let start = ContinuousClock.now
                _ = try await client.issue(body)
                samples.append((ContinuousClock.now - start).milliseconds)
            }
            let figures = Percentiles(samples)
            medians[name] = figures.p50
            let label = name.padding(toLength: 24, withPad: " ", startingAt: 0)
            print(label + String(format: "p50 %7.2f ms  p90 %7.2f ms  p99 %7.2f ms  max %7.2f ms  (%.0f req/s)",
                                 figures.p50, figures.p90, figures.p99, figures.max, 1000 / figures.mean))
        }
        print(String(format: "RSS after run: %.1f MiB", Double(server.residentKiB()) / 1024))
        if let slow = medians["password (PBKDF2 600k)"], let fast = medians["token (re-scope)"], fast > 0 {
            print(String(format: "ratio password/token p50: %.1fx (the cost of password hashing)", slow / fast))
        }
    }
}

struct Percentiles {
    var p50: Double, p90: Double, p99: Double, max: Double, mean: Double

    init(_ samples: [Double]) {
        let sorted = samples.sorted()
        func at(_ fraction: Double) -> Double {
            sorted[Swift.min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1)]
        }
        p50 = at(0.50)
        p90 = at(0.90)
        p99 = at(0.99)
        max = sorted.last ?? 0
        mean = sorted.reduce(0, +) / Double(Swift.max(1, sorted.count))
    }
}

extension Duration {
    var seconds: Double { milliseconds / 1000 }

    var milliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }
}
