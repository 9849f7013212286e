import Foundation

/// Where image bytes live. Data is written to a place nobody reads, made durable,
/// and only then moved where `read` finds it (`ImageDataWriter.commit`), so a
/// reader never sees partial data and a crash mid-write leaves only debris that
/// `discardPartialWrites` removes. The core checks size and hashes before it
/// commits (`ImageDataStore.write`); the store only moves bytes.
public protocol ImageDataStore: Sendable {
    /// Starts writing `imageID`'s data; nothing is visible until `commit`.
    func beginWrite(imageID: String) async throws -> any ImageDataWriter
    /// The committed data, in chunks, read as the consumer asks for them. Throws
    /// when there is none: an active image without data is a fault, not "no content".
    func read(imageID: String) async throws -> ImageDataChunks
    /// Removes committed data; removing what is not there is not an error.
    func delete(imageID: String) async throws
    /// Images with committed data.
    func storedImageIDs() async throws -> [String]
    /// Removes what writes interrupted by a crash left behind.
    func discardPartialWrites() async throws
}

/// One write in progress.
public protocol ImageDataWriter: Sendable {
    func append(_ chunk: [UInt8]) async throws
    /// Makes the data durable (fsync) and moves it into place, replacing any
    /// committed data of the image; from here `read` returns it.
    func commit() async throws
    /// Throws away what was written; harmless after `commit` or twice.
    func discard() async
}

/// Image data as an async sequence of byte chunks, pulled one at a time so a
/// slow reader holds back the store (no buffering of whole images).
public struct ImageDataChunks: AsyncSequence, Sendable {
    public typealias Element = [UInt8]

    let nextChunk: @Sendable () async throws -> [UInt8]?

    /// `next` returns the following chunk, or nil at the end.
    public init(next: @escaping @Sendable () async throws -> [UInt8]?) {
        self.nextChunk = next
    }

    /// The chunks of an in-memory array (tests, small generated images).
    public init(_ chunks: [[UInt8]]) {
        let remaining = ChunkQueue(chunks)
        self.nextChunk = { remaining.next() }
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let nextChunk: @Sendable () async throws -> [UInt8]?
        public mutating func next() async throws -> [UInt8]? { try await nextChunk() }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(nextChunk: nextChunk) }
}

private final class ChunkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var chunks: ArraySlice<[UInt8]>

    init(_ chunks: [[UInt8]]) { self.chunks = chunks[...] }

    func next() -> [UInt8]? { lock.withLock { chunks.popFirst() } }
}
