import StratusAgent

/// What opening the cloud found and made, for the start summary.
public struct StartReport: Sendable {
    /// The data directory was bootstrapped by this start.
    public var firstStart: Bool
    /// The images the cloud provides itself (the test image, the QEMU test guest).
    public var images: [String] = []
    /// The shared network's subnet, when there is one.
    public var sharedSubnet: String?
    /// `--guest-bridge`: its name and whether this start made it.
    public var guestBridge: (name: String, origin: GuestBridgeSetup.Origin)?

    public init(firstStart: Bool) { self.firstStart = firstStart }
}
