@testable import StratusCore
import Testing

/// The operator's trust profiles and what they let each caller do.
@Suite struct ImageTrustPolicyTests {
    typealias F = ImageFixtures

    @Test func profiles() {
        #expect(ImageTrustPolicy.privateCloud == ImageTrustPolicy(create: .administrators, publicize: .administrators, share: .administrators))
        #expect(ImageTrustPolicy.publicCloud == ImageTrustPolicy(create: .members, publicize: .administrators, share: .administrators))
        #expect(ImageTrustPolicy.defaultVisibility == .private)
    }

    @Test func privateCloudRefusesAMembersCreate() {
        #expect(F.access(F.owner, .privateCloud).create(owner: nil, visibility: nil)
            == .denied(.forbidden("You are not authorized to complete add_image action.")))
        #expect(F.access(F.admin, .privateCloud).create(owner: nil, visibility: nil) == .allowed)
    }

    @Test func publicCloudLetsMembersCreatePrivateImages() {
        let access = F.access(F.owner, .publicCloud)
        #expect(access.create(owner: nil, visibility: nil) == .allowed)
        #expect(access.create(owner: F.ownerProject, visibility: .private) == .allowed)
    }

    @Test(arguments: [ImageVisibility.public, .community, .shared])
    func publicCloudMemberCannotWidenAtCreate(_ visibility: ImageVisibility) {
        #expect(Outcome(F.access(F.owner, .publicCloud).create(owner: nil, visibility: visibility)) == .forbid)
    }

    @Test func nobodyCreatesForAnotherProjectButAdmins() {
        #expect(F.access(F.owner, .publicCloud).create(owner: F.otherProject, visibility: nil)
            == .denied(.forbidden("You are not permitted to create images owned by 'P-other'.")))
        #expect(F.access(F.admin, .publicCloud).create(owner: F.otherProject, visibility: nil) == .allowed)
    }

    @Test func scopelessCallerCannotCreateUnderMembers() {
        let access = ImageAccess(viewer: ImageViewer(projectID: nil), policy: .publicCloud)
        #expect(Outcome(access.create(owner: nil, visibility: nil)) == .forbid)
    }

    @Test func publicCloudRefusesPublicizingAndSharingToMembers() {
        let access = F.access(F.owner, .publicCloud)
        let image = F.image(visibility: .private)
        #expect(access.changeVisibility(of: image, to: .public, membership: nil)
            == .denied(.forbidden("You are not authorized to complete publicize_image action.")))
        #expect(access.changeVisibility(of: image, to: .community, membership: nil)
            == .denied(.forbidden("You are not authorized to complete communitize_image action.")))
        #expect(access.changeVisibility(of: image, to: .shared, membership: nil)
            == .denied(.forbidden("You are not authorized to complete share_image action.")))
    }

    @Test(arguments: [ImageVisibility.public, .community, .shared, .private])
    func administratorsPublishAndShareInBothProfiles(_ visibility: ImageVisibility) {
        let image = F.image(visibility: .private, owner: F.adminProject)
        #expect(F.access(F.admin, .privateCloud).changeVisibility(of: image, to: visibility, membership: nil) == .allowed)
        #expect(F.access(F.admin, .publicCloud).changeVisibility(of: image, to: visibility, membership: nil) == .allowed)
    }

    @Test(arguments: [ImageVisibility.public, .community, .shared])
    func narrowingToPrivateNeedsOnlyOwnership(_ from: ImageVisibility) {
        let image = F.image(visibility: from)
        #expect(F.access(F.owner, .privateCloud).changeVisibility(of: image, to: .private, membership: nil) == .allowed)
        // A stranger sees a public or community image but does not own it; a shared one
        // it was never given is hidden from it.
        let stranger = Outcome(F.access(F.other, .privateCloud).changeVisibility(of: image, to: .private, membership: nil))
        #expect(stranger == (from == .shared ? .hide : .forbid))
    }

    @Test func keepingTheSameVisibilityIsNotAWidening() {
        let image = F.image(visibility: .public)
        #expect(F.access(F.owner, .privateCloud).changeVisibility(of: image, to: .public, membership: nil) == .allowed)
    }

    @Test func strangersCannotProbeVisibilityChanges() {
        #expect(F.access(F.other, .publicCloud).changeVisibility(of: F.image(), to: .public, membership: nil)
            == .denied(.imageNotFound("I-1")))
    }

    @Test func membersMayShareWhenTheOperatorSaysSo() {
        let policy = ImageTrustPolicy(create: .members, publicize: .administrators, share: .members)
        let access = F.access(F.owner, policy)
        #expect(access.changeVisibility(of: F.image(), to: .shared, membership: nil) == .allowed)
        #expect(access.addMember(to: F.image(visibility: .shared), membership: nil) == .allowed)
        #expect(Outcome(access.changeVisibility(of: F.image(), to: .public, membership: nil)) == .forbid)
    }

    @Test func nobodyMeansAdministratorsToo() {
        let policy = ImageTrustPolicy(create: .members, publicize: .nobody, share: .nobody)
        let image = F.image(visibility: .private, owner: F.adminProject)
        let access = F.access(F.admin, policy)
        #expect(Outcome(access.changeVisibility(of: image, to: .public, membership: nil)) == .forbid)
        #expect(Outcome(access.changeVisibility(of: image, to: .shared, membership: nil)) == .forbid)
        #expect(Outcome(access.addMember(to: F.image(visibility: .shared, owner: F.adminProject), membership: nil)) == .forbid)
    }

    @Test func addingMembers() {
        let shared = F.image(visibility: .shared)
        #expect(F.access(F.owner, .publicCloud).addMember(to: shared, membership: nil)
            == .denied(.forbidden("You are not authorized to complete add_member action.")))
        #expect(F.access(F.admin, .publicCloud).addMember(to: shared, membership: nil) == .allowed)
        #expect(F.access(F.admin, .publicCloud).addMember(to: F.image(visibility: .private), membership: nil)
            == .denied(.forbidden("Only shared images have members.")))
        #expect(F.access(F.member, .publicCloud).addMember(to: shared, membership: F.membership(.accepted))
            == .denied(.forbidden("You do not own this image")))
        #expect(F.access(F.other, .publicCloud).addMember(to: shared, membership: nil) == .denied(.imageNotFound("I-1")))
    }

    @Test func removingMembersIgnoresTheTrustPolicy() {
        let shared = F.image(visibility: .shared)
        let policy = ImageTrustPolicy(create: .members, publicize: .nobody, share: .nobody)
        #expect(F.access(F.owner, policy).removeMember(from: shared, membership: nil) == .allowed)
        #expect(Outcome(F.access(F.member, policy).removeMember(from: shared, membership: F.membership(.accepted))) == .forbid)
    }
}
