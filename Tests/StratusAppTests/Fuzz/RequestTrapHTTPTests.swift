import Foundation
import HTTPTypes
import StratusOpenStack
import Testing

/// Requests that once trapped (killed) the server or were mis-answered, replayed
/// through the whole stack: each is refused in its API's own format and the
/// server answers the next request.
@Suite("Hostile requests over HTTP: refused, never fatal")
struct RequestTrapHTTPTests {
    /// The reported crash: `String(Int(1e19))` in the flavor id, reached before
    /// policy, so any reader could stop the cloud.
    @Test func flavorIDsPastIntAre400ForReadersAndAdmins() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            _ = try await cloud.makeUser("rita", role: "reader", project: "demo", adminToken: admin)
            let reader = try await cloud.token(user: "rita", password: "pw-rita", project: "demo")
            for token in [reader, admin] {
                for id in ["1e19", "18446744073709551616", "-1e19", "9223372036854775808", "-9223372036854775809", "1e300"] {
                    let reply = try await Self.createFlavor(cloud, token, ["id": id])
                    #expect(reply.status == .badRequest, "id \(id)")
                    #expect(reply.json?["badRequest"]?["message"]?.stringValue?.contains("Flavor id can only contain") == true)
                }
            }
            #expect(try await cloud.send(.get, "/compute/v2.1/flavors", token: reader).status == .ok)
            // Numbers Nova keeps stay accepted: an Int as its digits, a fraction as Python prints it.
            let largest = try await Self.createFlavor(cloud, admin, ["id": "9223372036854775807"])
            #expect(largest.json?["flavor"]?["id"] == "9223372036854775807")
            let fraction = try await Self.createFlavor(cloud, admin, ["id": "1.5", "name": "\"f2\""])
            #expect(fraction.json?["flavor"]?["id"] == "1.5")
        }
    }

    /// Foundation's JSON parser trapped on a 513th nesting level opened by the
    /// body's last byte; the token route parses before any authentication.
    @Test func bodiesNestedPastTheParsersLimitAre400EvenBeforeAuthentication() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let bodies = [String(repeating: "[", count: 513), String(repeating: "{\"auth\":", count: 512) + "["]
            for body in bodies {
                let tokens = try await cloud.sendRaw(.post, "/identity/v3/auth/tokens", body: Array(body.utf8),
                                                     contentType: "application/json")
                #expect(tokens.status == .badRequest)
                #expect(tokens.json?["error"]?["message"] == "The request body is not valid JSON.")
                let flavors = try await cloud.sendRaw(.post, "/compute/v2.1/flavors", token: admin, body: Array(body.utf8),
                                                      contentType: "application/json")
                #expect(flavors.status == .badRequest && flavors.json?["badRequest"] != nil)
                let tag = try await cloud.sendRaw(.put, "/compute/v2.1/servers/none/tags/t", token: admin, body: Array(body.utf8),
                                                  headers: [HTTPField.Name("OpenStack-API-Version")!: "compute 2.26"])
                #expect(tag.status == .badRequest)
            }
            #expect(try await cloud.token().isEmpty == false)
        }
    }

    /// Nova's schema bounds `rxtx_factor` to (0, 3.40282e+38]; Stratus used to ignore it.
    @Test func rxtxFactorOutsideNovasRangeIs400() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            for value in ["1e308", "0", "-1", "3.5e38", "\"abc\"", "\"1e3\"", "true", "\"1e999\"", "[]"] {
                let reply = try await Self.createFlavor(cloud, admin, ["rxtx_factor": value])
                #expect(reply.status == .badRequest, "rxtx_factor \(value)")
                #expect(reply.json?["badRequest"]?["message"]?.stringValue?.contains("rxtx_factor") == true)
            }
            let fine = try await Self.createFlavor(cloud, admin, ["rxtx_factor": "\"1.5\""])
            #expect(fine.status == .ok)
            #expect(fine.json?["flavor"]?["rxtx_factor"] == 1)  // 1.0, read back as a whole number
        }
    }

    /// `offset + limit` on the client's offset overflowed.
    @Test func secretListAtTheLargestOffsetAnswers() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            _ = try await cloud.makeUser("rita", role: "reader", project: "demo", adminToken: admin)
            let reader = try await cloud.token(user: "rita", password: "pw-rita", project: "demo")
            let reply = try await cloud.send(.get, "/key-manager/v1/secrets?offset=9223372036854775807&limit=100", token: reader)
            #expect(reply.status == .ok)
            #expect(reply.json?["secrets"] == [] && reply.json?["next"] == nil)
            #expect(reply.json?["previous"]?.stringValue?.hasSuffix("offset=9223372036854775707") == true)
            #expect(try await cloud.send(.get, "/key-manager/v1/secrets", token: reader).status == .ok)
        }
    }

    /// `sort=:` indexed the first piece of an empty split.
    @Test func glanceSortWithoutAKeyIs400() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            for sort in [":", "%3A", ":asc", "name:asc,:", ",:"] {
                let reply = try await cloud.sendRaw(.get, "/image/v2/images?sort=\(sort)", token: admin,
                                                    headers: [.accept: "application/json"])
                #expect(reply.status == .badRequest, "sort=\(sort)")
                #expect(reply.text.contains("Invalid sort key"))
            }
            // A key without a direction sorts descending, as Glance's `partition(':')` reads it.
            #expect(try await cloud.send(.get, "/image/v2/images?sort=name:", token: admin).status == .ok)
        }
    }

    /// Python's `int()` reads any digits: a version past the maximum is Nova's 406, not a 400.
    @Test func microversionPastIntIs406() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            for version in ["2.99999999999999999999", "99999999999999999999.1", "2.9223372036854775808"] {
                let reply = try await cloud.send(.get, "/compute/v2.1/flavors", token: admin,
                                                 headers: [HTTPField.Name("OpenStack-API-Version")!: "compute \(version)"])
                #expect(reply.status == .notAcceptable, "\(version)")
                #expect(reply.json?["computeFault"]?["message"]?.stringValue?.contains("is not supported by the API") == true)
            }
            let malformed = try await cloud.send(.get, "/compute/v2.1/flavors", token: admin,
                                                 headers: [HTTPField.Name("OpenStack-API-Version")!: "compute 2.-1"])
            #expect(malformed.status == .badRequest)
        }
    }

    /// Nova's quota schema stops at `db.MAX_INT`.
    @Test func quotaLimitsPastMaxIntAre400() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let project = try #require(try await cloud.send(.get, "/identity/v3/projects?name=admin", token: admin)
                .json?["projects"]?.arrayValue?.first?["id"]?.stringValue)
            for (path, key) in [("os-quota-sets/\(project)", "quota_set"), ("os-quota-class-sets/default", "quota_class_set")] {
                let over = try await cloud.send(.put, "/compute/v2.1/\(path)", token: admin,
                                                json: .object([key: ["cores": 2_147_483_648]]))
                #expect(over.status == .badRequest, "\(path)")
                #expect(over.json?["badRequest"]?["message"] == "Invalid input for field/attribute cores. Value: 2147483648. 2147483648 is greater than the maximum of 2147483647")
                let most = try await cloud.send(.put, "/compute/v2.1/\(path)", token: admin,
                                                json: .object([key: ["cores": 2_147_483_647]]))
                #expect(most.status == .ok && most.json?[key]?["cores"] == 2_147_483_647)
            }
        }
    }

    /// A sweep of hostile query values over the list routes of every API (the
    /// Compute ones at the microversion that serves them): each answered below 500
    /// by a server that keeps answering.
    @Test func hostileQueriesOnListRoutesAreClientErrorsAtWorst() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let routes = [
                ("/compute/v2.1/servers/detail", "2.80"), ("/compute/v2.1/flavors", "2.80"),
                ("/compute/v2.1/os-keypairs", "2.80"), ("/compute/v2.1/os-server-groups", "2.80"),
                ("/compute/v2.1/os-migrations", "2.80"), ("/compute/v2.1/os-simple-tenant-usage", "2.80"),
                ("/compute/v2.1/os-hypervisors", "2.52"), ("/compute/v2.1/images/detail", "2.35"),
                ("/compute/v2.1/servers/detail", "2.1"), ("/image/v2/images", "2.1"), ("/network/v2.0/ports", "2.1"),
                ("/volume/v3/volumes/detail", "2.1"), ("/key-manager/v1/secrets", "2.1"), ("/identity/v3/users", "2.1"),
            ]
            let values = ["9223372036854775807", "9223372036854775808", "-9223372036854775808", "-1", "1e19", "%",
                          "%FF%FE", ":", "2.99999999999999999999", "99999-12-31T23:59:59"]
            let names = ["limit", "offset", "marker", "sort", "sort_key", "changes-since", "start", "minRam", "size_min"]
            for (route, version) in routes {
                let headers: HTTPFields = [
                    HTTPField.Name("OpenStack-API-Version")!: "compute \(version)", .accept: "application/json",
                ]
                for value in values {
                    let queries = [names.map { "\($0)=\(value)" }.joined(separator: "&")] + names.map { "\($0)=\(value)" }
                    for query in queries {
                        let reply = try await cloud.sendRaw(.get, "\(route)?\(query)", token: admin, headers: headers)
                        #expect(reply.status.code < 500, "\(route)?\(query) at \(version): \(reply.status)")
                    }
                }
            }
            #expect(try await cloud.send(.get, "/compute/v2.1/flavors", token: admin).status == .ok)
        }
    }

    /// Path parameters read as numbers, dates and ids, at and past their bounds.
    @Test func hostilePathParametersAreClientErrorsAtWorst() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let paths = [
                "/compute/v2.1/os-aggregates/9223372036854775808", "/compute/v2.1/os-aggregates/-9223372036854775808",
                "/compute/v2.1/servers/x/migrations/9223372036854775808", "/compute/v2.1/os-hypervisors/99999999999999999999",
                "/compute/v2.1/os-instance_usage_audit_log/0001-01-01%2000:00:00",
                "/compute/v2.1/os-instance_usage_audit_log/99999-12-31%2023:59:59.999999",
                "/compute/v2.1/os-instance_usage_audit_log/%FF", "/compute/v2.1/flavors/%00", "/compute/v2.1/flavors/%",
                "/compute/v2.1/os-simple-tenant-usage/x?start=0001-01-01T00:00:00&end=99999-12-31T23:59:59.999999",
                "/image/v2/images/%FF%FE", "/identity/v3/users/%00", "/network/v2.0/networks/%ZZ",
                "/key-manager/v1/secrets/%2e%2e", "/volume/v3/volumes/%",
            ]
            for path in paths {
                let reply = try await cloud.sendRaw(.get, path, token: admin, headers: [.accept: "application/json"])
                #expect(reply.status.code < 500, "\(path): \(reply.status)")
            }
            #expect(try await cloud.send(.get, "/compute/v2.1/flavors", token: admin).status == .ok)
        }
    }

    /// `POST /flavors` with the `"flavor"` members written out as JSON text (`raw`
    /// over a valid default), so numbers reach the server exactly as sent.
    static func createFlavor(_ cloud: TestCloud, _ token: String, _ raw: [String: String]) async throws -> Reply {
        let members = ["name": "\"f\"", "ram": "64", "vcpus": "1", "disk": "0"].merging(raw) { _, given in given }
        let body = "{\"flavor\": {" + members.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ") + "}}"
        let reply = try await cloud.sendRaw(.post, "/compute/v2.1/flavors", token: token, body: Array(body.utf8),
                                            contentType: "application/json")
        return Reply(status: reply.status, headers: reply.headers, json: reply.json)
    }
}
