import Foundation
import StratusCore
import StratusStore
import Testing

/// The store's list query against the core's rule: for every viewer and filter,
/// SQL lists exactly what `ImageAccess.isListed` admits; paging by marker under any
/// order (NULLs included) visits every image once.
@Suite struct ImageListingTests {
    static let viewers: [ImageViewer] = [
        ImageViewer(projectID: "P-owner"), ImageViewer(projectID: "P-other"), ImageViewer(projectID: "P-member"),
        ImageViewer(projectID: "P-admin", isAdmin: true), ImageViewer(projectID: nil),
    ]

    static let filters: [ImageListFilter] = {
        var filters: [ImageListFilter] = []
        let visibilities: [ImageListFilter.Visibility] = [.unspecified, .all] + ImageVisibility.allCases.map { .only($0) }
        for visibility in visibilities {
            for status in [ImageMemberStatus?.none] + ImageMemberStatus.allCases.map(Optional.some) {
                for hidden in [false, true, nil] {
                    filters.append(ImageListFilter(visibility: visibility, memberStatus: status, osHidden: hidden))
                }
            }
        }
        return filters
    }()

    /// Every visibility × status × hidden × owner × P-member's membership (none,
    /// pending, accepted, rejected).
    static func catalog() -> (images: [Image], members: [ImageMember]) {
        var images: [Image] = []
        var members: [ImageMember] = []
        var number = 0
        for visibility in ImageVisibility.allCases {
            for status in [ImageStatus.active, .queued, .deleted, .deactivated] {
                for hidden in [false, true] {
                    for owner in ["P-owner", "P-member", nil] as [String?] {
                        for membership in [nil] + ImageMemberStatus.allCases.map(Optional.some) {
                            number += 1
                            let id = String(format: "I-%03d", number)
                            images.append(Image(
                                id: id, name: "n\(number % 4)", status: status, visibility: visibility, owner: owner,
                                osHidden: hidden, createdAt: Date(timeIntervalSince1970: Double(1000 + number % 7)),
                                version: 1))
                            if let membership {
                                members.append(ImageMember(imageID: id, memberID: "P-member", status: membership))
                            }
                        }
                    }
                }
            }
        }
        return (images, members)
    }

    @Test func sqlListsExactlyWhatTheCoreAdmits() async throws {
        let temp = try TemporaryStore()
        let (images, members) = Self.catalog()
        try await temp.store.commit(images.map(StoreChange.insertImage) + members.map { .insertImageMember($0, limit: -1) })
        for viewer in Self.viewers {
            for filter in Self.filters {
                let listed = try await temp.store.images(ImageListQuery(filter: filter), viewer: viewer, after: nil)
                let access = ImageAccess(viewer: viewer, policy: .publicCloud)
                let expected = images.filter { image in
                    let membership = members.first { $0.imageID == image.id && $0.memberID == viewer.projectID }
                    return access.isListed(image, membership: membership, filter: filter)
                }
                #expect(Set(listed.map(\.id)) == Set(expected.map(\.id)), "\(viewer) \(filter)")
            }
        }
    }

    @Test(arguments: [
        [ImageSort(.name, .asc)], [ImageSort(.name, .desc)], [ImageSort(.size, .asc), ImageSort(.name, .desc)],
        [ImageSort(.diskFormat, .desc)], [], [ImageSort(.createdAt, .asc)],
    ])
    func markerPagingVisitsEveryImageOnceInOrder(_ sort: [ImageSort]) async throws {
        let temp = try TemporaryStore()
        var images: [Image] = []
        for number in 0..<23 {
            images.append(Image(
                id: String(format: "I-%02d", number), name: number % 5 == 0 ? nil : "n\(number % 3)",
                visibility: .public, owner: "P-owner", diskFormat: number % 2 == 0 ? nil : "raw",
                size: number % 4 == 0 ? nil : Int64(number % 3),
                createdAt: Date(timeIntervalSince1970: Double(number % 6)), version: 1))
        }
        try await temp.store.commit(images.map(StoreChange.insertImage))
        let viewer = ImageViewer(projectID: "P-other")
        let whole = try await temp.store.images(ImageListQuery(sort: sort), viewer: viewer, after: nil)
        #expect(whole.count == 23)
        var paged: [Image] = []
        var marker: Image?
        repeat {
            let page = try await temp.store.images(ImageListQuery(sort: sort, limit: 4), viewer: viewer, after: marker)
            paged += page
            marker = page.count == 4 ? page.last : nil
        } while marker != nil
        #expect(paged.map(\.id) == whole.map(\.id))
    }

    @Test func matchesOnFieldsTagsAndProperties() async throws {
        let temp = try TemporaryStore()
        let base = Image(id: "I-a", name: "web", visibility: .public, owner: "P-owner", containerFormat: "bare",
                         diskFormat: "raw", size: 100, tags: ["x", "y"], extraProperties: ["os_distro": "debian"], version: 1)
        var other = base
        other.id = "I-b"
        other.name = "db"
        other.size = 300
        other.tags = ["x"]
        other.extraProperties = ["os_distro": "fedora"]
        try await temp.store.commit([.insertImage(base), .insertImage(other)])
        let viewer = ImageViewer(projectID: "P-owner")
        func ids(_ query: ImageListQuery) async throws -> [String] {
            try await temp.store.images(query, viewer: viewer, after: nil).map(\.id).sorted()
        }
        #expect(try await ids(ImageListQuery(tags: ["x"])) == ["I-a", "I-b"])
        #expect(try await ids(ImageListQuery(tags: ["x", "y"])) == ["I-a"])
        #expect(try await ids(ImageListQuery(properties: ["os_distro": "fedora"])) == ["I-b"])
        #expect(try await ids(ImageListQuery(name: "web")) == ["I-a"])
        #expect(try await ids(ImageListQuery(sizeMin: 200)) == ["I-b"])
        #expect(try await ids(ImageListQuery(sizeMax: 200)) == ["I-a"])
        #expect(try await ids(ImageListQuery(status: .queued)) == ["I-a", "I-b"])
        #expect(try await ids(ImageListQuery(status: .active)).isEmpty)
        #expect(try await ids(ImageListQuery(owner: "P-other")).isEmpty)
        #expect(try await ids(ImageListQuery(limit: 1)).count == 1)
    }
}
