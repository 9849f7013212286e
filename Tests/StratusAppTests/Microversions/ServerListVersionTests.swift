import Foundation
import HTTPTypes
import StratusCore
import StratusOpenStack
import Testing

/// `GET /servers[/detail]` filters and sorting by microversion.
@Suite("Compute microversions: listing servers")
struct ServerListVersionTests {
    static func names(_ reply: Reply) -> [String] {
        reply.json?["servers"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
    }

    @Test func anUnknownStatusIsAnErrorFromTwoThirtyEight() async throws {
        try await MicroversionCloud.run { cloud in
            _ = try await cloud.createServer()
            let old = try await cloud.send(.get, "/servers?status=SLEEPING", at: "2.37")
            #expect(old.status == .ok)
            #expect(old.json == ["servers": []])
            let new = try await cloud.send(.get, "/servers?status=SLEEPING", at: "2.38")
            #expect(new.json == ["badRequest": ["code": 400, "message": "Invalid status value"]])
            // Several statuses at once, as Nova's getall.
            try await cloud.converge()
            let both = try await cloud.send(.get, "/servers?status=SHUTOFF&status=active", at: "2.38")
            #expect(Self.names(both) == ["sample-1"])
            let deleted = try await cloud.send(.get, "/servers?status=DELETED", at: "2.38")
            #expect(deleted.json?["forbidden"]?["message"] == "Only administrators may list deleted instances")
        }
    }

    @Test func tagFiltersFromTwoTwentySix() async throws {
        try await MicroversionCloud.run { cloud in
            _ = try await cloud.createServer(at: "2.52", name: "red-green", extra: ["tags": ["red", "green"]])
            _ = try await cloud.createServer(at: "2.52", name: "red", extra: ["tags": ["red"]])
            _ = try await cloud.createServer(at: "2.52", name: "plain")
            func names(_ query: String, _ version: String = "2.26") async throws -> Set<String> {
                Set(Self.names(try await cloud.send(.get, "/servers?\(query)", at: version)))
            }
            #expect(try await names("tags=red,green") == ["red-green"])
            #expect(try await names("tags-any=green,red") == ["red-green", "red"])
            #expect(try await names("not-tags=red,green") == ["red", "plain"])
            #expect(try await names("not-tags-any=green") == ["red", "plain"])
            #expect(try await names("tags=red&not-tags-any=green") == ["red"])
            #expect(try await names("tags=red", "2.25") == ["red-green", "red", "plain"], "ignored before 2.26")
        }
    }

    @Test func changesBeforeFromTwoSixtySix() async throws {
        try await MicroversionCloud.run { cloud in
            _ = try await cloud.createServer()
            let past = "2000-01-01T00:00:00Z"
            #expect(try await cloud.send(.get, "/servers?changes-before=\(past)", at: "2.66").json == ["servers": []])
            #expect(Self.names(try await cloud.send(.get, "/servers?changes-before=\(past)", at: "2.65")) == ["sample-1"],
                    "members' changes-before is dropped before 2.66")
            let backwards = try await cloud.send(
                .get, "/servers?changes-since=2030-01-01T00:00:00Z&changes-before=\(past)", at: "2.66")
            #expect(backwards.json?["badRequest"]?["message"] == "The value of changes-since must be less than or equal to changes-before.")
            let future = "2100-01-01T00:00:00Z"
            #expect(Self.names(try await cloud.send(.get, "/servers?changes-before=\(future)", at: "2.66")) == ["sample-1"])
        }
    }

    @Test func lockedFilterAndSortForMembersFromTwoSeventyThree() async throws {
        try await MicroversionCloud.run { cloud in
            let locked = try await cloud.createServer(name: "locked")
            _ = try await cloud.createServer(name: "open")
            try await cloud.converge()
            #expect(try await cloud.send(.post, "/servers/\(locked)/action", at: "2.73", json: ["lock": nil]).status == .accepted)
            #expect(Set(Self.names(try await cloud.send(.get, "/servers?locked=true", at: "2.72"))) == ["locked", "open"],
                    "a member's locked filter is dropped before 2.73")
            #expect(Self.names(try await cloud.send(.get, "/servers?locked=true", at: "2.73")) == ["locked"])
            // Administrators filter by `locked` at any version.
            let adminAll = try await cloud.send(.get, "/servers?locked=true&all_tenants=1", token: cloud.admin, at: "2.1")
            #expect(Self.names(adminAll) == ["locked"])

            let ascending = try await cloud.send(.get, "/servers?sort_key=locked&sort_dir=asc", at: "2.73")
            #expect(Self.names(ascending) == ["open", "locked"])
            let descending = try await cloud.send(.get, "/servers?sort_key=locked&sort_dir=desc", at: "2.73")
            #expect(Self.names(descending) == ["locked", "open"])
            // Before 2.73 `locked` is an ignored key: the default order (newest first) stays.
            #expect(Self.names(try await cloud.send(.get, "/servers?sort_key=locked&sort_dir=asc", at: "2.72")) == ["open", "locked"])
            #expect(Self.names(try await cloud.send(.get, "/servers?sort_key=display_name&sort_dir=asc", at: "2.1")) == ["locked", "open"])
            let bogus = try await cloud.send(.get, "/servers?sort_key=bogus", at: "2.73")
            #expect(bogus.status == .badRequest)
            let host = try await cloud.send(.get, "/servers?sort_key=host", at: "2.73")
            #expect(host.json?["forbidden"]?["message"] == "Only administrators can sort servers by host")
            let direction = try await cloud.send(.get, "/servers?sort_key=display_name&sort_dir=up", at: "2.1")
            #expect(direction.json?["badRequest"]?["message"] == "Invalid input received: Unknown sort direction, must be 'desc' or 'asc'")
        }
    }

    @Test func addressFiltersMatchTheServersPorts() async throws {
        try await MicroversionCloud.run { cloud in
            _ = try await cloud.createServer()
            // The server's port on the shared network (10.0.0.0/16); Nova's `re.match`.
            #expect(Self.names(try await cloud.send(.get, "/servers?ip=10.0.0", at: "2.1")) == ["sample-1"])
            #expect(Self.names(try await cloud.send(.get, "/servers?ip=10%5C.0%5C.0%5C.%5Cd", at: "2.1")) == ["sample-1"])
            #expect(try await cloud.send(.get, "/servers?ip=0.0", at: "2.1").json == ["servers": []])
            #expect(try await cloud.send(.get, "/servers?ip=10.9", at: "2.1").json == ["servers": []])
            #expect(Self.names(try await cloud.send(.get, "/servers?ip6=fe80", at: "2.4")) == ["sample-1"], "ip6 is dropped for members before 2.5")
            #expect(try await cloud.send(.get, "/servers?ip6=fe80", at: "2.5").json == ["servers": []])
        }
    }

    @Test func pagesLinkWithTheRequestsOwnQuery() async throws {
        try await MicroversionCloud.run { cloud in
            _ = try await cloud.createServer(name: "a")
            let last = try await cloud.createServer(name: "b")
            let page = try await cloud.send(.get, "/servers?limit=1&name=.", at: "2.73")
            let href = page.json?["servers_links"]?.arrayValue?.first?["href"]?.stringValue
            #expect(href == "http://127.0.0.1:5000/compute/v2.1/servers?limit=1&marker=\(last)&name=.")
        }
    }
}
