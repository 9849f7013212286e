import Foundation
import StratusCore

/// `POST /flavors`' body as Nova's `flavor_manage` schema reads it. The sizes'
/// ranges (the DB's 32-bit columns) are the core's rules (`FlavorValidation`);
/// what only the JSON can tell — the id's number form, `rxtx_factor` — is here.
enum FlavorRequestDecoder {
    static func fields(_ version: Microversion) -> Set<String> {
        var allowed: Set<String> = [
            "name", "id", "ram", "vcpus", "disk", "OS-FLV-EXT-DATA:ephemeral", "swap", "rxtx_factor",
            "os-flavor-access:is_public",
        ]
        if version >= Microversion(2, 55) { allowed.insert("description") }
        return allowed
    }

    static func draft(_ body: JSONObjectReader, version: Microversion) throws -> FlavorDraft {
        try ServerRequestDecoder.rejectUnknown(body, allowed: fields(version), field: "flavor")
        let draft = FlavorDraft(
            id: try flavorID(body), name: try body.requiredString("name"), vcpus: try body.requiredInteger("vcpus"),
            memoryMiB: try body.requiredInteger("ram"), rootDiskGiB: try body.requiredInteger("disk"),
            ephemeralGiB: try body.integer("OS-FLV-EXT-DATA:ephemeral") ?? 0,
            swapMiB: try body.integer("swap") ?? 0,
            isPublic: ComputeFront.boolean(body.members["os-flavor-access:is_public"]) ?? true,
            description: try body.nullableString("description") ?? nil)
        try ComputeFront.checkPublicFlag(body)
        try checkRxtxFactor(body.members["rxtx_factor"])
        return draft
    }

    /// Nova's flavor `id`: a string, a number (stored as Python's `str()` of it) or
    /// null (generated). A whole number the JSON could not hold as an Int (`1e19`,
    /// `18446744073709551616`) has lost its digits: Python would spell it `1e+19`,
    /// which Nova's id pattern refuses, so it is refused here too, never converted.
    static func flavorID(_ body: JSONObjectReader) throws -> String? {
        switch body.members["id"] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case .int(let number)?: return String(number)
        case .double(let number)? where number.rounded() != number: return String(number)
        case .double?: throw APIError.badRequest(invalidID)
        case let other?:
            throw APIError.badRequest("Invalid input for field/attribute id. Value: \(other). \(other) is not of type 'string', 'number', 'null'")
        }
    }

    static let invalidID =
        "Invalid input received: Flavor id can only contain letters from A-Z (both cases), periods, dashes, underscores and spaces."

    /// Nova keeps `rxtx_factor` in a float column: its schema takes a number above 0
    /// and at most 3.40282e+38, or a string of digits, which `flavors.create` then
    /// holds to the same range. Stratus shows 1.0 whatever was given, but a value
    /// Nova refuses is refused.
    static func checkRxtxFactor(_ value: JSONValue?) throws {
        let maximum = 3.40282e+38
        let pattern = "^[0-9]+(\\.[0-9]+)?$"
        let (number, shown): (Double, String)
        switch value {
        case nil: return
        case .int(let whole)?: (number, shown) = (Double(whole), String(whole))
        case .double(let real)?: (number, shown) = (real, String(real))
        case .string(let text)?:
            guard text.range(of: pattern, options: .regularExpression) != nil else {
                throw APIError.badRequest("Invalid input for field/attribute rxtx_factor. Value: \(text). '\(text)' does not match '\(pattern)'")
            }
            guard let parsed = Double(text), parsed > 0, parsed <= maximum else {
                throw APIError.badRequest("Invalid input received: 'rxtx_factor' argument must be a float between 0 and \(maximum)")
            }
            return
        case let other?:
            throw APIError.badRequest("Invalid input for field/attribute rxtx_factor. Value: \(other). \(other) is not of type 'number', 'string'")
        }
        if number <= 0 {
            throw APIError.badRequest("Invalid input for field/attribute rxtx_factor. Value: \(shown). \(shown) is less than or equal to the minimum of 0")
        }
        if number > maximum {
            throw APIError.badRequest("Invalid input for field/attribute rxtx_factor. Value: \(shown). \(shown) is greater than the maximum of \(maximum)")
        }
    }
}
