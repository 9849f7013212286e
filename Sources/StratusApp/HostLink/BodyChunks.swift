import Hummingbird
import NIOCore
import StratusCore

/// A streamed request body as the chunks a use case pulls (a snapshot's disk),
/// read once, in order, by one reader.
final class BodyChunks: @unchecked Sendable {
    private var iterator: RequestBody.AsyncIterator

    init(_ body: RequestBody) { iterator = body.makeAsyncIterator() }

    var chunks: ImageDataChunks { ImageDataChunks { try await self.next() } }

    private func next() async throws -> [UInt8]? {
        try await iterator.next().map { Array($0.readableBytesView) }
    }
}
