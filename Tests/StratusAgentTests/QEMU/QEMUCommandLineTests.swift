import Foundation
import StratusCore
import Testing
@testable import StratusAgent

@Suite("The QEMU command line a guest gets")
struct QEMUCommandLineTests {
    let directory = QEMUInstanceDirectory(path: "/var/lib/stratus/instances/i-1")
    let image = GuestImage(kernel: "/k/vmlinuz", initrd: "/k/initrd")

    func value(after option: String, in arguments: [String]) -> [String] {
        arguments.indices.filter { arguments[$0] == option && $0 + 1 < arguments.count }.map { arguments[$0 + 1] }
    }

    @Test func tcgGuestIsDetachedWithConsoleFileAndMonitorInItsFolder() {
        let arguments = QEMUCommandLine.arguments(
            for: GuestSpec(instanceID: "i-1", vcpus: 2, memoryMiB: 96), image: image, directory: directory, acceleration: .tcg)
        #expect(value(after: "-accel", in: arguments) == ["tcg,tb-size=16"])
        #expect(value(after: "-m", in: arguments) == ["96"])
        #expect(value(after: "-smp", in: arguments) == ["2"])
        #expect(value(after: "-kernel", in: arguments) == ["/k/vmlinuz"])
        #expect(value(after: "-initrd", in: arguments) == ["/k/initrd"])
        #expect(value(after: "-chardev", in: arguments) == ["file,id=console,path=/var/lib/stratus/instances/i-1/console.log,append=on"])
        #expect(value(after: "-qmp", in: arguments) == ["unix:/var/lib/stratus/instances/i-1/qmp.sock,server=on,wait=off"])
        #expect(value(after: "-pidfile", in: arguments) == ["/var/lib/stratus/instances/i-1/qemu.pid"])
        #expect(arguments.contains("-daemonize") && arguments.contains("-no-reboot"))
        #expect(!arguments.contains("-device"))
    }

    /// Each port is a virtio-net NIC with the port's MAC on a tap the bridge script
    /// joins; without a bridge, or without ports, the guest has no NIC at all.
    @Test func portsBecomeBridgedVirtioNICsInOrder() {
        var guest = GuestSpec(instanceID: "i-1", vcpus: 1, memoryMiB: 96)
        guest.interfaces = [
            GuestInterface(portID: "p-1", networkID: "n-1", macAddress: "fa:16:3e:00:00:01"),
            GuestInterface(portID: "p-2", networkID: "n-2", macAddress: "fa:16:3e:00:00:02"),
        ]
        let bridged = QEMUCommandLine.arguments(
            for: guest, image: image, directory: directory, acceleration: .tcg,
            network: QEMUCommandLine.Network(ifupScript: "/var/lib/stratus/guest-bridge-ifup"))
        #expect(value(after: "-netdev", in: bridged) == [
            "tap,id=net0,script=/var/lib/stratus/guest-bridge-ifup,downscript=no",
            "tap,id=net1,script=/var/lib/stratus/guest-bridge-ifup,downscript=no",
        ])
        #expect(value(after: "-device", in: bridged) == [
            "virtio-net-pci,netdev=net0,id=nic0,mac=fa:16:3e:00:00:01,romfile=",
            "virtio-net-pci,netdev=net1,id=nic1,mac=fa:16:3e:00:00:02,romfile=",
        ])
        #expect(value(after: "-nic", in: bridged).isEmpty)

        let unbridged = QEMUCommandLine.arguments(for: guest, image: image, directory: directory, acceleration: .tcg)
        #expect(value(after: "-nic", in: unbridged) == ["none"])
        #expect(value(after: "-netdev", in: unbridged).isEmpty)
        guest.interfaces = []
        let portless = QEMUCommandLine.arguments(
            for: guest, image: image, directory: directory, acceleration: .tcg,
            network: QEMUCommandLine.Network(ifupScript: "/s"))
        #expect(value(after: "-nic", in: portless) == ["none"])
    }

    @Test func bridgeScriptAddsTheTapToTheBridge() throws {
        let bridge = try #require(QEMUGuestBridge(name: "stratus0", ipTool: "/usr/sbin/ip"))
        #expect(bridge.ifupScript.hasPrefix("#!/bin/sh\n"))
        #expect(bridge.ifupScript.contains("exec /usr/sbin/ip link set dev \"$1\" master stratus0 up\n"))
        for bad in ["", "a name", "eth0/x", "sixteen-letters!", "br:0"] {
            #expect(QEMUGuestBridge(name: bad, ipTool: "/usr/sbin/ip") == nil, "\(bad)")
        }
    }

    @Test func aBridgeOnASubnetThisMachineAlreadyUsesIsRefused() {
        let lines = """
        1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever
        2: eth0    inet 192.0.2.2/24 brd 192.0.2.255 scope global eth0\\       valid_lft forever preferred_lft forever
        """
        #expect(GuestBridgeSetup.overlapping(lines, gateway: "10.0.0.1", prefixLength: 16) == nil)
        #expect(GuestBridgeSetup.overlapping(lines, gateway: "192.0.2.129", prefixLength: 25) == "eth0 (192.0.2.2/24)")
        #expect(GuestBridgeSetup.overlapping(lines, gateway: "192.0.0.1", prefixLength: 16) == "eth0 (192.0.2.2/24)")
    }

    @Test func kvmGuestUsesTheHostCPU() {
        let arguments = QEMUCommandLine.arguments(
            for: GuestSpec(instanceID: "i-1", vcpus: 1, memoryMiB: 96), image: GuestImage(kernel: "/k"),
            directory: directory, acceleration: .kvm)
        #expect(value(after: "-accel", in: arguments) == ["kvm"])
        #expect(value(after: "-cpu", in: arguments) == ["host"])
        #expect(value(after: "-initrd", in: arguments).isEmpty)
    }

    @Test func diskAndConfigDriveAreVirtioBlockDevicesRootFirst() {
        var withDisks = image
        withDisks.disk = GuestDisk(path: directory.disk, format: .qcow2)
        withDisks.configDrive = directory.configDrive
        let arguments = QEMUCommandLine.arguments(
            for: GuestSpec(instanceID: "i-1", vcpus: 1, memoryMiB: 96), image: withDisks, directory: directory,
            acceleration: .tcg)
        #expect(value(after: "-drive", in: arguments) == [
            "file=/var/lib/stratus/instances/i-1/disk.qcow2,format=qcow2,if=none,id=root-disk,discard=unmap",
            "file=/var/lib/stratus/instances/i-1/disk.config,format=raw,if=none,id=config-drive,readonly=on",
        ])
        #expect(value(after: "-device", in: arguments) == [
            "virtio-blk-pci,drive=root-disk,id=root", "virtio-blk-pci,drive=config-drive,id=config",
        ])
        #expect(value(after: "-append", in: arguments) == [QEMUCommandLine.kernelCommandLine + " root=/dev/vda"])
    }

    @Test func aConfigDriveAloneAddsNoRootDevice() {
        var withDrive = image
        withDrive.configDrive = "/c,d/disk.config"
        let arguments = QEMUCommandLine.arguments(
            for: GuestSpec(instanceID: "i-1", vcpus: 1, memoryMiB: 96), image: withDrive, directory: directory,
            acceleration: .tcg)
        #expect(value(after: "-drive", in: arguments) == ["file=/c,,d/disk.config,format=raw,if=none,id=config-drive,readonly=on"])
        #expect(value(after: "-append", in: arguments) == [QEMUCommandLine.kernelCommandLine])
    }

    @Test(arguments: [
        (GuestRNG(), ["rng-random,id=rng0,filename=/dev/urandom"], ["virtio-rng-pci,rng=rng0"]),
        (GuestRNG(backendPath: "/dev/hw,rng", rateBytes: 1024, ratePeriodMilliseconds: 2000),
         ["rng-random,id=rng0,filename=/dev/hw,,rng"], ["virtio-rng-pci,rng=rng0,max-bytes=1024,period=2000"]),
        (GuestRNG(rateBytes: 512), ["rng-random,id=rng0,filename=/dev/urandom"], ["virtio-rng-pci,rng=rng0,max-bytes=512,period=1000"]),
    ])
    func rngDeviceFollowsTheSpec(rng: GuestRNG, object: [String], device: [String]) {
        let arguments = QEMUCommandLine.arguments(
            for: GuestSpec(instanceID: "i-1", vcpus: 1, memoryMiB: 96, rng: rng), image: image,
            directory: directory, acceleration: .tcg)
        #expect(value(after: "-object", in: arguments) == object)
        #expect(value(after: "-device", in: arguments) == device)
    }

    @Test func anEGDSourceReplacesTheFile() {
        let arguments = QEMUCommandLine.arguments(
            for: GuestSpec(instanceID: "i-1", vcpus: 1, memoryMiB: 96, rng: GuestRNG(rateBytes: 256)), image: image,
            directory: directory, acceleration: .tcg, entropy: .egd(socket: "/run/egd,1.sock"))
        #expect(value(after: "-object", in: arguments) == ["rng-egd,id=rng0,chardev=rng-egd"])
        #expect(value(after: "-chardev", in: arguments).first == "socket,id=rng-egd,path=/run/egd,,1.sock")
        #expect(value(after: "-device", in: arguments) == ["virtio-rng-pci,rng=rng0,max-bytes=256,period=1000"])
        #expect(!arguments.contains { $0.contains("rng-random") })
    }
}

@Suite("A guest's RNG from its flavor and image")
struct GuestRNGTests {
    @Test(arguments: [
        ([:], [:], nil),
        (["hw_rng:allowed": "True"], [:], GuestRNG()),
        (["hw_rng:allowed": "false"], ["hw_rng_model": "virtio"], nil),
        ([:], ["hw_rng_model": "virtio"], GuestRNG()),
        ([:], ["hw_rng_model": "other"], nil),
        (["hw_rng:allowed": "yes", "hw_rng:rate_bytes": "2048", "hw_rng:rate_period": "500"], [:],
         GuestRNG(rateBytes: 2048, ratePeriodMilliseconds: 500)),
        (["hw_rng:allowed": "1", "hw_rng:rate_bytes": "0", "hw_rng:rate_period": "500"], [:], GuestRNG()),
        (["hw_rng:allowed": "on", "hw_rng:rate_bytes": "64"], [:], GuestRNG(rateBytes: 64)),
    ] as [([String: String], [String: String], GuestRNG?)])
    func derivation(extraSpecs: [String: String], imageProperties: [String: String], expected: GuestRNG?) {
        #expect(GuestRNG.requested(flavorExtraSpecs: extraSpecs, imageProperties: imageProperties) == expected)
    }
}
