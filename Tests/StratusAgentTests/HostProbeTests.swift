import Foundation
import StratusAgent
import Testing

@Suite("Host probe")
struct HostProbeTests {
    @Test func aHardwareRNGIsACPUInstructionOrTheKernelDevice() {
        let intel = "processor\t: 0\nflags\t\t: fpu vme sse2 rdrand rdseed aes\n"
        let old = "processor\t: 0\nflags\t\t: fpu vme sse2 aes\n"
        #expect(HostProbe.hasHardwareRNG(cpuinfo: intel, hwrngDevicePresent: false))
        #expect(!HostProbe.hasHardwareRNG(cpuinfo: old, hwrngDevicePresent: false))
        #expect(HostProbe.hasHardwareRNG(cpuinfo: old, hwrngDevicePresent: true))
        #expect(!HostProbe.hasHardwareRNG(cpuinfo: "model name\t: rdrand-less cpu\n", hwrngDevicePresent: false))
    }

    @Test func capacityIsTheMachines() {
        let capacity = HostProbe.localCapacity(dataDirectory: FileManager.default.temporaryDirectory.path)
        #expect(capacity.vcpus == ProcessInfo.processInfo.activeProcessorCount)
        #expect(capacity.memoryMiB > 0)
    }
}
