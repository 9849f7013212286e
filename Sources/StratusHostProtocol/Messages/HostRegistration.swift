import Foundation

/// What a host offers, sent when its agent starts (retried until accepted; the
/// record then stands across reconnections). Its name is not in it: the
/// certificate says who the host is.
public struct HostRegistration: Codable, Sendable, Equatable {
    public var availabilityZone: String?
    public var capacity: Resources
    public var supportedInstances: [SupportedInstanceMessage]
    public var hasHardwareRng: Bool
    /// Where it receives live migrations and serves disks for cold moves.
    public var migrationAddress: String?
    /// `tls` or `plain` (only on a network the operator trusts).
    public var migrationTransport: String?
    public var agentVersion: String

    public struct Resources: Codable, Sendable, Equatable {
        public var vcpus: Int
        public var memoryMib: Int
        public var diskGib: Int

        public init(vcpus: Int, memoryMib: Int, diskGib: Int) {
            self.vcpus = vcpus
            self.memoryMib = memoryMib
            self.diskGib = diskGib
        }
    }

    public struct SupportedInstanceMessage: Codable, Sendable, Equatable {
        public var architecture: String
        public var hypervisorType: String
        public var vmMode: String

        public init(architecture: String, hypervisorType: String, vmMode: String) {
            self.architecture = architecture
            self.hypervisorType = hypervisorType
            self.vmMode = vmMode
        }
    }

    public init(
        availabilityZone: String?, capacity: Resources, supportedInstances: [SupportedInstanceMessage],
        hasHardwareRng: Bool, migrationAddress: String?, migrationTransport: String?, agentVersion: String
    ) {
        self.availabilityZone = availabilityZone
        self.capacity = capacity
        self.supportedInstances = supportedInstances
        self.hasHardwareRng = hasHardwareRng
        self.migrationAddress = migrationAddress
        self.migrationTransport = migrationTransport
        self.agentVersion = agentVersion
    }
}

/// The controller's answer to a registration: who it took the host to be.
public struct RegistrationAccepted: Codable, Sendable, Equatable {
    public var hostId: String
    public var hostName: String
    public var protocolVersion: Int
    /// How often the controller expects a heartbeat; silence for
    /// `service_down_time` shows the host down.
    public var heartbeatIntervalSeconds: Int

    public init(hostId: String, hostName: String, protocolVersion: Int, heartbeatIntervalSeconds: Int) {
        self.hostId = hostId
        self.hostName = hostName
        self.protocolVersion = protocolVersion
        self.heartbeatIntervalSeconds = heartbeatIntervalSeconds
    }
}

/// "Still here", with the agent's clock for the log (the controller stamps its own).
public struct Heartbeat: Codable, Sendable, Equatable {
    public var sentAt: Date

    public init(sentAt: Date) { self.sentAt = sentAt }
}
