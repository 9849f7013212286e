import Foundation

extension ImageDataStore {
    /// Streams `chunks` into the store for `imageID`: counted and hashed on the way,
    /// refused past `limit`, checked by `verify` (which sees the receipt before
    /// anything is visible), then committed. `signatureHash` adds the digest a
    /// declared signature needs to the receipt. On any failure, including the stream
    /// breaking off, the partial data is discarded and the error rethrown.
    public func write<Chunks: AsyncSequence>(
        imageID: String, chunks: Chunks, limit: Int64, signatureHash: ImageSignatureHashMethod? = nil,
        verify: (ImageDataReceipt) throws -> Void = { _ in }
    ) async throws -> ImageDataReceipt where Chunks.Element == [UInt8] {
        let writer = try await beginWrite(imageID: imageID)
        do {
            var digest = ImageDataDigest(limit: limit, signatureHash: signatureHash)
            for try await chunk in chunks where !chunk.isEmpty {
                try digest.add(chunk)
                try await writer.append(chunk)
            }
            let receipt = digest.finish()
            try verify(receipt)
            try await writer.commit()
            return receipt
        } catch {
            await writer.discard()
            throw error
        }
    }
}
