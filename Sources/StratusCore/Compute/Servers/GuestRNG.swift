import Foundation

/// A guest's virtio-rng device: the host file it reads and an optional rate
/// limit. Nova's libvirt driver adds one when the image asks
/// (`hw_rng_model=virtio`) and the flavor allows it (`hw_rng:allowed`, absent
/// meaning allowed); as `RNGFilter` does, Stratus also reads an explicit true
/// `hw_rng:allowed` as the flavor asking for one.
public struct GuestRNG: Sendable, Equatable, Codable {
    /// Nova's `[libvirt] rng_dev_path` default.
    public static let defaultBackend = "/dev/urandom"

    public var backendPath: String
    /// At most this many bytes per `ratePeriodMilliseconds` (`hw_rng:rate_bytes`).
    public var rateBytes: Int?
    /// `hw_rng:rate_period`, in milliseconds as libvirt's `<rate period=…>`.
    public var ratePeriodMilliseconds: Int?

    public init(backendPath: String = GuestRNG.defaultBackend, rateBytes: Int? = nil, ratePeriodMilliseconds: Int? = nil) {
        self.backendPath = backendPath
        self.rateBytes = rateBytes
        self.ratePeriodMilliseconds = ratePeriodMilliseconds
    }

    /// The device a guest gets from its flavor and image, nil for none.
    public static func requested(
        flavorExtraSpecs: [String: String], imageProperties: [String: String] = [:],
        backendPath: String = GuestRNG.defaultBackend
    ) -> GuestRNG? {
        let allowed = flavorExtraSpecs[RNGFilter.extraSpec].map(RNGFilter.isTrue)
        let imageAsks = imageProperties["hw_rng_model"] == "virtio"
        guard allowed == true || (imageAsks && allowed != false) else { return nil }
        let bytes = flavorExtraSpecs["hw_rng:rate_bytes"].flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil }
        let period = flavorExtraSpecs["hw_rng:rate_period"].flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil }
        return GuestRNG(backendPath: backendPath, rateBytes: bytes, ratePeriodMilliseconds: bytes == nil ? nil : period)
    }
}
