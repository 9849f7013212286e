import Foundation

extension ComputeService {
    /// Admins see every flavor the filter selects; others see public flavors
    /// and the private ones their project was given.
    public func listFlavors(_ caller: Caller, filter: FlavorListFilter) async throws -> [Flavor] {
        if caller.auth.isCloudAdmin {
            return try await store.flavors(filter, visibleTo: nil)
        }
        var visible = filter
        visible.isPublic = nil
        return try await store.flavors(visible, visibleTo: caller.auth.project?.id ?? "")
    }

    public func getFlavor(_ caller: Caller, id: String) async throws -> Flavor {
        guard let flavor = try await store.flavor(id: id), try await isVisible(flavor, to: caller) else {
            throw ComputeError.flavorNotFound(id)
        }
        return flavor
    }

    public func createFlavor(_ caller: Caller, _ draft: FlavorDraft) async throws -> Flavor {
        try authorize(.createFlavor, caller)
        let flavor = try FlavorValidation.flavor(from: draft, generatedID: UUID().uuidString.lowercased())
        if try await store.flavor(id: flavor.id) != nil {
            throw ComputeError.conflict("Flavor with ID \(flavor.id) already exists.")
        }
        if try await store.flavor(named: flavor.name) != nil {
            throw ComputeError.conflict("Flavor with name \(flavor.name) already exists.")
        }
        do {
            try await store.commit([.insertFlavor(flavor), audit(caller, ComputePolicy.Action.createFlavor.rawValue, "flavor", flavor.id)])
        } catch StoreError.duplicate {
            // Lost a race with a concurrent create of the same name or id.
            throw ComputeError.conflict("Flavor with name \(flavor.name) already exists.")
        }
        return flavor
    }

    /// 2.55 `PUT /flavors/{id}`: the description is the one field that changes.
    public func updateFlavorDescription(_ caller: Caller, id: String, description: String?) async throws -> Flavor {
        try authorize(.updateFlavor, caller)
        try PrintableText.checkDescription(description, maxLength: FlavorValidation.maxDescriptionLength)
        guard var flavor = try await store.flavor(id: id) else { throw ComputeError.flavorNotFound(id) }
        do {
            try await store.commit([
                .setFlavorDescription(flavorID: id, description: description),
                audit(caller, ComputePolicy.Action.updateFlavor.rawValue, "flavor", id),
            ])
        } catch StoreError.versionConflict {
            throw ComputeError.flavorNotFound(id)
        }
        flavor.description = description
        return flavor
    }

    /// Whether the caller may see flavors' extra specs inline (2.61: the
    /// `os-flavor-extra-specs:index` rule, for the caller's own project).
    public func mayListExtraSpecs(_ caller: Caller) -> Bool {
        (try? authorize(.listExtraSpecs, caller)) != nil
    }

    public func deleteFlavor(_ caller: Caller, id: String) async throws {
        try authorize(.deleteFlavor, caller)
        guard try await store.flavor(id: id) != nil else { throw ComputeError.flavorNotFound(id) }
        try await store.commit([.deleteFlavor(id: id), audit(caller, ComputePolicy.Action.deleteFlavor.rawValue, "flavor", id)])
    }

    func isVisible(_ flavor: Flavor, to caller: Caller) async throws -> Bool {
        if flavor.isPublic || caller.auth.isCloudAdmin { return true }
        guard let project = caller.auth.project?.id else { return false }
        return try await store.flavorProjects(flavorID: flavor.id).contains(project)
    }
}
