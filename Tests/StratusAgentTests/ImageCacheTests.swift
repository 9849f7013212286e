import Foundation
import StratusCore
import Testing
@testable import StratusAgent

@Suite("The host's image cache verifies what it hands out")
struct ImageCacheTests {
    let directory = "/tmp/sc-" + UUID().uuidString.prefix(8).lowercased()
    let fetcher = FakeImageFetcher()
    let bytes = Data((0..<10_000).map { UInt8($0 % 251) })

    func cleanUp() { try? FileManager.default.removeItem(atPath: directory) }

    @Test func anImageIsFetchedOnceAndServedFromTheCacheAfter() async throws {
        defer { cleanUp() }
        fetcher.add("img", data: bytes)
        let cache = ImageCache(directory: directory, fetcher: fetcher)
        let first = try await cache.file(for: "img")
        #expect(first.path == directory + "/img")
        #expect(try Data(contentsOf: URL(fileURLWithPath: first.path)) == bytes)
        #expect(try await cache.file(for: "img") == first)
        #expect(fetcher.fetches("img") == 1)
    }

    @Test func aTamperedCacheFileIsFetchedAgainNotServed() async throws {
        defer { cleanUp() }
        fetcher.add("img", data: bytes)
        let cache = ImageCache(directory: directory, fetcher: fetcher)
        let path = try await cache.file(for: "img").path
        var tampered = bytes
        tampered[5000] ^= 0xff  // same size: only the hash tells
        try tampered.write(to: URL(fileURLWithPath: path))

        #expect(try await cache.file(for: "img").path == path)
        #expect(fetcher.fetches("img") == 2)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    @Test(arguments: [Data("short".utf8), Data(repeating: 7, count: 10_000), Data(repeating: 7, count: 20_000)])
    func dataThatDoesNotMatchItsRecordIsRefusedAndNotCached(_ wrong: Data) async throws {
        defer { cleanUp() }
        fetcher.add("img", data: bytes)
        fetcher.serve("img", as: wrong)
        let cache = ImageCache(directory: directory, fetcher: fetcher)
        await #expect(throws: DriverError.self) { try await cache.file(for: "img") }
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).isEmpty)

        fetcher.serve("img", as: nil)  // the transfer works again
        #expect(try await cache.file(for: "img").path == directory + "/img")
    }

    @Test func aCloudThatBootsOnlySignedImagesRefusesAnUnverifiedOne() async throws {
        defer { cleanUp() }
        fetcher.add("unsigned", data: bytes)
        fetcher.add("signed", data: bytes, signatureVerified: true)
        let cache = ImageCache(directory: directory, fetcher: fetcher, requireVerifiedSignature: true)
        let error = await #expect(throws: DriverError.self) { try await cache.file(for: "unsigned") }
        #expect(error?.message.contains("no verified signature") == true)
        #expect(fetcher.fetches("unsigned") == 0)
        #expect(try await cache.file(for: "signed").expected.signatureVerified)
    }

    @Test func concurrentRequestsShareOneFetch() async throws {
        defer { cleanUp() }
        fetcher.add("img", data: bytes)
        let cache = ImageCache(directory: directory, fetcher: fetcher)
        async let first = cache.file(for: "img")
        async let second = cache.file(for: "img")
        #expect(try await first == second)
        #expect(fetcher.fetches("img") == 1)
    }

    @Test(arguments: [
        (Image(id: "a", owner: nil, size: 3, checksum: "ABC"), ExpectedImageData(imageID: "a", size: 3, sha512: nil, md5: "abc")),
        (Image(id: "a", owner: nil, size: 3, osHashAlgo: "sha512", osHashValue: "ff"),
         ExpectedImageData(imageID: "a", size: 3, sha512: "ff", md5: nil)),
        (Image(id: "a", owner: nil, size: 3, osHashAlgo: "sha256", osHashValue: "ff"), nil),
        (Image(id: "a", owner: nil, checksum: "abc"), nil),
    ] as [(Image, ExpectedImageData?)])
    func aRecordWithoutASizeOrACheckableHashIsNotTrusted(image: Image, expected: ExpectedImageData?) {
        #expect(ExpectedImageData(image) == expected)
    }
}
