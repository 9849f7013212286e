import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import StratusCore

extension ImageFront {
    /// `PUT|GET /v2/images/{id}/file`. Both stream: the upload is handed to the use
    /// case chunk by chunk as it arrives (never collected, so the JSON body limit
    /// does not apply and memory does not grow with the image); the download is read
    /// from the store as the client takes it.
    func addDataRoutes(_ group: RouterGroup<Context>) {
        group.put("images/:id/file") { request, context in
            let mediaType = (request.headers[.contentType] ?? "").split(separator: ";").first
                .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard mediaType == "application/octet-stream" else {
                throw APIError(.unsupportedMediaType, "Invalid content type \(mediaType ?? "None")")
            }
            let declared = request.headers[.contentLength].flatMap { Int64($0) }
                ?? request.header("X-OpenStack-Image-Size").flatMap { Int64($0) }
            try await images.uploadImageData(
                try context.caller(), id: try context.parameter("id"), chunks: UploadChunks(body: request.body),
                declaredSize: declared)
            return Response.empty(.noContent)
        }
        group.get("images/:id/file") { _, context in
            let (image, data) = try await images.downloadImageData(try context.caller(), id: try context.parameter("id"))
            guard let data else { return Response.empty(.noContent) }
            var headers = HTTPFields()
            headers[.contentType] = "application/octet-stream"
            // Glance sends the hex MD5 here (not RFC 1864's base64), and clients check it.
            if let checksum = image.checksum { headers[HTTPField.Name("Content-MD5")!] = checksum }
            let length = image.size.map(Int.init)
            return Response(status: .ok, headers: headers, body: ResponseBody(contentLength: length) { writer in
                for try await chunk in data {
                    try await writer.write(ByteBuffer(bytes: chunk))
                }
                try await writer.finish(nil)
            })
        }
    }
}
