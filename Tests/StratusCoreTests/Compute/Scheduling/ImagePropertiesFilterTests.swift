import Foundation
import StratusCore
import Testing

/// Image architecture / hypervisor type / VM mode against the host's supported instances.
@Suite struct ImagePropertiesFilterTests {
    static let x86QEMU = SupportedInstance(architecture: "x86_64", hypervisorType: "qemu", vmMode: "hvm")
    static let i686QEMU = SupportedInstance(architecture: "i686", hypervisorType: "qemu", vmMode: "hvm")
    static let armKVM = SupportedInstance(architecture: "aarch64", hypervisorType: "kvm", vmMode: "hvm")

    static func verdict(
        _ properties: [String: String], supported: [SupportedInstance], filter: ImagePropertiesFilter = .init()
    ) -> FilterVerdict {
        Fixture.verdict(
            filter, Fixture.host("h", supportedInstances: supported), Fixture.request(imageProperties: properties))
    }

    @Test func imageWithoutPropertiesRunsAnywhere() {
        #expect(Self.verdict([:], supported: []).passes)
        #expect(Self.verdict(["os_distro": "ubuntu"], supported: [Self.armKVM]).passes)
    }

    @Test func hostAdvertisingNothingTakesNoImageWithProperties() {
        #expect(Self.verdict(["hw_architecture": "x86_64"], supported: []).isRejection)
    }

    static let cases: [(properties: [String: String], passes: Bool)] = [
        (["hw_architecture": "x86_64"], true),
        (["hw_architecture": "aarch64"], false),
        (["hw_architecture": "AMD64"], true),
        (["hw_architecture": "i386"], true),
        (["architecture": "x86_64"], true),
        (["img_hv_type": "qemu"], true),
        (["img_hv_type": "kvm"], false),
        (["hypervisor_type": "QEMU"], true),
        (["hypervisor_type": "xen"], false),
        (["hw_vm_mode": "hvm"], true),
        (["hw_vm_mode": "hv"], true),
        (["vm_mode": "xen"], false),
        (["hw_architecture": "x86_64", "img_hv_type": "qemu", "hw_vm_mode": "hvm"], true),
        // The current name wins over the legacy one.
        (["hw_architecture": "aarch64", "architecture": "x86_64"], false),
        (["img_hv_type": "qemu", "hypervisor_type": "kvm"], true),
    ]

    @Test(arguments: cases)
    func againstAnX86QEMUHost(properties: [String: String], passes: Bool) {
        #expect(Self.verdict(properties, supported: [Self.x86QEMU, Self.i686QEMU]).passes == passes)
    }

    /// All named properties must hold in one triple, not each in some triple.
    @Test func propertiesMustMatchOneTriple() {
        let host = [Self.x86QEMU, Self.armKVM]
        #expect(Self.verdict(["hw_architecture": "aarch64", "img_hv_type": "kvm"], supported: host).passes)
        #expect(Self.verdict(["hw_architecture": "aarch64", "img_hv_type": "qemu"], supported: host).isRejection)
    }

    @Test func defaultArchitectureAppliesToSilentImages() {
        let filter = ImagePropertiesFilter(defaultArchitecture: "x86_64")
        #expect(Self.verdict([:], supported: [Self.armKVM], filter: filter).isRejection)
        #expect(Self.verdict([:], supported: [Self.x86QEMU], filter: filter).passes)
        #expect(Self.verdict(["hw_architecture": "aarch64"], supported: [Self.armKVM], filter: filter).passes)
    }
}
