@testable import StratusCore
import Testing

/// Issue 4's table: visibility × viewer × action on an active, unprotected image,
/// every expected outcome written out by hand from Glance's behaviour (and the one
/// deliberate difference: a rejected member no longer reaches a shared image).
@Suite struct ImageAccessTableTests {
    enum Viewer: String, Sendable, CaseIterable {
        case owner, otherProject, memberPending, memberAccepted, memberRejected, admin

        var viewer: ImageViewer {
            switch self {
            case .owner: ImageFixtures.owner
            case .otherProject: ImageFixtures.other
            case .memberPending, .memberAccepted, .memberRejected: ImageFixtures.member
            case .admin: ImageFixtures.admin
            }
        }

        /// The viewer's own membership record. Member rows outlive a visibility change
        /// in Glance, so they are passed for every visibility and must only count on
        /// a shared image.
        var membership: ImageMember? {
            switch self {
            case .memberPending: ImageFixtures.membership(.pending)
            case .memberAccepted: ImageFixtures.membership(.accepted)
            case .memberRejected: ImageFixtures.membership(.rejected)
            case .owner, .otherProject, .admin: nil
            }
        }
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var visibility: ImageVisibility
        var viewer: Viewer
        var see: Outcome
        var download: Outcome
        var update: Outcome
        var delete: Outcome

        init(_ visibility: ImageVisibility, _ viewer: Viewer, see: Outcome, download: Outcome, update: Outcome, delete: Outcome) {
            self.visibility = visibility
            self.viewer = viewer
            self.see = see
            self.download = download
            self.update = update
            self.delete = delete
        }

        var testDescription: String { "\(visibility.rawValue) × \(viewer.rawValue)" }
    }

    static let table: [Row] = [
        Row(.private, .owner, see: .allow, download: .allow, update: .allow, delete: .allow),
        Row(.private, .otherProject, see: .hide, download: .hide, update: .hide, delete: .hide),
        Row(.private, .memberPending, see: .hide, download: .hide, update: .hide, delete: .hide),
        Row(.private, .memberAccepted, see: .hide, download: .hide, update: .hide, delete: .hide),
        Row(.private, .memberRejected, see: .hide, download: .hide, update: .hide, delete: .hide),
        Row(.private, .admin, see: .allow, download: .allow, update: .allow, delete: .allow),

        Row(.shared, .owner, see: .allow, download: .allow, update: .allow, delete: .allow),
        Row(.shared, .otherProject, see: .hide, download: .hide, update: .hide, delete: .hide),
        Row(.shared, .memberPending, see: .allow, download: .allow, update: .forbid, delete: .forbid),
        Row(.shared, .memberAccepted, see: .allow, download: .allow, update: .forbid, delete: .forbid),
        Row(.shared, .memberRejected, see: .hide, download: .hide, update: .hide, delete: .hide),
        Row(.shared, .admin, see: .allow, download: .allow, update: .allow, delete: .allow),

        Row(.public, .owner, see: .allow, download: .allow, update: .allow, delete: .allow),
        Row(.public, .otherProject, see: .allow, download: .allow, update: .forbid, delete: .forbid),
        Row(.public, .memberPending, see: .allow, download: .allow, update: .forbid, delete: .forbid),
        Row(.public, .memberAccepted, see: .allow, download: .allow, update: .forbid, delete: .forbid),
        Row(.public, .memberRejected, see: .allow, download: .allow, update: .forbid, delete: .forbid),
        Row(.public, .admin, see: .allow, download: .allow, update: .allow, delete: .allow),

        Row(.community, .owner, see: .allow, download: .allow, update: .allow, delete: .allow),
        Row(.community, .otherProject, see: .allow, download: .allow, update: .forbid, delete: .forbid),
        Row(.community, .memberPending, see: .allow, download: .allow, update: .forbid, delete: .forbid),
        Row(.community, .memberAccepted, see: .allow, download: .allow, update: .forbid, delete: .forbid),
        Row(.community, .memberRejected, see: .allow, download: .allow, update: .forbid, delete: .forbid),
        Row(.community, .admin, see: .allow, download: .allow, update: .allow, delete: .allow),
    ]

    @Test func tableCoversEveryVisibilityAndViewer() {
        let cells = Set(Self.table.map { "\($0.visibility.rawValue)/\($0.viewer.rawValue)" })
        #expect(cells.count == ImageVisibility.allCases.count * Viewer.allCases.count)
        #expect(Self.table.count == cells.count)
    }

    @Test(arguments: table)
    func outcome(_ row: Row) {
        let image = ImageFixtures.image(visibility: row.visibility)
        let access = ImageFixtures.access(row.viewer.viewer)
        let membership = row.viewer.membership
        #expect(Outcome(access.see(image, membership: membership)) == row.see, "see")
        #expect(Outcome(access.download(image, membership: membership)) == row.download, "download")
        #expect(Outcome(access.update(image, membership: membership)) == row.update, "update")
        #expect(Outcome(access.delete(image, membership: membership)) == row.delete, "delete")
    }
}
