import Hummingbird
import NIOCore

/// A request body as the byte chunks the image use case reads. A body that breaks
/// off (the client went away, a malformed chunked encoding) is the client's fault,
/// reported as 400 rather than logged as a server error.
struct UploadChunks: AsyncSequence {
    typealias Element = [UInt8]

    let body: RequestBody

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: RequestBody.AsyncIterator

        mutating func next() async throws -> [UInt8]? {
            do {
                return try await base.next().map { Array($0.readableBytesView) }
            } catch {
                throw APIError.badRequest("The image data ended before the request did: \(error)")
            }
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: body.makeAsyncIterator()) }
}
