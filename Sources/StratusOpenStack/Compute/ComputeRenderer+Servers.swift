import Foundation
import StratusCore

/// Nova's server views (`nova/api/openstack/compute/views/servers.py`), field by
/// field, with each field appearing at the microversion that added it.
extension ComputeRenderer {
    func serverSummary(_ instance: Instance) -> JSONValue {
        ["id": .string(instance.id), "name": .string(instance.name), "links": links("servers", instance.id)]
    }

    func server(_ instance: Instance, version: Microversion, isAdmin: Bool) -> JSONValue {
        var fields: [String: JSONValue] = [
            "id": .string(instance.id), "name": .string(instance.name), "status": .string(instance.status.rawValue),
            "tenant_id": .string(instance.projectID), "user_id": .string(instance.userID),
            "metadata": .object(instance.metadata.mapValues { .string($0) }),
            "hostId": .string(instance.hostDigest),
            "image": instance.imageID.isEmpty ? "" : [
                "id": .string(instance.imageID),
                "links": [["rel": "bookmark", "href": .string("\(computeURL)/images/\(instance.imageID)")]],
            ],
            "flavor": flavorReference(instance.flavor, version: version, isAdmin: isAdmin),
            "created": .string(Self.isoSeconds(instance.createdAt)),
            "updated": .string(Self.isoSeconds(instance.updatedAt)),
            "addresses": [:], "accessIPv4": .string(instance.accessIPv4), "accessIPv6": .string(instance.accessIPv6),
            "links": links("servers", instance.id),
            "OS-DCF:diskConfig": "MANUAL",
            "OS-EXT-AZ:availability_zone": .string(instance.availabilityZone ?? instance.requestedZone ?? ""),
            "config_drive": "",
            "key_name": instance.keyName.map(JSONValue.string) ?? .null,
            "OS-SRV-USG:launched_at": instance.launchedAt.map { .string(Self.isoMicroseconds($0)) } ?? .null,
            "OS-SRV-USG:terminated_at": instance.terminatedAt.map { .string(Self.isoMicroseconds($0)) } ?? .null,
            "OS-EXT-STS:task_state": instance.state.taskState.map { .string($0.rawValue) } ?? .null,
            "OS-EXT-STS:vm_state": .string(instance.state.vmState.rawValue),
            "OS-EXT-STS:power_state": .int(instance.state.powerState.rawValue),
            "os-extended-volumes:volumes_attached": [],
        ]
        if [.active, .build, .rebuild, .resize, .verifyResize, .migrating].contains(instance.status) {
            fields["progress"] = 0
        }
        if [.error, .deleted].contains(instance.status), let fault = instance.fault {
            var shown: [String: JSONValue] = [
                "code": .int(fault.code), "message": .string(fault.message),
                "created": .string(Self.isoSeconds(fault.createdAt)),
            ]
            if isAdmin, let details = fault.details { shown["details"] = .string(details) }
            fields["fault"] = .object(shown)
        }
        if isAdmin {
            fields["OS-EXT-SRV-ATTR:host"] = instance.hostName.map(JSONValue.string) ?? .null
            fields["OS-EXT-SRV-ATTR:hypervisor_hostname"] = instance.hostName.map(JSONValue.string) ?? .null
            fields["OS-EXT-SRV-ATTR:instance_name"] = .string(instance.libvirtName)
        }
        if version >= Microversion(2, 9) { fields["locked"] = .bool(instance.lock != nil) }
        if version >= Microversion(2, 19) {
            fields["description"] = instance.description.map(JSONValue.string) ?? .null
        }
        if version >= Microversion(2, 26) { fields["tags"] = .array(instance.tags.map(JSONValue.string)) }
        if version >= Microversion(2, 63) { fields["trusted_image_certificates"] = .null }
        if version >= Microversion(2, 71) { fields["server_groups"] = [] }
        if version >= Microversion(2, 73) {
            fields["locked_reason"] = instance.lock?.reason.map(JSONValue.string) ?? .null
        }
        return .object(fields)
    }

    /// Before 2.47 a link to the flavor; from 2.47 the flavor as the server has it.
    private func flavorReference(_ flavor: Flavor, version: Microversion, isAdmin: Bool) -> JSONValue {
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
        embedded["extra_specs"] = .object(flavor.extraSpecs.mapValues { .string($0) })
        return .object(embedded)
    }

    /// `2026-11-22T13:06:12Z`: Nova's created/updated.
    static func isoSeconds(_ date: Date) -> String {
        utcFormatter("yyyy-MM-dd'T'HH:mm:ss'Z'").string(from: date)
    }

    /// `2026-11-22T13:06:12.000000`: Nova's usage timestamps, microseconds, no zone.
    static func isoMicroseconds(_ date: Date) -> String {
        utcFormatter("yyyy-MM-dd'T'HH:mm:ss.SSSSSS").string(from: date)
    }

    private static func utcFormatter(_ format: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = format
        return formatter
    }
}

extension Instance {
    /// Nova's `instance_name` template, `instance-%08x`, from the id's leading bits.
    var libvirtName: String {
        "instance-" + String(id.replacingOccurrences(of: "-", with: "").prefix(8))
    }
}
