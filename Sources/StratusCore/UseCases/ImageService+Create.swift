import Foundation

extension ImageService {
    /// A queued image: the schema's rules on the body, the trust policy on who may
    /// create and at which visibility (private unless asked and allowed).
    public func createImage(_ caller: Caller, _ draft: ImageDraft) async throws -> Image {
        try authorize(.addImage, caller)
        let id = try draft.requestedID() ?? ids.newUUID()
        let image = try draft.image(id: id, defaultOwner: caller.auth.project?.id, at: clock.now())
        let explicitOwner = draft.fields["owner"] != nil
        if explicitOwner, image.owner == nil, !caller.auth.isCloudAdmin {
            throw ImageError.forbidden("You are not permitted to create images owned by 'None'.")
        }
        try access(caller).create(
            owner: explicitOwner ? image.owner : nil,
            visibility: draft.fields["visibility"] != nil ? image.visibility : nil
        ).enforce()
        try authorizeVisibility(image.visibility, caller, image: image)
        try checkLimits(image)
        try await checkLifecycle(from: nil, to: image, caller)
        try await commit([.insertImage(image), audit(caller, .addImage, id)]) { _ in
            ImageError.conflict("Image with identifier \(id) already exists!")
        }
        return image
    }

    /// The policy rule for reaching every project, on top of the trust policy.
    func authorizeVisibility(_ visibility: ImageVisibility, _ caller: Caller, image: Image) throws {
        switch visibility {
        case .public: try authorize(.publicizeImage, caller, image: image)
        case .community: try authorize(.communitizeImage, caller, image: image)
        case .private, .shared: break
        }
    }

    /// Who may write the trust-bearing properties (`ImageLifecycleProperties`), and a
    /// replacement that is an image that can really be booted instead.
    func checkLifecycle(from before: Image?, to after: Image, _ caller: Caller) async throws {
        if let refusal = ImageLifecycleProperties.refusal(from: before, to: after, isAdmin: caller.auth.isCloudAdmin) {
            throw refusal
        }
        let key = ImageLifecycleProperties.supersededBy
        guard let replacement = after.extraProperties[key], replacement != before?.extraProperties[key] else { return }
        guard let image = try await store.image(id: replacement), image.status == .active else {
            throw ImageError.badRequest("'\(key)' must name an active image; \(replacement) is not one.")
        }
    }

    /// Glance's image quotas on tags and extra properties.
    func checkLimits(_ image: Image) throws(ImageError) {
        if image.tags.count > settings.maxTags {
            throw .tooLarge("Maximum number of tags exceeded: an image may have at most \(settings.maxTags).")
        }
        if image.extraProperties.count > settings.maxProperties {
            throw .tooLarge("Maximum number of properties exceeded: an image may have at most \(settings.maxProperties).")
        }
    }
}
