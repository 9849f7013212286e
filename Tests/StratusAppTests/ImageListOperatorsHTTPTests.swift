import Foundation
import HTTPTypes
import StratusCore
import StratusOpenStack
import Testing

@Suite("Image v2 over HTTP: Glance's filter operators (in:, time comparisons)")
struct ImageListOperatorsHTTPTests {
    func ids(_ reply: Reply) -> Set<String> {
        Set(reply.json?["images"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? [])
    }

    /// A query value as requests encodes it: `:`, `,`, `"` and spaces escaped.
    func encoded(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["-", "_", "."])) ?? value
    }

    @Test func inListsAsOpenstackclientSendsThem() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let web = try await cloud.createImage(token: admin, ["name": "web", "tags": ["op"]])
            let darkly = try await cloud.createImage(token: admin, ["name": "glass, darkly", "disk_format": "qcow2",
                                                                     "container_format": "ovf", "tags": ["op"]])
            let share = try await cloud.createImage(token: admin, ["name": "share me", "tags": ["op"]])
            _ = try await cloud.upload(share, token: admin, [1, 2])
            func list(_ query: String) async throws -> Set<String> {
                ids(try await cloud.glance(.get, "/images?tag=op&" + query, token: admin))
            }
            // `openstack server list`'s image name lookup.
            #expect(try await list("id=" + encoded("in:\(web),\(share)")) == [web, share])
            #expect(try await list("id=in:\(web),\(share)") == [web, share], "unencoded works too")
            #expect(try await list("id=in:\(UUID().uuidString)").isEmpty, "an unknown id lists nothing")
            #expect(try await list("id=in:").isEmpty)
            #expect(try await list("id=eq:\(web)") == [web])
            #expect(try await list("id=\(web)") == [web])
            #expect(try await list("name=" + encoded(#"in:"glass, darkly",share me"#)) == [darkly, share])
            #expect(try await list("name=in:glass,share").isEmpty, "whole names only, as in Glance's api-ref")
            #expect(try await list("name=" + encoded("glass, darkly")) == [darkly], "a bare value is one name")
            #expect(try await list("status=in:queued,saving") == [web, darkly])
            #expect(try await list("status=in:active,killed") == [share])
            #expect(try await list("status=sleeping").isEmpty, "Glance matches an unknown status, finding nothing")
            #expect(try await list("disk_format=in:qcow2,vmdk") == [darkly])
            #expect(try await list("container_format=in:bare") == [web, share])
            #expect(try await list("container_format=in:ovf&disk_format=in:raw").isEmpty, "both must hold")
        }
    }

    @Test func timeComparisonsOnTheShownSecond() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let id = try await cloud.createImage(token: admin, ["tags": ["when"]])
            let shown = try #require(try await cloud.glance(.get, "/images/\(id)", token: admin).json?["created_at"]?.stringValue)
            let time = try #require(ImageFilterTimestamp.parse(shown))
            let dayBefore = time.addingTimeInterval(-86_400).formatted(.iso8601)
            func listed(_ query: String) async throws -> Bool {
                ids(try await cloud.glance(.get, "/images?tag=when&" + query, token: admin)) == [id]
            }
            for (query, expected) in [
                ("gt:\(shown)", false), ("gte:\(shown)", true), ("lt:\(shown)", false), ("lte:\(shown)", true),
                ("eq:\(shown)", true), ("neq:\(shown)", false), (shown, true),
                ("gt:\(dayBefore)", true), ("lt:\(dayBefore)", false), ("neq:\(dayBefore)", true),
            ] {
                #expect(try await listed("created_at=" + encoded(query)) == expected, "created_at=\(query)")
            }
            // The same instant written with an offset.
            let offset = String(shown.dropLast()) + "+00:00"
            #expect(try await listed("created_at=" + encoded("eq:\(offset)")))
            #expect(try await listed("updated_at=" + encoded("gte:\(dayBefore)")))
            #expect(try await listed("updated_at=" + encoded("gte:\(dayBefore)") + "&created_at=" + encoded("lt:\(dayBefore)")) == false)
        }
    }

    @Test func badOperatorsAndValuesAreGlances400s() async throws {
        try await TestCloud.run { cloud in
            let admin = try await cloud.token()
            let tooMany = "in:" + (0...ImageListQuery.maxInValues).map(String.init).joined(separator: ",")
            for (query, message) in [
                ("name=like:web", "Unable to filter by unknown operator 'like'."),
                ("status=lala:active", "Unable to filter by unknown operator 'lala'."),
                ("id=gt:1", "Unable to filter by unknown operator 'gt'."),
                ("name=" + encoded(#"in:"web"#), #"Invalid filter value "web. The quote is not closed."#),
                ("name=" + encoded(#"in:na"me"#), "There is no comma before opening quotation mark."),
                ("name=" + encoded(#"in:"a"b"#), "There is no comma after closing quotation mark."),
                ("created_at=" + encoded("in:2016-04-18T21:38:54Z"), "Unable to filter on a unknown operator."),
                ("created_at=" + encoded("after:2016-04-18T21:38:54Z"), "Unable to filter on a unknown operator."),
                ("created_at=gt:yesterday", #"Bad "created_at" query filter format. Use ISO 8601 DateTime notation."#),
                ("updated_at=2016-13-01", #"Bad "updated_at" query filter format."#),
                ("size_min=gt:5", "Unable to filter on a range with a non-numeric value."),
                ("size_max=x", "Unable to filter on a range with a non-numeric value."),
                ("visibility=in:public,private", "Invalid visibility value: in:public,private"),
                ("id=" + encoded(tooMany), "Too many values for the 'in' operator on id: at most 1000."),
            ] {
                let reply = try await cloud.glance(.get, "/images?\(query)", token: admin)
                #expect(reply.status == .badRequest, "\(query)")
                #expect(reply.json?["code"] == "400 Bad Request" && reply.json?["title"] == "Bad Request", "webob's JSON: \(query)")
                #expect(reply.glanceMessage?.contains(message) == true, "\(query): \(String(describing: reply.glanceMessage))")
            }
            #expect(try await cloud.glance(.get, "/images?size_min=-1", token: admin).status == .ok, "int() takes a negative")
        }
    }
}
