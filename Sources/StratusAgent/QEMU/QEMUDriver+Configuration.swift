import Foundation

extension QEMUDriver {
    public struct Configuration: Sendable {
        /// Guests live in `<dataDirectory>/instances/<id>/`.
        public var dataDirectory: String
        /// `qemu-system-x86_64`, looked up on PATH unless a path is given.
        public var executable: String
        /// nil: probe once (see `AccelerationProbe`), then keep the answer.
        public var acceleration: QEMUAcceleration?
        /// A guest that prints `readyMarker`, booted to verify KVM.
        public var probeGuest: GuestImage?
        public var probeTimeout: Duration
        /// How long a start may take to reach `readyMarker` (TCG boots take 3–10 s here).
        public var bootTimeout: Duration
        /// How long an ACPI power-off may take before QEMU is quit.
        public var powerOffTimeout: Duration
        /// The console line that says the guest is up: a spawn returns only once seen.
        public var readyMarker: String
        /// The console log is trimmed from the front beyond this size.
        public var consoleLimit: Int
        public var kernelCommandLine: String
        /// Where guests' virtio-rng devices draw from; nil: the file the guest's RNG names
        /// (`/dev/urandom`, Nova's `rng_dev_path` default).
        public var entropySource: QEMUEntropySource?
        /// Nil: this host neither sends nor receives live migrations.
        public var migration: QEMUMigrationSettings?
        /// Attach a config drive (metadata, user data) to every guest, as Nova's
        /// `force_config_drive`: Stratus has no metadata service, so it is the guest's only way in.
        public var configDrive: Bool
        /// The bridge guests' NICs join; nil: guests get no NIC (their config drive still
        /// describes their ports).
        public var guestBridge: QEMUGuestBridge?

        public init(
            dataDirectory: String, executable: String = "qemu-system-x86_64", acceleration: QEMUAcceleration? = nil,
            probeGuest: GuestImage? = nil, probeTimeout: Duration = .seconds(10), bootTimeout: Duration = .seconds(120),
            powerOffTimeout: Duration = .seconds(30), readyMarker: String = QEMUDriver.testGuestReadyMarker,
            consoleLimit: Int = 1 << 20, kernelCommandLine: String = QEMUDriver.defaultKernelCommandLine,
            migration: QEMUMigrationSettings? = nil, configDrive: Bool = true, entropySource: QEMUEntropySource? = nil,
            guestBridge: QEMUGuestBridge? = nil
        ) {
            self.guestBridge = guestBridge
            self.entropySource = entropySource
            self.migration = migration
            self.dataDirectory = dataDirectory
            self.executable = executable
            self.acceleration = acceleration
            self.probeGuest = probeGuest
            self.probeTimeout = probeTimeout
            self.bootTimeout = bootTimeout
            self.powerOffTimeout = powerOffTimeout
            self.readyMarker = readyMarker
            self.consoleLimit = consoleLimit
            self.kernelCommandLine = kernelCommandLine
            self.configDrive = configDrive
        }
    }

    /// A serial console, quiet boot, reboot on panic (which -no-reboot turns into a stop).
    public static let defaultKernelCommandLine = "console=ttyS0 panic=-1 quiet no_timer_check"

    /// What scripts/build-test-guest.sh's guest prints once its userspace runs.
    public static let testGuestReadyMarker = "STRATUS-GUEST-READY"

    /// The QEMU binary on this machine, nil when it is not installed.
    public static func findExecutable(_ name: String = "qemu-system-x86_64") -> String? {
        QEMUProcess.find(name)
    }
}
