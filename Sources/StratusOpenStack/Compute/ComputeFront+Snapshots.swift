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
        let imageID = try await compute.createServerImage(
            caller, id: id, ComputeService.SnapshotRequest(name: name, metadata: metadata))
        if version >= Microversion(2, 45) {
            return try Response.json(["image_id": .string(imageID)], status: .accepted)
        }
        var response = Response.empty(.accepted)
        // Nova's `generate_image_url`: the image endpoint followed by `/images/<id>`.
        response.headers[.location] = imageURL + "/images/" + imageID
        return response
    }

    /// The image service beside this compute endpoint (`<public URL>/image`).
    var imageURL: String {
        (computeURL.hasSuffix("/compute") ? String(computeURL.dropLast("/compute".count)) : computeURL) + "/image"
    }
}
