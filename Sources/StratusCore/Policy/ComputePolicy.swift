import Foundation

/// Nova's policy actions Stratus implements, with its default rules:
/// reads need any valid token, changes to the flavor catalog need `admin`.
public enum ComputePolicy {
    public enum Action: String, Sendable, CaseIterable {
        case createFlavor = "os_compute_api:os-flavor-manage:create"
        case deleteFlavor = "os_compute_api:os-flavor-manage:delete"
        case listExtraSpecs = "os_compute_api:os-flavor-extra-specs:index"
        case showExtraSpec = "os_compute_api:os-flavor-extra-specs:show"
        case createExtraSpecs = "os_compute_api:os-flavor-extra-specs:create"
        case updateExtraSpec = "os_compute_api:os-flavor-extra-specs:update"
        case deleteExtraSpec = "os_compute_api:os-flavor-extra-specs:delete"
        case listFlavorAccess = "os_compute_api:os-flavor-access"
        case addFlavorAccess = "os_compute_api:os-flavor-access:add_tenant_access"
        case removeFlavorAccess = "os_compute_api:os-flavor-access:remove_tenant_access"
        case listServices = "os_compute_api:os-services:list"
        /// Removing a stale host and its records (administrators).
        case deleteService = "os_compute_api:os-services:delete"
        /// Stratus's own (no Nova counterpart): one-time join tokens that enroll
        /// remote compute hosts; administrators, as deleting a service.
        case createJoinToken = "os_compute_api:os-stratus-join-tokens:create"
        case listJoinTokens = "os_compute_api:os-stratus-join-tokens:index"
        case deleteJoinToken = "os_compute_api:os-stratus-join-tokens:delete"
        case listHypervisors = "os_compute_api:os-hypervisors:list"
        case listHypervisorsDetail = "os_compute_api:os-hypervisors:list-detail"
        case showHypervisor = "os_compute_api:os-hypervisors:show"
        case listZones = "os_compute_api:os-availability-zone:list"
        case listZonesDetail = "os_compute_api:os-availability-zone:detail"
        case listAggregates = "os_compute_api:os-aggregates:index"
        case createAggregate = "os_compute_api:os-aggregates:create"
        case showAggregate = "os_compute_api:os-aggregates:show"
        case updateAggregate = "os_compute_api:os-aggregates:update"
        case deleteAggregate = "os_compute_api:os-aggregates:delete"
        case addAggregateHost = "os_compute_api:os-aggregates:add_host"
        case removeAggregateHost = "os_compute_api:os-aggregates:remove_host"
        case setAggregateMetadata = "os_compute_api:os-aggregates:set_metadata"
        case listKeypairs = "os_compute_api:os-keypairs:index"
        case createKeypair = "os_compute_api:os-keypairs:create"
        case showKeypair = "os_compute_api:os-keypairs:show"
        case deleteKeypair = "os_compute_api:os-keypairs:delete"
        case listServers = "os_compute_api:servers:index"
        case listServersDetail = "os_compute_api:servers:detail"
        case listServersAllProjects = "os_compute_api:servers:index:get_all_tenants"
        case listServersDetailAllProjects = "os_compute_api:servers:detail:get_all_tenants"
        case showServer = "os_compute_api:servers:show"
        case createServer = "os_compute_api:servers:create"
        case updateServer = "os_compute_api:servers:update"
        case deleteServer = "os_compute_api:servers:delete"
        case startServer = "os_compute_api:servers:start"
        case stopServer = "os_compute_api:servers:stop"
        case rebootServer = "os_compute_api:servers:reboot"
        case forceDeleteServer = "os_compute_api:os-deferred-delete:force"
        case restoreServer = "os_compute_api:os-deferred-delete:restore"
        case resetServerState = "os_compute_api:os-admin-actions:reset_state"
        case injectNetworkInfo = "os_compute_api:os-admin-actions:inject_network_info"
        case rebuildServer = "os_compute_api:servers:rebuild"
        case createImage = "os_compute_api:servers:create_image"
        case resizeServer = "os_compute_api:servers:resize"
        case confirmResize = "os_compute_api:servers:confirm_resize"
        case revertResize = "os_compute_api:servers:revert_resize"
        case migrateServer = "os_compute_api:os-migrate-server:migrate"
        case liveMigrateServer = "os_compute_api:os-migrate-server:migrate_live"
        /// Naming the destination of a move (Nova since 2023.1): administrators only.
        case migrateServerToHost = "os_compute_api:os-migrate-server:migrate:host"
        case liveMigrateServerToHost = "os_compute_api:os-migrate-server:migrate_live:host"
        case listMigrations = "os_compute_api:os-migrations:index"
        case listServerMigrations = "os_compute_api:servers:migrations:index"
        case showServerMigration = "os_compute_api:servers:migrations:show"
        case pauseServer = "os_compute_api:os-pause-server:pause"
        case unpauseServer = "os_compute_api:os-pause-server:unpause"
        case suspendServer = "os_compute_api:os-suspend-server:suspend"
        case resumeServer = "os_compute_api:os-suspend-server:resume"
        case lockServer = "os_compute_api:os-lock-server:lock"
        case unlockServer = "os_compute_api:os-lock-server:unlock"
        case unlockOverride = "os_compute_api:os-lock-server:unlock:unlock_override"
        case consoleOutput = "os_compute_api:os-console-output"
        case extendedAttributes = "os_compute_api:os-extended-server-attributes"
        case listMetadata = "os_compute_api:server-metadata:index"
        case showMetadata = "os_compute_api:server-metadata:show"
        case createMetadata = "os_compute_api:server-metadata:create"
        case updateMetadata = "os_compute_api:server-metadata:update"
        case replaceMetadata = "os_compute_api:server-metadata:update_all"
        case deleteMetadata = "os_compute_api:server-metadata:delete"
        case listInstanceActions = "os_compute_api:os-instance-actions:list"
        case showInstanceAction = "os_compute_api:os-instance-actions:show"
        case showInstanceActionEvents = "os_compute_api:os-instance-actions:events"
        case showQuotas = "os_compute_api:os-quota-sets:show"
        case updateQuotas = "os_compute_api:os-quota-sets:update"
        case deleteQuotas = "os_compute_api:os-quota-sets:delete"
        case showQuotaDefaults = "os_compute_api:os-quota-sets:defaults"
        case showLimits = "os_compute_api:limits"
        case createServerGroup = "os_compute_api:os-server-groups:create"
        case deleteServerGroup = "os_compute_api:os-server-groups:delete"
        case listServerGroups = "os_compute_api:os-server-groups:index"
        case listServerGroupsAllProjects = "os_compute_api:os-server-groups:index:all_projects"
        case showServerGroup = "os_compute_api:os-server-groups:show"
        // Microversions 2.16–2.80.
        case updateFlavor = "os_compute_api:os-flavor-manage:update"
        case showFlavorExtraSpecs = "os_compute_api:servers:show:flavor-extra-specs"
        case showHostStatus = "os_compute_api:servers:show:host_status"
        case showHostStatusUnknownOnly = "os_compute_api:servers:show:host_status:unknown-only"
        case createTrustedCerts = "os_compute_api:servers:create:trusted_certs"
        /// Nova's deprecated os-hosts (below 2.43), administrators only.
        case listLegacyHosts = "os_compute_api:os-hosts:list"
        case showLegacyHost = "os_compute_api:os-hosts:show"
        case updateLegacyHost = "os_compute_api:os-hosts:update"
        case startLegacyHost = "os_compute_api:os-hosts:start"
        case shutdownLegacyHost = "os_compute_api:os-hosts:shutdown"
        case rebootLegacyHost = "os_compute_api:os-hosts:reboot"
        case hypervisorStatistics = "os_compute_api:os-hypervisors:statistics"
        case listUsageAuditLogs = "os_compute_api:os-instance-usage-audit-log:list"
        case showUsageAuditLog = "os_compute_api:os-instance-usage-audit-log:show"
        /// os-quota-class-sets (administrators).
        case showQuotaClass = "os_compute_api:os-quota-class-sets:show"
        case updateQuotaClass = "os_compute_api:os-quota-class-sets:update"
        /// os-simple-tenant-usage: every project's (administrators), one project's (its readers).
        case listProjectUsages = "os_compute_api:os-simple-tenant-usage:list"
        case showProjectUsage = "os_compute_api:os-simple-tenant-usage:show"
        /// 2.78: `GET /servers/{id}/topology` (the project's readers).
        case showServerTopology = "compute:server:topology:index"
        /// 2.74: `host` / `hypervisor_hostname` on create (administrators).
        case createRequestedDestination = "compute:servers:create:requested_destination"
        case rebuildTrustedCerts = "os_compute_api:servers:rebuild:trusted_certs"
        case allowAllServerFilters = "os_compute_api:servers:allow_all_filters"
        case listServerTags = "os_compute_api:os-server-tags:index"
        case showServerTag = "os_compute_api:os-server-tags:show"
        case updateServerTag = "os_compute_api:os-server-tags:update"
        case replaceServerTags = "os_compute_api:os-server-tags:update_all"
        case deleteServerTag = "os_compute_api:os-server-tags:delete"
        case deleteServerTags = "os_compute_api:os-server-tags:delete_all"
        case listServerSecurityGroups = "os_compute_api:os-security-groups:list"
        case addSecurityGroup = "os_compute_api:os-security-groups:add"
        case removeSecurityGroup = "os_compute_api:os-security-groups:remove"
        case listServerIPs = "os_compute_api:ips:index"
        case showServerIPs = "os_compute_api:ips:show"
        case showServerPassword = "os_compute_api:os-server-password:show"
        case clearServerPassword = "os_compute_api:os-server-password:clear"
        case createBackup = "os_compute_api:os-create-backup"
        /// os-volume_attachments: the server's project's readers list, members attach and detach.
        case listVolumeAttachments = "os_compute_api:os-volumes-attachments:index"
        case showVolumeAttachment = "os_compute_api:os-volumes-attachments:show"
        case attachVolume = "os_compute_api:os-volumes-attachments:create"
        case updateVolumeAttachment = "os_compute_api:os-volumes-attachments:update"
        case detachVolume = "os_compute_api:os-volumes-attachments:delete"
        /// Swapping an attachment's volume: Cinder's service user, during a volume migration.
        case swapVolume = "os_compute_api:os-volumes-attachments:swap"
        /// Events from Neutron and Cinder about servers (their service users, or administrators).
        case createExternalEvents = "os_compute_api:os-server-external-events:create"
        /// Nova's deprecated volume proxy (`/os-volumes`, 2.1–2.35), before Cinder's own rules.
        case listProxyVolumes = "os_compute_api:os-volumes:list"
        case listProxyVolumesDetail = "os_compute_api:os-volumes:detail"
        case showProxyVolume = "os_compute_api:os-volumes:show"
        case createProxyVolume = "os_compute_api:os-volumes:create"
        case deleteProxyVolume = "os_compute_api:os-volumes:delete"
    }

    public static let baseRules: [String: String] = [
        "admin_api": "rule:cloud_admin",
        "project_member_api": "role:member and project_id:%(project_id)s",
        "project_reader_api": "role:reader and project_id:%(project_id)s",
        "project_member_or_admin": "rule:project_member_api or rule:admin_api",
        "project_reader_or_admin": "rule:project_reader_api or rule:admin_api",
    ]

    public static var defaults: [String: String] { defaults(migration: .administrators) }

    /// The defaults under the cloud's migration switch: who may start a move.
    public static func defaults(migration: MigrationPolicy) -> [String: String] {
        PolicyDefaults.rules(base: baseRules) { defaultRule($0, migration: migration) }
    }

    static func defaultRule(_ action: Action, migration: MigrationPolicy = .administrators) -> String {
        switch action {
        case .migrateServer, .liveMigrateServer:
            switch migration {
            case .disabled: "!"
            case .administrators: "rule:admin_api"
            case .allowed: "rule:project_member_or_admin"
            }
        case .migrateServerToHost, .liveMigrateServerToHost: migration == .disabled ? "!" : "rule:admin_api"
        case .listExtraSpecs, .showExtraSpec: "rule:project_reader_or_admin"
        case .listZones: "@"
        // Nova's SERVICE_ROLE is `rule:service_or_admin`.
        case .swapVolume, .createExternalEvents: "role:service or rule:admin_api"
        // Key pairs belong to a user: theirs, or anyone's for administrators (2.10).
        case .listKeypairs, .createKeypair, .showKeypair, .deleteKeypair: "rule:admin_api or user_id:%(user_id)s"
        // Servers belong to a project (`project_id` is the server's): members act
        // on them, readers look, administrators do both everywhere.
        case .listServers, .listServersDetail, .showServer, .listMetadata, .showMetadata, .listInstanceActions,
             .showInstanceAction, .showQuotas, .showQuotaDefaults, .showLimits, .listServerGroups, .showServerGroup,
             .showFlavorExtraSpecs, .listServerTags, .showServerTag, .listServerSecurityGroups, .listServerIPs,
             .showServerIPs, .showServerPassword, .showServerTopology, .showProjectUsage, .listVolumeAttachments,
             .showVolumeAttachment, .listProxyVolumes, .listProxyVolumesDetail, .showProxyVolume:
            "rule:project_reader_or_admin"
        case .createServer, .updateServer, .deleteServer, .startServer, .stopServer, .rebootServer,
             .forceDeleteServer, .restoreServer, .pauseServer, .unpauseServer, .suspendServer, .resumeServer, .lockServer,
             .unlockServer, .consoleOutput, .createMetadata, .updateMetadata, .replaceMetadata, .deleteMetadata,
             .createServerGroup, .deleteServerGroup, .rebuildServer, .resizeServer, .confirmResize, .revertResize,
             .createTrustedCerts, .rebuildTrustedCerts, .updateServerTag, .replaceServerTags, .deleteServerTag,
             .deleteServerTags, .createImage, .addSecurityGroup, .removeSecurityGroup,
             .clearServerPassword, .createBackup, .attachVolume, .updateVolumeAttachment, .detachVolume,
             .createProxyVolume, .deleteProxyVolume:
            "rule:project_member_or_admin"
        default: "rule:admin_api"
        }
    }
}
