import Foundation

extension IdentityService {
    public func listDomains(_ caller: Caller, filter: IdentityListFilter) async throws -> [Domain] {
        try authorize(.listDomains, caller)
        return try await store.domains(filter)
    }

    public func getDomain(_ caller: Caller, id: String) async throws -> Domain {
        try authorize(.getDomain, caller, target: ["target.domain.id": id])
        return try await domainRequired(id)
    }

    public func createDomain(_ caller: Caller, _ draft: DomainDraft) async throws -> Domain {
        try authorize(.createDomain, caller)
        let domain = Domain(
            id: ids.newID(), name: try IdentityValidation.name(draft.name, field: "name", maxLength: IdentityValidation.maxContainerNameLength),
            description: draft.description, enabled: draft.enabled, version: 1)
        try await commit([.insertDomain(domain), audit(caller, .createDomain, "domain", domain.id)]) { _ in
            .conflict("Conflict occurred attempting to store domain - Duplicate entry found with name \(domain.name).")
        }
        return domain
    }

    public func updateDomain(_ caller: Caller, id: String, _ patch: DomainPatch) async throws -> Domain {
        try authorize(.updateDomain, caller, target: ["target.domain.id": id])
        return try await withVersionRetry {
            var domain = try await domainRequired(id)
            if let name = patch.name { domain.name = try IdentityValidation.name(name, field: "name", maxLength: IdentityValidation.maxContainerNameLength) }
            if let description = patch.description { domain.description = description }
            if let enabled = patch.enabled { domain.enabled = enabled }
            try await commit([.updateDomain(domain), audit(caller, .updateDomain, "domain", id)]) { _ in
                .conflict("Conflict occurred attempting to store domain - Duplicate entry found with name \(domain.name).")
            }
            domain.version += 1
            return domain
        }
    }

    /// Keystone's rule: only a disabled domain may be deleted; its projects,
    /// users and assignments go with it. The default domain is never deleted.
    public func deleteDomain(_ caller: Caller, id: String) async throws {
        try authorize(.deleteDomain, caller, target: ["target.domain.id": id])
        let domain = try await domainRequired(id)
        guard domain.id != Domain.defaultID else {
            throw IdentityError.forbidden("The default domain cannot be deleted.")
        }
        guard !domain.enabled else {
            throw IdentityError.forbidden("Cannot delete a domain that is enabled, please disable it first.")
        }
        try await store.commit([
            .deleteDomain(id: id, version: domain.version), audit(caller, .deleteDomain, "domain", id),
        ])
    }
}
