import Foundation

/// Input rules shared by the identity use cases, with Keystone-style messages.
enum IdentityValidation {
    static let maxNameLength = 255

    static func name(_ value: String, field: String) throws -> String {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else {
            throw IdentityError.badRequest("Invalid input for field '\(field)': '\(value)' is too short")
        }
        guard value.count <= maxNameLength else {
            throw IdentityError.badRequest("Invalid input for field '\(field)': is too long (maximum \(maxNameLength))")
        }
        return value
    }
}
