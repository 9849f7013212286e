import Foundation
import Hummingbird
import StratusCore

/// `GET /servers[/detail]` query parameters as Nova reads them at a
/// microversion: callers the `allow_all_filters` rule admits (administrators
/// by default; the core decides) may use every filter; others only Nova's
/// allowed list, which grows with `ip6` (2.5), the tag filters (2.26),
/// `changes-before` (2.66) and `locked` (2.73). Unknown ones are ignored below
/// 2.75 and a 400 from it (`StrictQuery`).
enum ServerListRequest {
    /// The parsed filter, or nil when the status names no state (before 2.38
    /// Nova answers that with an empty list).
    static func filter(_ request: Request, version: Microversion, allFilters: Bool) throws -> ServerListFilter? {
        try StrictQuery.check(request, version, allowed: StrictQuery.serverList, underscoreNames: true)
        let parameters = request.uri.queryParameters
        func allowed(_ name: String, since minimum: Microversion? = nil) -> Bool {
            guard parameters.get(name) != nil else { return false }
            return allFilters || minimum.map { version >= $0 } ?? true
        }
        if allFilters {
            let joined = ["block_device_mapping", "services", "metadata", "system_metadata", "info_cache",
                          "security_groups", "pci_devices"]
            for (key, _) in parameters where joined.contains(String(key)) || key.hasPrefix("_") {
                throw APIError.badRequest("Invalid filter field: \(key).")
            }
        }
        var filter = ServerListFilter()
        filter.namePattern = request.query("name")
        let statuses = parameters.getAll("status")
        if !statuses.isEmpty {
            guard let states = ServerStatusFilter(statuses) else {
                if version >= Microversion(2, 38) { throw APIError.badRequest("Invalid status value") }
                return nil
            }
            filter.statuses = states
        }
        filter.reservationID = request.query("reservation_id")
        filter.imageID = request.query("image").map(ServerRequestDecoder.imageID)
        filter.flavorID = request.query("flavor").map(ServerRequestDecoder.lastPathComponent)
        filter.changesSince = try timestamp(request, "changes-since")
        if allowed("changes-before", since: Microversion(2, 66)) {
            filter.changesBefore = try timestamp(request, "changes-before")
            if let since = filter.changesSince, let before = filter.changesBefore, before < since {
                throw APIError.badRequest("The value of changes-since must be less than or equal to changes-before.")
            }
        }
        if version >= Microversion(2, 26) {
            func tags(_ name: String) -> [String]? { request.query(name).map { $0.split(separator: ",").map(String.init) } }
            (filter.tags, filter.tagsAny, filter.notTags, filter.notTagsAny) =
                (tags("tags"), tags("tags-any"), tags("not-tags"), tags("not-tags-any"))
        }
        filter.ipPatterns = ["ip"].compactMap { request.query($0) }
            + (allowed("ip6", since: Microversion(2, 5)) ? [request.query("ip6")!] : [])
        if allowed("locked", since: Microversion(2, 73)), let locked = request.query("locked") {
            switch locked.lowercased() {
            case "true", "1", "yes", "t", "on", "y": filter.locked = true
            case "false", "0", "no", "f", "off", "n": filter.locked = false
            default: throw APIError.badRequest("Unrecognized value '\(locked)', acceptable values are: '0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'")
            }
        }
        filter.sort = try ServerSortKey.parse(
            keys: parameters.getAll("sort_key"), directions: parameters.getAll("sort_dir"),
            lockedSortable: version >= Microversion(2, 73), ignoredRefused: version >= StrictQuery.since,
            allFilters: allFilters)
        filter.limit = try ComputeFront.nonNegative(request.query("limit"), "limit")
        filter.marker = request.query("marker")
        // `all_tenants` is for everyone to ask (the core's policy answers a member
        // with 403); the project it names comes only with it (lp:#1185290: without
        // it Nova ignores `tenant_id` and lists the caller's own project).
        if let all = request.query("all_tenants") {
            filter.allProjects = try allTenants(all)
        }
        // Admin-only filters are ignored for others, as Nova drops them.
        if allFilters {
            filter.host = request.query("host")
            if filter.allProjects { filter.projectID = request.query("project_id") ?? request.query("tenant_id") }
            filter.includeDeleted = request.query("deleted").map { ["true", "1", "yes"].contains($0.lowercased()) } ?? false
        }
        return filter
    }

    /// Nova's `is_all_tenants`: present and empty means yes, otherwise a strict boolean.
    private static func allTenants(_ text: String) throws -> Bool {
        switch text.lowercased() {
        case "", "1", "t", "true", "on", "y", "yes": return true
        case "0", "f", "false", "off", "n", "no": return false
        default:
            throw APIError.badRequest("Invalid input received: Unrecognized value '\(text)', acceptable values are: '0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'")
        }
    }

    static func timestamp(_ request: Request, _ name: String) throws -> Date? {
        guard let text = request.query(name) else { return nil }
        guard let date = parseTimestamp(text) else {
            throw APIError.badRequest("Invalid input for query parameters \(name). Value: \(text). '\(text)' is not a 'date-time'")
        }
        return date
    }

    static func parseTimestamp(_ text: String) -> Date? {
        // DateFormatter lets other separators through ("2011/01/01"); ISO 8601 does not.
        let characters = Array(text)
        guard characters.count >= 10, characters[4] == "-", characters[7] == "-" else { return nil }
        let formats = ["yyyy-MM-dd'T'HH:mm:ssXXXXX", "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXXXX", "yyyy-MM-dd'T'HH:mm:ss",
                       "yyyy-MM-dd'T'HH:mm:ss.SSSSSS", "yyyy-MM-dd'T'HH:mm:ssZ", "yyyy-MM-dd"]
        for format in formats {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
