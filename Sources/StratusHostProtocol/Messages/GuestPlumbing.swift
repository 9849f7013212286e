import Foundation

/// A server's ports as its host plugs them in, in the server's interface order.
public struct GuestInterfaces: Codable, Sendable, Equatable {
    public var interfaces: [Interface]

    public struct Interface: Codable, Sendable, Equatable {
        public var portId: String
        public var networkId: String
        public var macAddress: String
        public var mtu: Int
        public var address: String?
        public var prefixLength: Int
        public var gateway: String?
        public var dnsNameservers: [String]
    }

    public init(interfaces: [Interface]) { self.interfaces = interfaces }
}

/// Volume attachments on this host's servers waiting for its agent.
public struct PendingVolumeWork: Codable, Sendable, Equatable {
    public var attachments: [Attachment]

    public struct Attachment: Codable, Sendable, Equatable {
        public var id: String
        public var volumeId: String
        public var instanceId: String
        public var device: String
        /// `attaching` or `detaching`.
        public var state: String
    }

    public init(attachments: [Attachment]) { self.attachments = attachments }
}

/// Guests on the host that none of its desired guests claims, each with what
/// the host keeps about it.
public struct StrayGuestsRequest: Codable, Sendable, Equatable {
    public var guests: [Guest]

    public struct Guest: Codable, Sendable, Equatable {
        public var instanceId: String
        public var powerState: Int
        public var record: DesiredGuest.GuestBuild?
    }

    public init(guests: [Guest]) { self.guests = guests }
}

/// The controller's verdict per stray guest: `destroy`, `adopted` or `keep`. A
/// guest missing from it is left alone.
public struct StrayGuestVerdicts: Codable, Sendable, Equatable {
    public var verdicts: [String: String]

    public init(verdicts: [String: String]) { self.verdicts = verdicts }
}

/// A refused call: `code` is stable (for the agent), `message` for people.
public struct HostProtocolErrorBody: Codable, Sendable, Equatable {
    public var error: Detail

    public struct Detail: Codable, Sendable, Equatable {
        public var code: String
        public var message: String
    }

    public init(code: String, message: String) { error = Detail(code: code, message: message) }
}
