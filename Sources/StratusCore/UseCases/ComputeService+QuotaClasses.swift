import Foundation

/// Nova's os-quota-class-sets: named sets of default limits. The `default`
/// class is the one that matters: its limits replace the configured defaults
/// for every project that has none of its own. Another class shows its own
/// limits over the defaults.
extension ComputeService {
    public func quotaClass(_ caller: Caller, name: String) async throws -> QuotaClass {
        try authorize(.showQuotaClass, caller)
        return try await readQuotaClass(name)
    }

    /// Sets limits by Nova name; unknown names and values below -1 change nothing.
    public func updateQuotaClass(_ caller: Caller, name: String, _ limits: [String: Int]) async throws -> QuotaClass {
        try authorize(.updateQuotaClass, caller)
        guard name.count <= 255 else {
            throw ComputeError.badRequest("Invalid input received: quota_class_name has more than 255 characters.")
        }
        try Self.checkQuotaValues(limits, field: "quota_class_set")
        var changes: [StoreChange] = limits.sorted { $0.key < $1.key }.map {
            .setQuotaClass(className: name, resource: $0.key, limit: $0.value)
        }
        changes.append(audit(caller, ComputePolicy.Action.updateQuotaClass.rawValue, "quota_class_set", name))
        try await store.commit(changes)
        return try await readQuotaClass(name)
    }

    private func readQuotaClass(_ name: String) async throws -> QuotaClass {
        let defaults = try await store.quotaClassLimits(className: QuotaClass.defaultName)
        let own = name == QuotaClass.defaultName ? [:] : try await store.quotaClassLimits(className: name)
        let merged = defaults.merging(own) { _, named in named }
        return QuotaClass(
            name: name, quotas: settings.defaultQuotas.overridden(by: merged),
            network: QuotaSet.legacyNetworkLimits(merged))
    }
}

/// A quota class as os-quota-class-sets shows it.
public struct QuotaClass: Sendable, Equatable {
    /// Nova's class whose limits are every project's defaults.
    public static let defaultName = "default"

    public var name: String
    public var quotas: QuotaSet
    /// The nova-network limits (shown below 2.50): -1 unless set.
    public var network: [String: Int]
}
