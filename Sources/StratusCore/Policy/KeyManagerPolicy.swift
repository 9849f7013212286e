import Foundation

/// Barbican's rule names for the secrets this store holds (certificates only).
/// Storing and deleting are the administrators' (a certificate here is trusted to
/// vouch for images); any reader may see which certificates exist and fetch them,
/// since certificates are public material and image owners sign against them.
public enum KeyManagerPolicy {
    public enum Action: String, Sendable, CaseIterable {
        case createSecret = "secrets:post"
        case listSecrets = "secrets:get"
        case getSecret = "secret:get"
        case getSecretPayload = "secret:decrypt"
        case deleteSecret = "secret:delete"
    }

    public static let baseRules: [String: String] = [
        "key_manager_admin": "rule:cloud_admin",
        "key_manager_reader": "role:reader",
    ]

    public static var defaults: [String: String] {
        PolicyDefaults.rules(base: baseRules, rule: defaultRule as (Action) -> String)
    }

    static func defaultRule(_ action: Action) -> String {
        switch action {
        case .createSecret, .deleteSecret: "rule:key_manager_admin"
        case .listSecrets, .getSecret, .getSecretPayload: "rule:key_manager_reader"
        }
    }
}
