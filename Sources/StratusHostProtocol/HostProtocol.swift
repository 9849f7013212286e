import Foundation

/// The controller <-> host link, version 1. A host agent calls the controller
/// (never the other way round, so a host behind NAT or a firewall works); every
/// call is HTTPS with the host's client certificate, and the controller takes the
/// host's identity from that certificate, never from a message. Bodies are JSON
/// (snake_case keys, ISO 8601 times with fractions). `docs/host-protocol.md`
/// describes each call.
public enum HostProtocol {
    /// The one version this build speaks; every path starts with `/host/v<version>`.
    public static let version = 1
    /// Sent by the agent on every call; the controller refuses another version with 400.
    public static let versionHeader = "Stratus-Host-Protocol"
    public static let prefix = "/host/v\(version)"

    /// The calls, by path (relative to the controller's host listener).
    public enum Path {
        /// POST `HostRegistration` → 200 `RegistrationAccepted`.
        public static let register = prefix + "/register"
        /// POST `Heartbeat` → 204.
        public static let heartbeat = prefix + "/heartbeat"
        /// GET `?since=<revision>&cursor=<id>&limit=<n>&wait=<seconds>` → 200 `DesiredGuestsPage`.
        public static let desiredGuests = prefix + "/desired-guests"
        /// POST `HostReportBatch` → 200 `HostReportResults`.
        public static let reports = prefix + "/reports"
        /// GET `/host/v1/guests/<id>/interfaces` → 200 `GuestInterfaces`.
        public static func interfaces(instanceId: String) -> String { prefix + "/guests/\(instanceId)/interfaces" }
        /// PUT raw bytes (the guest's disk) → 204.
        public static func snapshot(instanceId: String) -> String { prefix + "/guests/\(instanceId)/snapshot" }
        /// GET → 200 `PendingVolumeWork`.
        public static let volumeWork = prefix + "/volume-work"
        /// POST `StrayGuestsRequest` → 200 `StrayGuestVerdicts`.
        public static let strayGuests = prefix + "/stray-guests"
        /// GET `?wait=<seconds>` (long poll, ≤ `maxWait`) → 200 `HostRequestsPage`: at
        /// once when requests wait for this host, else empty after the wait.
        public static let requests = prefix + "/requests"
        /// POST `HostRequestAnswer` → 204; 404 for an id that is not this host's pending request.
        public static func answer(requestId: String) -> String { prefix + "/requests/\(requestId)/answer" }
        /// GET → 200 `HostImage`: what the image's data must be.
        public static func image(imageId: String) -> String { prefix + "/images/\(imageId)" }
        /// GET → 200 raw bytes (the host's cache checks them against `HostImage`).
        public static func imageFile(imageId: String) -> String { prefix + "/images/\(imageId)/file" }
        /// POST `EnrollmentRequest` (no client certificate yet: the join token is the
        /// credential) → 200 `EnrollmentResponse`.
        public static let enroll = prefix + "/enroll"
        /// POST `MigrationCredentialsRequest` → 200 `MigrationCredentials` (at each agent start).
        public static let migrationCredentials = prefix + "/migration-credentials"
    }

    /// The largest JSON body either side reads; bigger bodies are refused, not
    /// read (a page is sized to stay well under it).
    public static let maxMessageBytes = 16 * 1024 * 1024
    /// The most guests one desired-state page carries; the agent follows
    /// `next_cursor` for the rest, so no count of guests is a limit.
    public static let maxPageSize = 500
    /// The longest the controller holds a watch open before answering "unchanged".
    public static let maxWait: Duration = .seconds(60)

    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(timeFormat))
        }
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = try? timeFormat.parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 time: \(text.prefix(64))")
            }
            return date
        }
        return decoder
    }

    static let timeFormat = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
}
