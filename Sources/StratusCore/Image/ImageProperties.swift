import Foundation

/// The names Glance's image schema gives special meaning, and the values it accepts
/// (`glance/api/v2/images.py`, `get_base_properties`). Everything not named here is an
/// extra property: a string the image carries for others (`hw_*`, `os_distro`, ...).
public enum ImageProperties {
    /// Core properties a client may write (create or PATCH).
    public static let writable: Set<String> = [
        "name", "visibility", "protected", "os_hidden", "owner", "container_format", "disk_format",
        "min_ram", "min_disk", "tags",
    ]

    /// Computed or assigned by the service; writing one is 403 "is read-only".
    public static let readOnly: Set<String> = [
        "id", "created_at", "updated_at", "status", "checksum", "os_hash_algo", "os_hash_value", "size",
        "virtual_size", "direct_url", "self", "file", "schema", "stores", "os_glance_import_task",
    ]

    /// Names Glance keeps for itself; writing one is 403 "is reserved". `locations`
    /// is here because this service never shows locations (Glance's
    /// `show_multiple_locations = False`), and so never lets them be edited.
    public static let reserved: Set<String> = ["location", "locations", "deleted", "deleted_at"]

    /// Extra properties in this namespace are Glance's own (`os_glance_*`).
    public static let reservedPrefix = "os_glance"

    /// Every core property, readable or not: a name here is never an extra property.
    public static var core: Set<String> { writable.union(readOnly).union(reserved).subtracting(["location"]) }

    /// Glance's default `container_formats` and `disk_formats`.
    public static let containerFormats = ["ami", "ari", "aki", "bare", "ovf", "ova", "docker", "compressed"]
    public static let diskFormats = ["ami", "ari", "aki", "vhd", "vhdx", "vmdk", "raw", "qcow2", "vdi", "iso", "ploop"]

    /// The multihash algorithm of `os_hash_value` (Glance's `hashing_algorithm` default).
    public static let hashAlgorithm = "sha512"

    public static let maxNameLength = 255
    public static let maxTagLength = 255
    public static let maxPropertyKeyLength = 255
    public static let maxPropertyValueLength = 65535

    /// Why writing `name` is refused at all, whatever the value: read-only, reserved, or
    /// in Glance's namespace. Nil when it may be written.
    public static func refusal(toWrite name: String) -> ImageError? {
        if readOnly.contains(name) { return .forbidden("Attribute '\(name)' is read-only.") }
        if reserved.contains(name) || name.hasPrefix(reservedPrefix) {
            return .forbidden("Attribute '\(name)' is reserved.")
        }
        return nil
    }
}
