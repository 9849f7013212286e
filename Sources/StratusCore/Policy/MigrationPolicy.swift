import Foundation

/// Who may move servers between hosts (cold and live migration): the
/// operator's switch of the case study. Disabled clouds refuse every migration
/// whatever a policy file says; `allowed` lets a project's members move their
/// own servers, though choosing the destination stays an administrator's right
/// (Nova's `…:host` rules), since a user picking hosts could seek out neighbours.
public enum MigrationPolicy: String, Sendable, CaseIterable {
    case disabled
    case administrators = "admin"
    case allowed
}
