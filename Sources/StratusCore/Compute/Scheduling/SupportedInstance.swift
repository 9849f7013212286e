import Foundation

/// One kind of guest a host's hypervisor can run: Nova's `supported_instances` triple
/// (architecture, hypervisor type, VM mode), e.g. `("x86_64", "qemu", "hvm")`.
public struct SupportedInstance: Sendable, Hashable {
    public var architecture: String
    public var hypervisorType: String
    public var vmMode: String

    public init(architecture: String, hypervisorType: String, vmMode: String) {
        self.architecture = architecture
        self.hypervisorType = hypervisorType
        self.vmMode = vmMode
    }
}

/// Nova's canonical spellings (nova.objects.fields `canonicalize`), applied to both the
/// image and the host side so `AMD64` on an image matches `x86_64` on a host. Unknown
/// names are only lower-cased: Nova rejects them when the image is read, which is not
/// the scheduler's job, and an unknown name simply matches nothing a host advertises.
public enum HypervisorNames {
    public static func architecture(_ name: String) -> String {
        let lowered = name.lowercased()
        switch lowered {
        case "i386", "i486", "i586", "x86_32", "x86_32p": return "i686"
        case "amd64": return "x86_64"
        default: return lowered
        }
    }

    public static func hypervisorType(_ name: String) -> String {
        let lowered = name.lowercased()
        return lowered == "xapi" ? "xen" : lowered
    }

    public static func vmMode(_ name: String) -> String {
        let lowered = name.lowercased()
        switch lowered {
        case "pv": return "xen"
        case "hv", "baremetal": return "hvm"
        default: return lowered
        }
    }
}
