import Foundation
import Hummingbird
import StratusCore

extension ComputeFront {
    /// `createImage`: 202 with the image's URL in `Location` before 2.45, with
    /// `{"image_id": ...}` in the body from 2.45 (and no `Location`).
    func createImageAction(_ argument: JSONValue, caller: Caller, id: String, version: Microversion) async throws -> Response {
        let body = try JSONObjectReader(argument, field: "createImage")
        try ServerRequestDecoder.rejectUnknown(body, allowed: ["name", "metadata"], field: "createImage")
        guard body.contains("name") else {
            throw APIError.badRequest("Invalid input for field/attribute createImage. Value: \(argument). 'name' is a required property")
        }
        let name = try body.string("name") ?? ""
        if name.isEmpty || name.count > 255 || name.trimmingCharacters(in: .whitespaces) != name {
            throw APIError.badRequest("Invalid input for field/attribute name. Value: \(name). '\(name)' does not match '^(?! )[\\S ]{1,255}(?<! )$'")
        }
        let metadata = try ServerRequestDecoder.stringMap(body, "metadata")
        try Self.checkImageMetadata(metadata)
        let imageID = try await compute.createServerImage(
            caller, id: id, ComputeService.SnapshotRequest(name: name, metadata: metadata))
        return try imageResponse(imageID, version: version)
    }

    /// `createBackup`: name, `backup_type` and `rotation` (an integer ≥ 0, also as
    /// digits) required, metadata optional; answered as `createImage` is.
    func createBackupAction(_ argument: JSONValue, caller: Caller, id: String, version: Microversion) async throws -> Response {
        let body = try JSONObjectReader(argument, field: "createBackup")
        try ServerRequestDecoder.rejectUnknown(body, allowed: ["name", "backup_type", "rotation", "metadata"], field: "createBackup")
        for key in ["name", "backup_type", "rotation"] where !body.contains(key) {
            throw APIError.badRequest("Invalid input for field/attribute createBackup. Value: \(argument). '\(key)' is a required property")
        }
        let name = try body.string("name") ?? ""
        if name.isEmpty || name.count > 255 {
            throw APIError.badRequest("Invalid input for field/attribute name. Value: \(name). '\(name)' is not valid")
        }
        let type = try body.string("backup_type") ?? ""
        let rotation: Int
        switch body.members["rotation"] {
        case .int(let number)?: rotation = number
        case .string(let text)? where Int(text) != nil: rotation = Int(text)!
        default:
            throw APIError.badRequest("Invalid input for field/attribute rotation. Value: \(body.members["rotation"] ?? .null). \(body.members["rotation"] ?? .null) is not of type 'integer', 'string'")
        }
        let metadata = try ServerRequestDecoder.stringMap(body, "metadata")
        try Self.checkImageMetadata(metadata)
        let imageID = try await compute.createServerBackup(
            caller, id: id, ComputeService.BackupRequest(name: name, type: type, rotation: rotation, metadata: metadata))
        return try imageResponse(imageID, version: version)
    }

    func imageResponse(_ imageID: String, version: Microversion) throws -> Response {
        if version >= Microversion(2, 45) {
            return try Response.json(["image_id": .string(imageID)], status: .accepted)
        }
        var response = Response.empty(.accepted)
        // Nova's `generate_image_url`: the image endpoint followed by `/images/<id>`.
        response.headers[.location] = imageURL + "/images/" + imageID
        return response
    }

    /// Nova's `parameter_types.metadata`: keys of 1–255 letters, digits and `-_:. `,
    /// values of at most 255 characters.
    static func checkImageMetadata(_ metadata: [String: String]) throws {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_:. ")
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            guard (1...255).contains(key.count), key.allSatisfy(allowed.contains) else {
                throw APIError.badRequest("Invalid input for field/attribute metadata. Value: \(metadata). Additional properties are not allowed ('\(key)' was unexpected)")
            }
            if value.count > 255 {
                throw APIError.badRequest("Invalid input for field/attribute \(key). Value: \(value). '\(value)' is too long")
            }
        }
    }

    /// The image service beside this compute endpoint (`<public URL>/image`).
    var imageURL: String {
        (computeURL.hasSuffix("/compute") ? String(computeURL.dropLast("/compute".count)) : computeURL) + "/image"
    }
}
