import ArgumentParser
import Foundation

/// The compute issue's workload against a real `stratus serve`: servers created
/// by concurrent clients until all are ACTIVE, `GET /servers/detail` latency
/// with them, then all deleted until gone. Compared with real Nova 34 and its
/// fake driver on this kind of machine (the issue's figures).
struct ServersBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "servers", abstract: "Create → ACTIVE → list → delete → gone, with concurrent clients.")

    @Option(help: "Servers to create.") var servers = 100
    @Option(help: "Concurrent clients creating and deleting.") var clients = 10
    @Option(help: "Simulated hosts the server runs (stratus serve --hosts).") var hosts = 4
    @Option(help: "GET /servers/detail samples once all are ACTIVE.") var listSamples = 50
    @Option(help: "Page size for the list samples (0: no limit).") var pageSize = 0
    @Option(name: .customLong("stratus"), help: "Path of the stratus binary (default: next to stratus-bench).")
    var stratusPath: String?

    /// Real Nova 34, fake driver (the issue's reference figures).
    static let novaCreatesPerSecond = 0.91
    static let novaDeletesPerSecond = 1.29
    static let novaDetailP50Seconds = 0.56

    func run() async throws {
        let binary = stratusPath ?? Bundle.main.executableURL!.deletingLastPathComponent()
            .appendingPathComponent("stratus").path
        let server = try ServerProcess.start(binary: binary, extraArguments: ["--hosts", String(hosts)])
        defer { server.stop() }
        let admin = BenchClient(base: server.baseURL)
        try await admin.waitUntilUp()
        let token = try await admin.issue(admin.passwordAuth(user: "admin", password: server.adminPassword, project: "admin"))
        let project = try await projectID(admin, token)
        _ = try await admin.expect(200, "PUT", "/compute/v2.1/os-quota-sets/\(project)", token: token,
                                   json: ["quota_set": ["instances": -1, "cores": -1, "ram": -1]])
        // Each server takes a port on the shared network: Neutron's port quota (500) counts them too.
        _ = try await admin.expect(200, "PUT", "/network/v2.0/quotas/\(project)", token: token,
                                   json: ["quota": ["port": -1]])
        let image = try await imageID(admin, token)
        try await waitForHosts(admin, token)
        print("stratus-bench servers: \(servers) servers, \(clients) clients, \(hosts) simulated hosts")

        // Create, then wait for every server to be ACTIVE.
        let start = ContinuousClock.now
        let ids = try await concurrently(server.baseURL, count: servers) { client, index in
            let reply = try await client.expect(202, "POST", "/compute/v2.1/servers", token: token, json: [
                "server": ["name": "bench-\(index)", "imageRef": image, "flavorRef": "1"],
            ])
            return ((reply["server"] as? [String: Any])?["id"] as? String) ?? ""
        }
        let accepted = ContinuousClock.now - start
        try await waitUntil(admin, token, "all ACTIVE") { statuses in
            let active = statuses.values.filter { $0 == "ACTIVE" }.count
            if statuses.values.contains("ERROR") { throw BenchClient.Failure(description: "a server went to ERROR") }
            return active == ids.count
        }
        let created = ContinuousClock.now - start
        let createRate = Double(servers) / created.seconds
        print(String(format: "create: %d accepted in %.2f s, all ACTIVE after %.2f s → %.1f servers/s (Nova 34: %.2f/s, %.0fx)",
                     servers, accepted.seconds, created.seconds, createRate, Self.novaCreatesPerSecond,
                     createRate / Self.novaCreatesPerSecond))

        // List latency with every server present: request sent to whole body
        // received, status checked. Parsing the body is the client's cost, not
        // the API's (JSONSerialization takes ~2.7 ms for 100 servers here), so
        // the body is decoded and counted once, before the timed samples.
        var samples: [Double] = []
        let path = pageSize > 0 ? "/compute/v2.1/servers/detail?limit=\(pageSize)" : "/compute/v2.1/servers/detail"
        let listed = try await admin.expect(200, "GET", path, token: token)
        let expected = min(servers, pageSize > 0 ? pageSize : 1000)
        guard (listed["servers"] as? [Any])?.count == expected else {
            throw BenchClient.Failure(description: "GET \(path) did not list \(expected) servers")
        }
        for _ in 0..<listSamples {
            let begin = ContinuousClock.now
            let (status, body) = try await admin.call("GET", path, token: token)
            samples.append((ContinuousClock.now - begin).milliseconds)
            guard status == 200, !body.isEmpty else {
                throw BenchClient.Failure(description: "GET \(path): \(status)")
            }
        }
        let list = Percentiles(samples)
        print(String(format: "GET %@ with %d servers: p50 %.1f ms  p90 %.1f ms  p99 %.1f ms (Nova 34 p50 with 100: %.0f ms, %.0fx)",
                     pageSize > 0 ? "servers/detail?limit=\(pageSize)" : "servers/detail", servers, list.p50, list.p90,
                     list.p99, Self.novaDetailP50Seconds * 1000, Self.novaDetailP50Seconds * 1000 / list.p50))
        let rssWithAll = server.residentKiB()

        // Delete, then wait until none is left.
        let deleteStart = ContinuousClock.now
        _ = try await concurrently(server.baseURL, count: ids.count) { client, index in
            _ = try await client.expect(204, "DELETE", "/compute/v2.1/servers/\(ids[index])", token: token)
            return ""
        }
        try await waitUntil(admin, token, "all gone") { $0.isEmpty }
        let deleted = ContinuousClock.now - deleteStart
        let deleteRate = Double(servers) / deleted.seconds
        print(String(format: "delete: all gone after %.2f s → %.1f deletes/s (Nova 34: %.2f/s, %.0fx)",
                     deleted.seconds, deleteRate, Self.novaDeletesPerSecond, deleteRate / Self.novaDeletesPerSecond))
        print(String(format: "RSS with %d servers: %.1f MiB; peak RSS: %.1f MiB",
                     servers, Double(rssWithAll) / 1024, Double(server.peakResidentKiB()) / 1024))
    }

    /// Runs `count` jobs spread over `clients` clients, each with its own connection.
    private func concurrently(
        _ base: String, count: Int, _ job: @escaping @Sendable (BenchClient, Int) async throws -> String
    ) async throws -> [String] {
        let clients = clients
        return try await withThrowingTaskGroup(of: [(Int, String)].self) { group in
            for lane in 0..<clients {
                group.addTask {
                    let client = BenchClient(base: base)
                    var done: [(Int, String)] = []
                    for index in stride(from: lane, to: count, by: clients) {
                        done.append((index, try await job(client, index)))
                    }
                    return done
                }
            }
            var results = Array(repeating: "", count: count)
            for try await lane in group {
                for (index, value) in lane { results[index] = value }
            }
            return results
        }
    }

    private func waitUntil(
        _ client: BenchClient, _ token: String, _ what: String, timeout: Duration = .seconds(1800),
        _ done: ([String: String]) throws -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            // Pages of 1000 (Nova's max_limit), following the marker.
            var statuses: [String: String] = [:]
            var marker: String?
            repeat {
                let query = "limit=1000" + (marker.map { "&marker=\($0)" } ?? "")
                let body = try await client.expect(200, "GET", "/compute/v2.1/servers/detail?\(query)", token: token)
                let page = body["servers"] as? [[String: Any]] ?? []
                for server in page {
                    if let id = server["id"] as? String { statuses[id] = server["status"] as? String ?? "" }
                }
                marker = page.count == 1000 ? page.last?["id"] as? String : nil
            } while marker != nil
            if try done(statuses) { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw BenchClient.Failure(description: "timed out waiting for \(what)")
    }

    private func projectID(_ client: BenchClient, _ token: String) async throws -> String {
        let body = try await client.expect(200, "GET", "/identity/v3/projects?name=admin", token: token)
        guard let id = (body["projects"] as? [[String: Any]])?.first?["id"] as? String else {
            throw BenchClient.Failure(description: "no admin project")
        }
        return id
    }

    /// The first active image the admin sees (a fresh cloud has its test image).
    private func imageID(_ client: BenchClient, _ token: String) async throws -> String {
        let body = try await client.expect(200, "GET", "/image/v2/images?status=active", token: token)
        guard let id = (body["images"] as? [[String: Any]])?.first?["id"] as? String else {
            throw BenchClient.Failure(description: "no active image on the cloud")
        }
        return id
    }

    private func waitForHosts(_ client: BenchClient, _ token: String) async throws {
        for _ in 0..<600 {
            let body = try await client.expect(200, "GET", "/compute/v2.1/os-hypervisors", token: token)
            if (body["hypervisors"] as? [Any])?.count ?? 0 >= hosts { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BenchClient.Failure(description: "the \(hosts) simulated hosts did not register")
    }
}
