import Foundation

/// Glance's policy actions, by Glance's rule names, with Stratus's defaults: reads
/// need `reader`, changes `member`. These rules are the role layer only; who owns,
/// who sees and who may publish or share is decided on top of them by
/// `ImageAccess` with the operator's `ImageTrustPolicy`, which a policy file cannot
/// loosen. The target is the image: `project_id` (its owner), `visibility`,
/// `member_id` (the caller's project when it is a member).
public enum ImagePolicy {
    public enum Action: String, Sendable, CaseIterable {
        case getImage = "get_image"
        case getImages = "get_images"
        case addImage = "add_image"
        case modifyImage = "modify_image"
        case deleteImage = "delete_image"
        case uploadImage = "upload_image"
        case downloadImage = "download_image"
        case publicizeImage = "publicize_image"
        case communitizeImage = "communitize_image"
        case deactivate = "deactivate"
        case reactivate = "reactivate"
        case addMember = "add_member"
        case deleteMember = "delete_member"
        case getMember = "get_member"
        case getMembers = "get_members"
        case modifyMember = "modify_member"
    }

    public static let baseRules: [String: String] = [
        "image_reader": "role:reader",
        "image_member": "role:member",
    ]

    public static var defaults: [String: String] {
        PolicyDefaults.rules(base: baseRules, rule: defaultRule as (Action) -> String)
    }

    static func defaultRule(_ action: Action) -> String {
        switch action {
        case .getImage, .getImages, .downloadImage, .getMember, .getMembers: "rule:image_reader"
        // Publishing is `member` here so the trust policy's profile is what decides
        // (administrators only in both profiles); a policy file may tighten it further.
        case .addImage, .modifyImage, .deleteImage, .uploadImage, .publicizeImage, .communitizeImage, .deactivate,
             .reactivate, .addMember, .deleteMember, .modifyMember:
            "rule:image_member"
        }
    }
}
