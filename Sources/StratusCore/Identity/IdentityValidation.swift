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
        guard !ControlCharacters.contained(in: value) else {
            throw IdentityError.badRequest("Invalid input for field '\(field)': control characters are not allowed")
        }
        return value
    }

    /// Keystone's `max_password_length` (4096): longer ones are refused before hashing.
    static let maxPasswordLength = 4096

    static func password(_ value: String, field: String) throws -> String {
        guard value.utf8.count <= maxPasswordLength else {
            throw IdentityError.badRequest(
                "Invalid input for field '\(field)': is too long (maximum \(maxPasswordLength))")
        }
        return value
    }

    /// Keystone's tag rules: at most 80, each 1–255 characters without `/` or `,`, no repeats.
    static func tags(_ tags: [String]) throws -> [String] {
        guard tags.count <= 80 else {
            throw IdentityError.badRequest("Invalid input for field 'tags': too many tags (maximum 80)")
        }
        guard Set(tags).count == tags.count else {
            throw IdentityError.badRequest("Invalid input for field 'tags': tags must be unique")
        }
        for tag in tags where tag.isEmpty || tag.count > 255 || tag.contains("/") || tag.contains(",") {
            throw IdentityError.badRequest(
                "Invalid input for field 'tags': '\(tag)' must be 1 to 255 characters without '/' or ','")
        }
        return tags
    }
}
