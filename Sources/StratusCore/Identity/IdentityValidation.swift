import Foundation

/// Input rules shared by the identity use cases, with Keystone-style messages.
enum IdentityValidation {
    /// Keystone's limits: domain and project names 64, user and role names 255.
    static let maxNameLength = 255
    static let maxContainerNameLength = 64

    static func name(_ value: String, field: String, maxLength: Int = maxNameLength) throws -> String {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else {
            throw IdentityError.badRequest("Invalid input for field '\(field)': '\(value)' is too short")
        }
        guard value.count <= maxLength else {
            throw IdentityError.badRequest("Invalid input for field '\(field)': is too long (maximum \(maxLength))")
        }
        return value
    }
}
