@testable import StratusCore
import Foundation
import Testing

/// Glance's image state machine, the legal moves listed by hand from
/// `glance/domain/__init__.py`; every other pair must be refused.
@Suite struct ImageStatusTests {
    struct Move: Sendable, Hashable, CustomTestStringConvertible {
        var from: ImageStatus
        var to: ImageStatus
        init(_ from: ImageStatus, _ to: ImageStatus) {
            self.from = from
            self.to = to
        }
        var testDescription: String { "\(from.rawValue) → \(to.rawValue)" }
    }

    static let legal: [Move] = [
        Move(.queued, .saving), Move(.queued, .uploading), Move(.queued, .importing),
        Move(.queued, .active), Move(.queued, .deleted),
        Move(.saving, .active), Move(.saving, .killed), Move(.saving, .deleted), Move(.saving, .queued),
        Move(.uploading, .importing), Move(.uploading, .queued), Move(.uploading, .deleted),
        Move(.importing, .active), Move(.importing, .deleted), Move(.importing, .queued),
        Move(.active, .pendingDelete), Move(.active, .deleted), Move(.active, .deactivated),
        Move(.killed, .deleted),
        Move(.pendingDelete, .deleted), Move(.pendingDelete, .active),
        Move(.deactivated, .active), Move(.deactivated, .deleted),
    ]

    /// Every other pair of statuses, staying put included.
    static let illegal: [Move] = ImageStatus.allCases.flatMap { from in
        ImageStatus.allCases.map { Move(from, $0) }
    }.filter { !Set(legal).contains($0) }

    @Test func everyPairIsClassified() {
        #expect(Self.legal.count == 23)
        #expect(Self.legal.count + Self.illegal.count == 81)
    }

    @Test(arguments: legal)
    func legalMove(_ move: Move) throws {
        #expect(try move.from.transition(to: move.to) == move.to)
    }

    @Test(arguments: illegal)
    func illegalMoveIsAConflict(_ move: Move) {
        #expect(throws: ImageError.conflict(
            "Image status transition from \(move.from.rawValue) to \(move.to.rawValue) is not allowed")
        ) {
            try move.from.transition(to: move.to)
        }
    }

    @Test func illegalMoveLeavesImageUnchanged() {
        var image = ImageFixtures.image(status: .killed)
        #expect(throws: ImageError.self) { try image.moveStatus(to: .active) }
        #expect(image.status == .killed)
    }

    @Test func dataNeedsBothFormats() throws {
        var image = Image(id: "I-2", owner: ImageFixtures.ownerProject)
        #expect(throws: ImageError.badRequest("Properties disk_format, container_format must be set prior to saving data.")) {
            try image.moveStatus(to: .saving)
        }
        image.diskFormat = "raw"
        #expect(throws: ImageError.badRequest("Property container_format must be set prior to saving data.")) {
            try image.moveStatus(to: .active)
        }
        image.containerFormat = "bare"
        try image.moveStatus(to: .saving)
        #expect(image.status == .saving)
    }

    @Test func formatsAreNotNeededToGiveUp() throws {
        var image = Image(id: "I-3", owner: ImageFixtures.ownerProject)
        try image.moveStatus(to: .deleted)
        #expect(image.status == .deleted)
    }

    @Test func retryingAnUploadForgetsItsSizes() throws {
        var image = ImageFixtures.image(status: .saving)
        image.size = 4096
        image.virtualSize = 8192
        try image.moveStatus(to: .queued)
        #expect(image.status == .queued)
        #expect(image.size == nil)
        #expect(image.virtualSize == nil)
    }

    @Test func newImagesAreQueuedAndPrivate() {
        let image = Image(id: "I-4", owner: ImageFixtures.ownerProject)
        #expect(image.status == .queued)
        #expect(image.visibility == .private)
        #expect(image.version == 0)
    }

    @Test func wireNames() {
        #expect(ImageStatus.pendingDelete.rawValue == "pending_delete")
        #expect(ImageStatus(rawValue: "deactivated") == .deactivated)
        #expect(ImageVisibility(rawValue: "community") == .community)
        #expect(ImageMemberStatus(rawValue: "rejected") == .rejected)
    }
}
