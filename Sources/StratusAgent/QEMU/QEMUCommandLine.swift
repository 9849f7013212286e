import Foundation
import StratusCore

/// Hardware acceleration a QEMU guest runs under.
public enum QEMUAcceleration: String, Sendable, Equatable, CaseIterable {
    case kvm
    /// QEMU's software emulation: slower, works everywhere.
    case tcg
}

/// QEMU's arguments for one guest (see docs/architecture.md, "QEMU driver").
/// Pure, so the exact command line is tested without QEMU.
enum QEMUCommandLine {
    static let kernelCommandLine = QEMUDriver.defaultKernelCommandLine

    static func arguments(
        for guest: GuestSpec, image: GuestImage, directory: QEMUInstanceDirectory,
        acceleration: QEMUAcceleration, kernelCommandLine: String = kernelCommandLine,
        entropy: QEMUEntropySource? = nil, network: QEMUCommandLine.Network? = nil
    ) -> [String] {
        var arguments = ["-name", "guest=" + escaped(guest.instanceID)]
        switch acceleration {
        case .kvm: arguments += ["-accel", "kvm", "-cpu", "host"]
        // A 16 MiB translation cache instead of the default's quarter of RAM keeps RSS small.
        case .tcg: arguments += ["-accel", "tcg,tb-size=16"]
        }
        // -no-reboot: a guest that reboots or triple-faults stops instead of looping.
        arguments += [
            "-nodefaults", "-m", String(guest.memoryMiB), "-smp", String(guest.vcpus),
            "-display", "none", "-monitor", "none", "-no-reboot",
        ]
        arguments += nicArguments(guest.interfaces, network: network)
        if let kernel = image.kernel {
            arguments += ["-kernel", kernel]
            if let initrd = image.initrd { arguments += ["-initrd", initrd] }
            // no_timer_check: under load a TCG guest panicked "IO-APIC + timer doesn't work!".
            arguments += ["-append", kernelCommandLine + rootDevice(image)]
        }
        if let rng = guest.rng { arguments += rngArguments(rng, entropy: entropy ?? .file(rng.backendPath)) }
        arguments += diskArguments(image)
        arguments += [
            // append=on: the driver trims the log from the front while QEMU writes it.
            "-chardev", "file,id=console,path=\(escaped(directory.consoleLog)),append=on",
            "-serial", "chardev:console",
            "-qmp", "unix:\(escaped(directory.qmpSocket)),server=on,wait=off",
            // Detached, so the guest outlives the agent and a restarted one re-adopts it.
            "-pidfile", directory.pidFile, "-daemonize",
        ]
        return arguments
    }

    /// The virtio-rng device over the host's entropy: a file (`/dev/urandom` by
    /// default) or an EGD daemon's socket (QEMU's `rng-egd`), as the host is configured.
    static func rngArguments(_ rng: GuestRNG, entropy: QEMUEntropySource) -> [String] {
        var device = "virtio-rng-pci,rng=rng0"
        if let bytes = rng.rateBytes {
            device += ",max-bytes=\(bytes),period=\(rng.ratePeriodMilliseconds ?? 1000)"
        }
        switch entropy {
        case .file(let path):
            return ["-object", "rng-random,id=rng0,filename=\(escaped(path))", "-device", device]
        case .egd(let socket):
            return [
                "-chardev", "socket,id=rng-egd,path=\(escaped(socket))",
                "-object", "rng-egd,id=rng0,chardev=rng-egd", "-device", device,
            ]
        }
    }

    // MARK: Network

    /// Where a host's guest NICs go: taps that `ifupScript` adds to the bridge.
    struct Network: Equatable {
        var ifupScript: String
    }

    /// One virtio-net NIC per port, with the port's MAC, on a tap QEMU opens and the
    /// host's script bridges. No bridge (or no ports): `-nic none`, no NIC at all.
    /// `romfile=`: no iPXE ROM, which only costs boot time when nothing boots from the network.
    static func nicArguments(_ interfaces: [GuestInterface], network: Network?) -> [String] {
        guard let network, !interfaces.isEmpty else { return ["-nic", "none"] }
        return interfaces.enumerated().flatMap { index, interface in
            [
                "-netdev", "tap,id=net\(index),script=\(escaped(network.ifupScript)),downscript=no",
                "-device", "virtio-net-pci,netdev=net\(index),id=nic\(index),mac=\(interface.macAddress),romfile=",
            ]
        }
    }

    // MARK: Disks

    /// The root disk first (the guest's vda, as Nova's), then the config drive, both virtio-blk.
    static func diskArguments(_ image: GuestImage) -> [String] {
        var arguments: [String] = []
        if let disk = image.disk {
            arguments += [
                "-drive", "file=\(escaped(disk.path)),format=\(disk.format.rawValue),if=none,id=root-disk,discard=unmap",
                // bootindex: without a kernel the BIOS boots this disk (and only it).
                "-device", "virtio-blk-pci,drive=root-disk,id=root" + (image.kernel == nil ? ",bootindex=1" : ""),
            ]
        }
        if let configDrive = image.configDrive {
            arguments += [
                "-drive", "file=\(escaped(configDrive)),format=raw,if=none,id=config-drive,readonly=on",
                "-device", "virtio-blk-pci,drive=config-drive,id=config",
            ]
        }
        return arguments
    }

    /// Nova's `root=/dev/vda` for a kernel booted beside a root disk.
    static func rootDevice(_ image: GuestImage) -> String {
        image.disk == nil ? "" : " root=/dev/vda"
    }

    /// QEMU's option syntax doubles a comma inside a value.
    static func escaped(_ value: String) -> String {
        value.replacingOccurrences(of: ",", with: ",,")
    }
}
