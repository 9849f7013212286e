import Foundation

/// Only hosts whose hypervisor runs the kind of guest the image is built for, as Nova's
/// ImagePropertiesFilter: the image's architecture (`hw_architecture`), hypervisor type
/// (`img_hv_type`) and VM mode (`hw_vm_mode`) — or their legacy names `architecture`,
/// `hypervisor_type`, `vm_mode`, the current name winning when both are set — must all
/// appear together in one of the host's supported-instance triples. An image that names
/// none of them runs anywhere; one that names any cannot run on a host that advertises
/// nothing. An aarch64 image on an x86_64 host would not boot at all.
///
/// `defaultArchitecture` is Nova's `image_properties_default_architecture`: assumed for
/// images that do not say, so they do not land on the wrong architecture.
public struct ImagePropertiesFilter: HostFilter {
    public var defaultArchitecture: String?

    public init(defaultArchitecture: String? = nil) {
        self.defaultArchitecture = defaultArchitecture
    }

    public var name: String { "ImagePropertiesFilter" }

    public func verdict(for host: ComputeHost, request: SchedulingRequest, now: Date) -> FilterVerdict {
        let properties = request.imageProperties
        let architecture = (properties["hw_architecture"] ?? properties["architecture"] ?? defaultArchitecture)
            .map(HypervisorNames.architecture)
        let hypervisorType = (properties["img_hv_type"] ?? properties["hypervisor_type"])
            .map(HypervisorNames.hypervisorType)
        let vmMode = (properties["hw_vm_mode"] ?? properties["vm_mode"]).map(HypervisorNames.vmMode)
        guard architecture != nil || hypervisorType != nil || vmMode != nil else { return .pass }
        let wanted = Self.describe(architecture, hypervisorType, vmMode)
        guard !host.supportedInstances.isEmpty else {
            return .reject("image needs \(wanted); host advertises no supported instances")
        }
        let supported = host.supportedInstances.contains { offer in
            (architecture.map { $0 == HypervisorNames.architecture(offer.architecture) } ?? true)
                && (hypervisorType.map { $0 == HypervisorNames.hypervisorType(offer.hypervisorType) } ?? true)
                && (vmMode.map { $0 == HypervisorNames.vmMode(offer.vmMode) } ?? true)
        }
        return supported ? .pass : .reject("host does not support \(wanted)")
    }

    private static func describe(_ architecture: String?, _ hypervisorType: String?, _ vmMode: String?) -> String {
        "(\(architecture ?? "*"), \(hypervisorType ?? "*"), \(vmMode ?? "*"))"
    }
}
