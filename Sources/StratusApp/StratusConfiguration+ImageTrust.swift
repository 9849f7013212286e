import StratusCore

extension StratusConfiguration {
    /// The image trust policy from `--image-trust` (a profile) and the privileges
    /// given explicitly on top of it (`--image-upload`, `--image-publicize`,
    /// `--image-share`: administrators, members or nobody).
    public mutating func setImageTrust(profile: String, upload: String?, publicize: String?, share: String?) throws(ConfigurationError) {
        guard var policy = ImageTrustPolicy.profiles[profile] else {
            throw ConfigurationError("unknown --image-trust \(profile) (private-cloud or public-cloud)")
        }
        func privilege(_ value: String?, _ flag: String) throws(ConfigurationError) -> ImagePrivilege? {
            guard let value else { return nil }
            guard let privilege = ImagePrivilege(rawValue: value) else {
                throw ConfigurationError("unknown --\(flag) \(value) (administrators, members or nobody)")
            }
            return privilege
        }
        policy.create = try privilege(upload, "image-upload") ?? policy.create
        policy.publicize = try privilege(publicize, "image-publicize") ?? policy.publicize
        policy.share = try privilege(share, "image-share") ?? policy.share
        imageTrust = policy
    }
}
