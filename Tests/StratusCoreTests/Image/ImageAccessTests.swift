@testable import StratusCore
import Testing

/// Access decisions outside the main table: statuses, protection, stray membership
/// records, member status changes and listing.
@Suite struct ImageAccessTests {
    typealias F = ImageFixtures

    @Test func deactivatedDataIsForAdministratorsOnly() {
        let image = F.image(visibility: .public, status: .deactivated)
        let refused = ImageDecision.denied(.forbidden("The requested image has been deactivated. Image data download is forbidden."))
        #expect(F.access(F.owner).download(image, membership: nil) == refused)
        #expect(F.access(F.other).download(image, membership: nil) == refused)
        #expect(F.access(F.admin).download(image, membership: nil) == .allowed)
        #expect(F.access(F.other).see(image, membership: nil) == .allowed)
    }

    @Test(arguments: [ImageStatus.queued, .saving, .uploading, .importing, .killed])
    func noDataBeforeActive(_ status: ImageStatus) {
        #expect(F.access(F.owner).download(F.image(status: status), membership: nil) == .noData)
        #expect(F.access(F.other).download(F.image(status: status), membership: nil) == .denied(.imageNotFound("I-1")))
    }

    @Test(arguments: [ImageStatus.deleted, .pendingDelete])
    func deletedImagesAreGoneForEveryone(_ status: ImageStatus) {
        let image = F.image(visibility: .public, status: status)
        for viewer in [F.owner, F.other, F.admin] {
            let access = F.access(viewer)
            #expect(access.see(image, membership: nil) == .denied(.imageNotFound("I-1")))
            #expect(access.update(image, membership: nil) == .denied(.imageNotFound("I-1")))
            #expect(access.delete(image, membership: nil) == .denied(.imageNotFound("I-1")))
            #expect(!access.isListed(image, membership: nil, filter: ImageListFilter(visibility: .all, memberStatus: nil, osHidden: nil)))
        }
    }

    @Test func protectedImagesAreNotDeletedEvenByAdministrators() {
        let image = F.image(protected: true)
        let refused = ImageDecision.denied(.forbidden("Image I-1 is protected and cannot be deleted."))
        #expect(F.access(F.owner).delete(image, membership: nil) == refused)
        #expect(F.access(F.admin).delete(image, membership: nil) == refused)
        #expect(F.access(F.owner).update(image, membership: nil) == .allowed)
        #expect(F.access(F.other).delete(image, membership: nil) == .denied(.imageNotFound("I-1")))
    }

    @Test func strayMembershipRecordsGrantNothing() {
        let image = F.image(visibility: .shared)
        let otherImage = F.membership(.accepted, image: "I-2")
        let otherProject = F.membership(.accepted, project: F.otherProject)
        #expect(F.access(F.member).see(image, membership: otherImage) == .denied(.imageNotFound("I-1")))
        #expect(F.access(F.member).see(image, membership: otherProject) == .denied(.imageNotFound("I-1")))
        #expect(F.access(F.other).see(image, membership: F.membership(.accepted)) == .denied(.imageNotFound("I-1")))
    }

    @Test func ownerlessImagesFollowTheirVisibility() {
        let image = F.image(visibility: .private, owner: nil)
        #expect(F.access(F.other).see(image, membership: nil) == .denied(.imageNotFound("I-1")))
        #expect(F.access(ImageViewer(projectID: nil)).see(image, membership: nil) == .denied(.imageNotFound("I-1")))
        #expect(F.access(F.admin).update(image, membership: nil) == .allowed)
        #expect(F.access(F.other).update(F.image(visibility: .public, owner: nil), membership: nil)
            == .denied(.forbidden("You do not own this image")))
    }

    @Test(arguments: [ImageMemberStatus.pending, .accepted, .rejected])
    func onlyTheConsumerAnswersAShare(_ status: ImageMemberStatus) {
        let image = F.image(visibility: .shared)
        #expect(F.access(F.member).updateMemberStatus(of: image, membership: F.membership(status)) == .allowed)
        #expect(F.access(F.admin).updateMemberStatus(of: image, membership: nil) == .allowed)
        #expect(F.access(F.owner).updateMemberStatus(of: image, membership: nil)
            == .denied(.forbidden("You are not authorized to complete modify_member action.")))
        #expect(F.access(F.other).updateMemberStatus(of: image, membership: nil) == .denied(.imageNotFound("I-1")))
    }

    @Test func viewerFromAuthContext() {
        let domain = Domain(id: "D1", name: "Default")
        let auth = AuthContext(
            token: TokenRecord(
                secretHash: "h", userID: "U1", scope: .project("P-owner"), methods: ["password"], auditID: "A1",
                issuedAt: .distantPast, expiresAt: .distantFuture),
            user: User(id: "U1", name: "alice", domainID: "D1"), userDomain: domain,
            project: Project(id: "P-owner", name: "demo", domainID: "D1"), projectDomain: domain,
            roles: [Role(id: "R-admin", name: "admin")])
        // `admin` of an ordinary project administers that project only.
        #expect(ImageViewer(auth) == ImageViewer(projectID: "P-owner", isAdmin: false))
        var adminProject = auth
        adminProject.isAdminProject = true
        #expect(ImageViewer(adminProject) == ImageViewer(projectID: "P-owner", isAdmin: true))
    }
}

/// Listing is narrower than seeing: written out per viewer by hand.
@Suite struct ImageListingTests {
    typealias F = ImageFixtures

    @Test func sharedImagesAreListedOnceAccepted() {
        let image = F.image(visibility: .shared)
        let access = F.access(F.member)
        #expect(!access.isListed(image, membership: F.membership(.pending)))
        #expect(access.isListed(image, membership: F.membership(.accepted)))
        #expect(!access.isListed(image, membership: F.membership(.rejected)))
        #expect(access.isListed(image, membership: F.membership(.pending), filter: ImageListFilter(memberStatus: .pending)))
        #expect(access.isListed(image, membership: F.membership(.pending), filter: ImageListFilter(memberStatus: nil)))
        #expect(!access.isListed(image, membership: F.membership(.rejected), filter: ImageListFilter(memberStatus: .rejected)))
        #expect(!access.isListed(image, membership: F.membership(.rejected), filter: ImageListFilter(memberStatus: nil)))
        #expect(!F.access(F.other).isListed(image, membership: nil))
        #expect(F.access(F.owner).isListed(image, membership: nil))
    }

    @Test func communityImagesAreListedOnlyOnRequestOrToTheirOwner() {
        let image = F.image(visibility: .community)
        #expect(!F.access(F.other).isListed(image, membership: nil))
        #expect(!F.access(F.admin).isListed(image, membership: nil))
        #expect(F.access(F.owner).isListed(image, membership: nil))
        #expect(F.access(F.other).isListed(image, membership: nil, filter: ImageListFilter(visibility: .only(.community))))
        #expect(F.access(F.other).isListed(image, membership: nil, filter: ImageListFilter(visibility: .all)))
    }

    @Test func visibilityFilter() {
        let image = F.image(visibility: .public)
        #expect(F.access(F.other).isListed(image, membership: nil))
        #expect(!F.access(F.other).isListed(image, membership: nil, filter: ImageListFilter(visibility: .only(.private))))
        #expect(!F.access(F.other).isListed(F.image(visibility: .private), membership: nil, filter: ImageListFilter(visibility: .all)))
        #expect(F.access(F.admin).isListed(F.image(visibility: .private), membership: nil))
    }

    @Test func hiddenImagesAreListedOnlyOnRequest() {
        let image = F.image(visibility: .public, osHidden: true)
        #expect(!F.access(F.other).isListed(image, membership: nil))
        #expect(F.access(F.other).isListed(image, membership: nil, filter: ImageListFilter(osHidden: true)))
        #expect(F.access(F.other).isListed(image, membership: nil, filter: ImageListFilter(osHidden: nil)))
        #expect(!F.access(F.other).isListed(F.image(visibility: .public), membership: nil, filter: ImageListFilter(osHidden: true)))
        #expect(F.access(F.other).see(image, membership: nil) == .allowed)
    }
}

@Suite struct ImageDecisionTests {
    @Test func thrownForm() throws {
        try ImageDecision.allowed.enforce()
        try ImageDecision.noData.enforce()
        #expect(ImageDecision.noData.isAllowed)
        #expect(!ImageDecision.denied(.imageNotFound("I-1")).isAllowed)
        #expect(throws: ImageError.imageNotFound("I-1")) { try ImageDecision.denied(.imageNotFound("I-1")).enforce() }
    }
}
