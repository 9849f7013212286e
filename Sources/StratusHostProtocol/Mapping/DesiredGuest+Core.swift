import Foundation
import StratusCore

extension DesiredGuest {
    /// The controller's side: what it tells a host of one of its guests.
    public init(_ guest: HostGuest) {
        id = guest.id
        hostId = guest.hostID
        vmState = guest.state.vmState.rawValue
        taskState = guest.state.taskState?.rawValue
        powerState = guest.state.powerState.rawValue
        hasLaunched = guest.state.hasLaunched
        spec = GuestBuild(guest.record)
        userData = guest.userData
        availabilityZone = guest.availabilityZone
        move = guest.move.map { move in
            Move(sourceHostId: move.sourceHostID, sourceDisk: move.sourceDisk.map { disk in
                switch disk {
                case .none: Move.SourceDisk(exportUri: nil)
                case .exported(let uri): Move.SourceDisk(exportUri: uri)
                }
            })
        }
        liveMigration = guest.liveMigration.map(LiveMigrationMessage.init)
    }
}

extension HostGuest {
    /// The host's side: the guest as the controller described it; a value this
    /// version does not know refuses the whole message.
    public init(_ message: DesiredGuest) throws {
        guard let vmState = VMState(rawValue: message.vmState) else { throw HostProtocolError.unknown("vm_state", message.vmState) }
        var taskState: TaskState?
        if let task = message.taskState {
            guard let known = TaskState(rawValue: task) else { throw HostProtocolError.unknown("task_state", task) }
            taskState = known
        }
        guard let power = PowerState(rawValue: message.powerState) else {
            throw HostProtocolError.unknown("power_state", message.powerState)
        }
        self.init(
            id: message.id, hostID: message.hostId,
            state: InstanceState(vmState: vmState, taskState: taskState, powerState: power, hasLaunched: message.hasLaunched),
            record: try GuestRecord(message.spec, instanceID: message.id), userData: message.userData,
            availabilityZone: message.availabilityZone,
            move: message.move.map { move in
                Move(sourceHostID: move.sourceHostId, sourceDisk: move.sourceDisk.map { disk in
                    disk.exportUri.map { .exported(uri: $0) } ?? PendingMigration.SourceDisk.none
                })
            },
            liveMigration: try message.liveMigration.map(LiveMigration.init))
    }
}

extension DesiredGuest.GuestBuild {
    public init(_ record: GuestRecord) {
        name = record.name
        projectId = record.projectID
        userId = record.userID
        imageId = record.imageID
        kernelId = record.kernelID
        ramdiskId = record.ramdiskID
        imageHardware = record.imageHardware
        flavorId = record.flavorID
        flavorName = record.flavorName
        vcpus = record.vcpus
        memoryMib = record.memoryMiB
        rootDiskGib = record.rootDiskGiB
        ephemeralGib = record.ephemeralGiB
        swapMib = record.swapMiB
        flavorExtraSpecs = record.flavorExtraSpecs
        hostname = record.hostname
        metadata = record.metadata
        keyName = record.keyName
        publicKey = record.keyData
        reservationId = record.reservationID
        launchIndex = record.launchIndex
        createdAt = record.createdAt
    }
}

extension GuestRecord {
    public init(_ build: DesiredGuest.GuestBuild, instanceID: String) throws {
        let sizes = [("vcpus", build.vcpus), ("memory_mib", build.memoryMib), ("root_disk_gib", build.rootDiskGib),
                     ("ephemeral_gib", build.ephemeralGib), ("swap_mib", build.swapMib)]
        if let (field, value) = sizes.first(where: { $0.1 < 0 }) {
            throw HostProtocolError(field: "spec.\(field)", problem: "\(value) is negative")
        }
        self.init(
            instanceID: instanceID, name: build.name, projectID: build.projectId, userID: build.userId,
            imageID: build.imageId, kernelID: build.kernelId, ramdiskID: build.ramdiskId,
            imageHardware: build.imageHardware,
            flavor: Flavor(
                id: build.flavorId, name: build.flavorName, vcpus: build.vcpus, memoryMiB: build.memoryMib,
                rootDiskGiB: build.rootDiskGib, ephemeralGiB: build.ephemeralGib, swapMiB: build.swapMib,
                extraSpecs: build.flavorExtraSpecs),
            hostname: build.hostname, metadata: build.metadata, keyName: build.keyName, keyData: build.publicKey,
            reservationID: build.reservationId, launchIndex: build.launchIndex, createdAt: build.createdAt)
    }
}

extension DesiredGuest.LiveMigrationMessage {
    public init(_ live: LiveMigration) {
        sourceHostId = live.sourceHostID
        sourceHostName = live.sourceHostName
        targetHostId = live.targetHostID
        targetHostName = live.targetHostName
        phase = live.phase.rawValue
        incomingUri = live.incomingURI
        tls = live.tls
        startedAt = live.startedAt
        consoleHistory = live.consoleHistory?.text
    }
}

extension LiveMigration {
    public init(_ message: DesiredGuest.LiveMigrationMessage) throws {
        guard let phase = Phase(rawValue: message.phase) else { throw HostProtocolError.unknown("live_migration.phase", message.phase) }
        self.init(
            sourceHostID: message.sourceHostId, sourceHostName: message.sourceHostName,
            targetHostID: message.targetHostId, targetHostName: message.targetHostName, phase: phase,
            incomingURI: message.incomingUri, tls: message.tls, startedAt: message.startedAt,
            consoleHistory: message.consoleHistory.map(ConsoleHistory.init))
    }
}
