import Foundation

/// Nova's flavor-create schema rules, with its messages.
enum FlavorValidation {
    static func flavor(from draft: FlavorDraft, generatedID: String) throws -> Flavor {
        let name = draft.name
        guard !name.isEmpty, name.count <= 255, name.trimmingCharacters(in: .whitespaces) == name,
              !ControlCharacters.contained(in: name) else {
            throw ComputeError.badRequest("Invalid input for field/attribute name. Value: \(name). '\(name)' does not match '^(?! )[a-zA-Z0-9. _-]+(?<! )$'")
        }
        let id = draft.id ?? generatedID
        guard !id.isEmpty, id.count <= 255, id.trimmingCharacters(in: .whitespaces) == id else {
            throw ComputeError.badRequest("Invalid input for field/attribute id. Value: \(id).")
        }
        try range("ram", draft.memoryMiB, 1)
        try range("vcpus", draft.vcpus, 1)
        try range("disk", draft.rootDiskGiB, 0)
        try range("OS-FLV-EXT-DATA:ephemeral", draft.ephemeralGiB, 0)
        try range("swap", draft.swapMiB, 0)
        try PrintableText.checkDescription(draft.description, maxLength: maxDescriptionLength)
        return Flavor(
            id: id, name: name, vcpus: draft.vcpus, memoryMiB: draft.memoryMiB, rootDiskGiB: draft.rootDiskGiB,
            ephemeralGiB: draft.ephemeralGiB, swapMiB: draft.swapMiB, isPublic: draft.isPublic,
            description: draft.description)
    }

    /// Nova's flavor description column is a TEXT of 65535 characters.
    static let maxDescriptionLength = 65535

    /// Nova's database columns are signed 32-bit.
    static func range(_ field: String, _ value: Int, _ minimum: Int) throws {
        guard value >= minimum, value <= Int(Int32.max) else {
            throw ComputeError.badRequest(
                "Invalid input for field/attribute \(field). Value: \(value). \(value) is \(value < minimum ? "less than the minimum of \(minimum)" : "greater than the maximum of \(Int32.max)")")
        }
    }

    static func extraSpecs(_ specs: [String: String]) throws {
        for (key, value) in specs {
            guard !key.isEmpty, key.count <= 255, key.allSatisfy({ $0.isLetter || $0.isNumber || "-_:. ".contains($0) })
            else { throw ComputeError.badRequest("Invalid input for field/attribute extra_specs. Value: \(key).") }
            guard value.count <= 255 else {
                throw ComputeError.badRequest("Invalid input for field/attribute extra_specs. Value: \(value).")
            }
        }
    }
}
