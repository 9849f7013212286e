import Foundation
import StratusCore

/// Which server view a response carries. Below 2.75 Nova's update and rebuild
/// answers leave out the zone, config drive, key name, usage, state, volume and
/// extended attributes (rebuild shows the key name from 2.54); only show and
/// detail carry `host_status`. From 2.75 update and rebuild answer with all of
/// show's fields. Only show, update and rebuild carry `server_groups`.
enum ServerViewKind: Sendable {
    case show, detail, update, rebuild

    /// Whether this answer carries every attribute show has.
    func isFull(at version: Microversion) -> Bool {
        self == .show || self == .detail || version >= Microversion(2, 75)
    }
}

/// Everything a server view depends on besides the server.
struct ServerViewContext: Sendable {
    var version: Microversion
    var kind: ServerViewKind
    var policy: ServerViewPolicy
    /// Fault details of a 500 are for administrators only.
    var isAdmin: Bool
    /// Already decided by policy: nil hides the field.
    var hostStatus: HostStatus?
    /// 2.71: the groups the server is in (show, update, rebuild).
    var serverGroups: [String]?
    /// The security groups on its ports (show and detail); nil leaves the field out.
    var securityGroups: [String]? = nil
    /// Its volume attachments (show and detail).
    var volumes: [VolumeAttachment] = []
}

/// Nova's server views (`nova/api/openstack/compute/views/servers.py`), field by
/// field, with each field appearing at the microversion that added it.
extension ComputeRenderer {
    /// Nova's `addresses`: each network's fixed addresses, with their type and MAC
    /// in show and detail (update and rebuild answer without them: Nova's
    /// `extend_address=False`).
    func addresses(_ instance: Instance, extended: Bool) -> JSONValue {
        guard !instance.interfaces.isEmpty else { return [:] }
        var byNetwork: [String: [JSONValue]] = [:]
        for interface in instance.interfaces {
            for address in interface.addresses {
                var shown: [String: JSONValue] = ["version": address.contains(":") ? 6 : 4, "addr": .string(address)]
                if extended {
                    shown["OS-EXT-IPS:type"] = "fixed"
                    shown["OS-EXT-IPS-MAC:mac_addr"] = .string(interface.macAddress)
                }
                byNetwork[interface.networkName, default: []].append(.object(shown))
            }
            if interface.addresses.isEmpty, byNetwork[interface.networkName] == nil { byNetwork[interface.networkName] = [] }
        }
        return .object(byNetwork.mapValues(JSONValue.array))
    }

    func serverSummary(_ instance: Instance) -> JSONValue {
        ["id": .string(instance.id), "name": .string(instance.name), "links": links("servers", instance.id)]
    }

    func server(_ instance: Instance, _ view: ServerViewContext) -> JSONValue {
        let version = view.version
        let full = view.kind.isFull(at: version)
        var fields: [String: JSONValue] = [
            "id": .string(instance.id), "name": .string(instance.name), "status": .string(instance.status.rawValue),
            "tenant_id": .string(instance.projectID), "user_id": .string(instance.userID),
            "metadata": .object(instance.metadata.mapValues { .string($0) }),
            "hostId": .string(instance.hostDigest),
            "image": instance.imageID.isEmpty ? "" : [
                "id": .string(instance.imageID),
                "links": [["rel": "bookmark", "href": .string("\(computeURL)/images/\(instance.imageID)")]],
            ],
            "flavor": flavorReference(instance.flavor, version: version, extraSpecs: view.policy.flavorExtraSpecs),
            "created": .string(Self.isoSeconds(instance.createdAt)),
            "updated": .string(Self.isoSeconds(instance.updatedAt)),
            "addresses": addresses(instance, extended: full), "accessIPv4": .string(instance.accessIPv4),
            "accessIPv6": .string(IPv6Text.canonical(instance.accessIPv6)),
            "links": links("servers", instance.id),
            "OS-DCF:diskConfig": "MANUAL",
        ]
        // Room for every field a full view adds: no rehash per added field.
        fields.reserveCapacity(48)
        if [.active, .build, .rebuild, .resize, .verifyResize, .migrating].contains(instance.status) {
            fields["progress"] = 0
        }
        if [.error, .deleted].contains(instance.status), let fault = instance.fault {
            var shown: [String: JSONValue] = [
                "code": .int(fault.code), "message": .string(fault.message),
                "created": .string(Self.isoSeconds(fault.createdAt)),
            ]
            if let details = fault.details, !details.isEmpty, view.isAdmin || fault.code != 500 {
                shown["details"] = .string(details)
            }
            fields["fault"] = .object(shown)
        }
        if full {
            addUsageAndState(instance, volumes: view.volumes, version: view.version, to: &fields)
            if let groups = view.securityGroups {
                fields["security_groups"] = .array(groups.map { ["name": .string($0)] })
            }
        }
        if full || (view.kind == .rebuild && version >= Microversion(2, 54)) {
            fields["key_name"] = instance.keyName.map(JSONValue.string) ?? .null
        }
        if full, view.policy.extendedAttributes {
            addExtendedAttributes(instance, version: version, to: &fields)
        }
        if version >= Microversion(2, 9) { fields["locked"] = .bool(instance.lock != nil) }
        if full, version >= Microversion(2, 16), let status = view.hostStatus {
            fields["host_status"] = .string(status.rawValue)
        }
        if version >= Microversion(2, 19) {
            fields["description"] = instance.description.map(JSONValue.string) ?? .null
        }
        if version >= Microversion(2, 26) { fields["tags"] = .array(instance.tags.map(JSONValue.string)) }
        if version >= Microversion(2, 63) {
            fields["trusted_image_certificates"] = instance.trustedImageCertificates
                .map { .array($0.map(JSONValue.string)) } ?? .null
        }
        if view.kind != .detail, version >= Microversion(2, 71), let groups = view.serverGroups {
            fields["server_groups"] = .array(groups.map(JSONValue.string))
        }
        if version >= Microversion(2, 73) {
            fields["locked_reason"] = instance.lock?.reason.map(JSONValue.string) ?? .null
        }
        return .object(fields)
    }

    /// The v2.0-era extension fields show and detail always carry.
    private func addUsageAndState(
        _ instance: Instance, volumes: [VolumeAttachment], version: Microversion, to fields: inout [String: JSONValue]
    ) {
        fields["OS-EXT-AZ:availability_zone"] = .string(instance.availabilityZone ?? instance.requestedZone ?? "")
        fields["config_drive"] = ""
        fields["OS-SRV-USG:launched_at"] = instance.launchedAt.map { .string(Self.isoMicroseconds($0)) } ?? .null
        fields["OS-SRV-USG:terminated_at"] = instance.terminatedAt.map { .string(Self.isoMicroseconds($0)) } ?? .null
        fields["OS-EXT-STS:task_state"] = instance.state.taskState.map { .string($0.rawValue) } ?? .null
        fields["OS-EXT-STS:vm_state"] = .string(instance.state.vmState.rawValue)
        fields["OS-EXT-STS:power_state"] = .int(instance.state.powerState.rawValue)
        fields["os-extended-volumes:volumes_attached"] = .array(volumes.map { attachment in
            version >= Microversion(2, 3)
                ? ["id": .string(attachment.volumeID), "delete_on_termination": .bool(attachment.deleteOnTermination)]
                : ["id": .string(attachment.volumeID)]
        })
    }

    /// `os-extended-server-attributes` (administrators by default); 2.3 adds
    /// the attributes the EC2 API needed.
    private func addExtendedAttributes(
        _ instance: Instance, version: Microversion, to fields: inout [String: JSONValue]
    ) {
        fields["OS-EXT-SRV-ATTR:host"] = instance.hostName.map(JSONValue.string) ?? .null
        fields["OS-EXT-SRV-ATTR:hypervisor_hostname"] = instance.hostName.map(JSONValue.string) ?? .null
        fields["OS-EXT-SRV-ATTR:instance_name"] = .string(instance.libvirtName)
        if version >= Microversion(2, 3) {
            fields["OS-EXT-SRV-ATTR:hostname"] = .string(instance.hostname)
            fields["OS-EXT-SRV-ATTR:kernel_id"] = .string(instance.kernelID)
            fields["OS-EXT-SRV-ATTR:ramdisk_id"] = .string(instance.ramdiskID)
            fields["OS-EXT-SRV-ATTR:launch_index"] = .int(instance.launchIndex)
            fields["OS-EXT-SRV-ATTR:reservation_id"] = .string(instance.reservationID)
            fields["OS-EXT-SRV-ATTR:root_device_name"] = instance.rootDeviceName.map(JSONValue.string) ?? .null
            fields["OS-EXT-SRV-ATTR:user_data"] = instance.userData.map(JSONValue.string) ?? .null
        }
    }

    /// Before 2.47 a link to the flavor; from 2.47 the flavor as the server has
    /// it, with its extra specs when policy shows them (never its description).
    private func flavorReference(_ flavor: Flavor, version: Microversion, extraSpecs: Bool) -> JSONValue {
        guard version >= Microversion(2, 47) else {
            return [
                "id": .string(flavor.id),
                "links": [["rel": "bookmark", "href": .string("\(computeURL)/flavors/\(flavor.id)")]],
            ]
        }
        var embedded: [String: JSONValue] = [
            "vcpus": .int(flavor.vcpus), "ram": .int(flavor.memoryMiB), "disk": .int(flavor.rootDiskGiB),
            "ephemeral": .int(flavor.ephemeralGiB), "swap": .int(flavor.swapMiB),
            "original_name": .string(flavor.name),
        ]
        if extraSpecs { embedded["extra_specs"] = .object(flavor.extraSpecs.mapValues { .string($0) }) }
        return .object(embedded)
    }

    /// `2026-11-22T13:06:12Z`: Nova's created/updated.
    static func isoSeconds(_ date: Date) -> String { UTCTimestamp.seconds(date) }

    /// `2026-11-22T13:06:12.000000`: Nova's usage timestamps, microseconds, no zone.
    static func isoMicroseconds(_ date: Date) -> String { UTCTimestamp.microseconds(date) }
}

extension Instance {
    /// Nova's `instance_name` template, `instance-%08x`, from the id's leading bits.
    var libvirtName: String {
        var hex: [UInt8] = []
        for byte in id.utf8 where byte != UInt8(ascii: "-") {
            hex.append(byte)
            if hex.count == 8 { break }
        }
        return "instance-" + String(decoding: hex, as: UTF8.self)
    }
}
