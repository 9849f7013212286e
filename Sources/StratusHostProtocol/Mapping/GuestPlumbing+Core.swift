import Foundation
import StratusCore

extension GuestInterfaces {
    public init(_ interfaces: [GuestInterface]) {
        self.init(interfaces: interfaces.map {
            Interface(
                portId: $0.portID, networkId: $0.networkID, macAddress: $0.macAddress, mtu: $0.mtu, address: $0.address,
                prefixLength: $0.prefixLength, gateway: $0.gateway, dnsNameservers: $0.dnsNameservers)
        })
    }

    /// The host's side; a prefix or MTU no network has is refused.
    public func guestInterfaces() throws -> [GuestInterface] {
        try interfaces.map {
            guard (0...32).contains($0.prefixLength) else {
                throw HostProtocolError(field: "prefix_length", problem: "\($0.prefixLength) is not 0 to 32")
            }
            guard (68...65_535).contains($0.mtu) else { throw HostProtocolError(field: "mtu", problem: "\($0.mtu) is not 68 to 65535") }
            return GuestInterface(
                portID: $0.portId, networkID: $0.networkId, macAddress: $0.macAddress, mtu: $0.mtu, address: $0.address,
                prefixLength: $0.prefixLength, gateway: $0.gateway, dnsNameservers: $0.dnsNameservers)
        }
    }
}

extension PendingVolumeWork {
    public init(_ attachments: [VolumeAttachment]) {
        self.init(attachments: attachments.map {
            Attachment(id: $0.id, volumeId: $0.volumeID, instanceId: $0.instanceID, device: $0.device, state: $0.state.rawValue)
        })
    }
}

extension PendingVolumeWork.Attachment {
    /// The host's side: enough of the attachment for the driver and the report
    /// (the controller reads its own copy back when the report comes).
    public func volumeAttachment() throws -> VolumeAttachment {
        guard let state = VolumeAttachment.State(rawValue: state) else { throw HostProtocolError.unknown("state", state) }
        return VolumeAttachment(
            id: id, volumeID: volumeId, instanceID: instanceId, device: device, state: state, requestID: "",
            createdAt: Date(timeIntervalSince1970: 0))
    }
}

extension StrayGuestsRequest {
    public init(_ guests: [UnclaimedGuest]) {
        self.init(guests: guests.map {
            Guest(instanceId: $0.instanceID, powerState: $0.power.rawValue, record: $0.record.map(DesiredGuest.GuestBuild.init))
        })
    }

    /// The controller's side.
    public func unclaimedGuests() throws -> [UnclaimedGuest] {
        try guests.map { guest in
            guard let power = PowerState(rawValue: guest.powerState) else {
                throw HostProtocolError.unknown("power_state", guest.powerState)
            }
            return UnclaimedGuest(
                instanceID: guest.instanceId, power: power,
                record: try guest.record.map { try GuestRecord($0, instanceID: guest.instanceId) })
        }
    }
}

extension StrayGuestVerdict {
    public var wireName: String {
        switch self {
        case .destroy: "destroy"
        case .adopted: "adopted"
        case .keep: "keep"
        }
    }

    public init(wireName: String) throws {
        switch wireName {
        case "destroy": self = .destroy
        case "adopted": self = .adopted
        case "keep": self = .keep
        default: throw HostProtocolError.unknown("verdict", wireName)
        }
    }
}
