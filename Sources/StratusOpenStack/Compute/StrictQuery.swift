import Hummingbird

/// 2.75's cleanup: the query strings of servers, flavors, key pairs, limits,
/// quota sets, server groups and services accept only what Nova's schema for
/// that API names; anything else is a 400 (below 2.75 it is ignored).
enum StrictQuery {
    static let since = Microversion(2, 75)

    static let flavorList: Set<String> = ["limit", "marker", "is_public", "minRam", "minDisk", "sort_key", "sort_dir"]
    static let keypairList: Set<String> = ["user_id", "limit", "marker"]
    static let keypairOne: Set<String> = ["user_id"]
    static let limits: Set<String> = ["tenant_id"]
    static let quotaSet: Set<String> = ["user_id"]
    static let serverGroupList: Set<String> = ["all_projects", "limit", "offset"]
    static let serviceList: Set<String> = ["host", "binary"]
    /// `GET /os-migrations`, strict already from 2.59: its filters, paging from
    /// 2.59, `changes-before` from 2.66, the owner from 2.80.
    static func migrationList(_ version: Microversion) -> Set<String> {
        var names: Set<String> = [
            "hidden", "host", "instance_uuid", "source_compute", "status", "migration_type", "limit", "marker",
            "changes-since",
        ]
        if version >= Microversion(2, 66) { names.insert("changes-before") }
        if version >= Microversion(2, 80) { names.formUnion(["user_id", "project_id"]) }
        return names
    }
    /// `GET /servers[/detail]` at 2.75 (Nova's `index_query_v275`): the filters,
    /// the joined-table names (refused later as invalid filters), tags, paging and
    /// sorting. Names starting with `_` pass here too and are refused later.
    static let serverList: Set<String> = [
        "user_id", "project_id", "tenant_id", "launch_index", "image_ref", "image", "kernel_id", "ramdisk_id",
        "hostname", "key_name", "power_state", "vm_state", "task_state", "host", "node", "flavor", "reservation_id",
        "launched_at", "terminated_at", "availability_zone", "name", "display_name", "description",
        "display_description", "locked_by", "uuid", "root_device_name", "config_drive", "access_ip_v4",
        "access_ip_v6", "auto_disk_config", "progress", "sort_key", "sort_dir", "all_tenants", "soft_deleted",
        "deleted", "status", "changes-since", "ip", "ip6", "created_at", "block_device_mapping", "services",
        "metadata", "system_metadata", "info_cache", "security_groups", "pci_devices", "limit", "marker", "tags",
        "tags-any", "not-tags", "not-tags-any", "changes-before", "locked",
    ]

    /// Throws Nova's 400 (jsonschema's message, the extras sorted) for names
    /// outside `allowed` from 2.75; does nothing below it.
    static func check(
        _ request: Request, _ version: Microversion, allowed: Set<String>, underscoreNames: Bool = false,
        since: Microversion = Self.since
    ) throws {
        guard version >= since else { return }
        var extras = Set<String>()
        for (key, _) in request.uri.queryParameters {
            let name = String(key)
            if allowed.contains(name) || (underscoreNames && name.hasPrefix("_")) { continue }
            extras.insert(name)
        }
        guard !extras.isEmpty else { return }
        let names = extras.sorted().map { "'\($0)'" }.joined(separator: ", ")
        throw APIError.badRequest(
            "Additional properties are not allowed (\(names) \(extras.count == 1 ? "was" : "were") unexpected)")
    }
}
