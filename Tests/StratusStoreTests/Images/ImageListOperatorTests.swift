import Foundation
import StratusCore
import StratusStore
import Testing

/// Glance's `in:` lists and time comparisons in the store's SQL, checked against the
/// core's `ImageTimeComparison.admits` on times either side of whole seconds.
@Suite struct ImageListOperatorTests {
    static let viewer = ImageViewer(projectID: "P-owner", isAdmin: true)

    static func ids(_ store: SQLiteStore, _ query: ImageListQuery) async throws -> [String] {
        try await store.images(query, viewer: viewer, after: nil).map(\.id).sorted()
    }

    @Test func inListsMatchAnyValueAndEmptyMatchesNothing() async throws {
        let temp = try TemporaryStore()
        let images = [("I-a", "web", ImageStatus.active, "raw"), ("I-b", "db, main", .queued, "qcow2"),
                      ("I-c", "cache", .deactivated, "raw")].map { id, name, status, disk in
            Image(id: id, name: name, status: status, visibility: .public, owner: "P-owner", containerFormat: "bare",
                  diskFormat: disk, version: 1)
        }
        try await temp.store.commit(images.map(StoreChange.insertImage))
        func ids(_ column: ImageListColumn, _ values: [String]) async throws -> [String] {
            var query = ImageListQuery()
            query.oneOf[column] = values
            return try await Self.ids(temp.store, query)
        }
        #expect(try await ids(.id, ["I-a", "I-c", "I-unknown"]) == ["I-a", "I-c"])
        #expect(try await ids(.id, ["I-unknown"]).isEmpty)
        #expect(try await ids(.id, []).isEmpty)
        #expect(try await ids(.name, ["db, main", "web"]) == ["I-a", "I-b"])
        #expect(try await ids(.status, ["queued", "deactivated", "sleeping"]) == ["I-b", "I-c"])
        #expect(try await ids(.diskFormat, ["raw"]) == ["I-a", "I-c"])
        #expect(try await ids(.containerFormat, ["ovf"]).isEmpty)
        var both = ImageListQuery()
        both.oneOf = [.diskFormat: ["raw"], .status: ["active", "queued"]]
        #expect(try await Self.ids(temp.store, both) == ["I-a"], "lists on several columns all hold")
        #expect(try await ids(.id, (0..<ImageListQuery.maxInValues).map { "I-\($0)" } + ["I-b"]) == ["I-b"])
    }

    @Test func timeComparisonsInSQLAreTheCoresRule() async throws {
        let temp = try TemporaryStore()
        // Times around 1000 and 1001 s, fractions on both sides of what is shown.
        let times = [998.7, 999.0, 999.4, 999.9994, 999.9996, 1_000.0, 1_000.2, 1_000.9994, 1_000.9996, 1_001.5, 1_003.0]
        let images = times.enumerated().map { index, time in
            Image(id: String(format: "I-%02d", index), name: "t", visibility: .public, owner: "P-owner",
                  createdAt: Date(timeIntervalSince1970: time), updatedAt: Date(timeIntervalSince1970: time + 10), version: 1)
        }
        try await temp.store.commit(images.map(StoreChange.insertImage))
        for field in ImageTimeComparison.Field.allCases {
            for op in ImageTimeComparison.Operator.allCases {
                for threshold in [1_000.0, 1_000.5, 1_010.0, 999.9995] {
                    let comparison = ImageTimeComparison(field, op, Date(timeIntervalSince1970: threshold))
                    var query = ImageListQuery()
                    query.timeComparisons = [comparison]
                    let expected = images.filter { comparison.admits(comparison.value(of: $0)) }.map(\.id).sorted()
                    #expect(try await Self.ids(temp.store, query) == expected, "\(field) \(op) \(threshold)")
                }
            }
        }
        var window = ImageListQuery()
        window.timeComparisons = [ImageTimeComparison(.createdAt, .gte, Date(timeIntervalSince1970: 999)),
                                  ImageTimeComparison(.createdAt, .lt, Date(timeIntervalSince1970: 1_000))]
        #expect(try await Self.ids(temp.store, window) == ["I-01", "I-02", "I-03"], "shown as 999 s: 999.0, 999.4, 999.9994")
    }
}
