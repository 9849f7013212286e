import Foundation

extension ComputeService {
    public func flavorExtraSpecs(_ caller: Caller, flavorID: String) async throws -> [String: String] {
        try authorize(.listExtraSpecs, caller)
        return try await getFlavor(caller, id: flavorID).extraSpecs
    }

    public func flavorExtraSpec(_ caller: Caller, flavorID: String, key: String) async throws -> String {
        try authorize(.showExtraSpec, caller)
        guard let value = try await getFlavor(caller, id: flavorID).extraSpecs[key] else {
            throw ComputeError.notFound("Flavor \(flavorID) has no extra specs with key \(key).")
        }
        return value
    }

    /// `POST .../os-extra_specs` (merge) and `PUT .../os-extra_specs/{key}`.
    @discardableResult
    public func setFlavorExtraSpecs(
        _ caller: Caller, flavorID: String, _ specs: [String: String], action: ComputePolicy.Action = .createExtraSpecs
    ) async throws -> [String: String] {
        try authorize(action, caller)
        _ = try await getFlavor(caller, id: flavorID)
        try FlavorValidation.extraSpecs(specs)
        try await store.commit([
            .setFlavorExtraSpecs(flavorID: flavorID, specs: specs), audit(caller, action.rawValue, "flavor", flavorID),
        ])
        return specs
    }

    public func deleteFlavorExtraSpec(_ caller: Caller, flavorID: String, key: String) async throws {
        try authorize(.deleteExtraSpec, caller)
        guard try await getFlavor(caller, id: flavorID).extraSpecs[key] != nil else {
            throw ComputeError.notFound("Flavor \(flavorID) has no extra specs with key \(key).")
        }
        try await store.commit([
            .deleteFlavorExtraSpec(flavorID: flavorID, key: key),
            audit(caller, ComputePolicy.Action.deleteExtraSpec.rawValue, "flavor", flavorID),
        ])
    }

    public func flavorAccess(_ caller: Caller, flavorID: String) async throws -> [String] {
        try authorize(.listFlavorAccess, caller)
        let flavor = try await getFlavor(caller, id: flavorID)
        guard !flavor.isPublic else {
            throw ComputeError.notFound("Access list not available for public flavors.")
        }
        return try await store.flavorProjects(flavorID: flavorID)
    }

    /// Before 2.7 Nova records access to a public flavor too (`allowPublic`);
    /// from 2.7 that is a conflict.
    public func addFlavorAccess(
        _ caller: Caller, flavorID: String, projectID: String, allowPublic: Bool = false
    ) async throws -> [String] {
        try authorize(.addFlavorAccess, caller)
        let flavor = try await getFlavor(caller, id: flavorID)
        if flavor.isPublic, !allowPublic { throw ComputeError.conflict("Can not add access to a public flavor.") }
        let projects = try await store.flavorProjects(flavorID: flavorID)
        guard !projects.contains(projectID) else {
            throw ComputeError.conflict("Flavor access already exists for flavor \(flavorID) and project \(projectID) combination.")
        }
        try await store.commit([
            .insertFlavorAccess(flavorID: flavorID, projectID: projectID),
            audit(caller, ComputePolicy.Action.addFlavorAccess.rawValue, "flavor", flavorID),
        ])
        return projects + [projectID]
    }

    public func removeFlavorAccess(_ caller: Caller, flavorID: String, projectID: String) async throws -> [String] {
        try authorize(.removeFlavorAccess, caller)
        _ = try await getFlavor(caller, id: flavorID)
        let projects = try await store.flavorProjects(flavorID: flavorID)
        guard projects.contains(projectID) else {
            throw ComputeError.notFound("Flavor access not found for \(flavorID) / \(projectID) combination.")
        }
        try await store.commit([
            .deleteFlavorAccess(flavorID: flavorID, projectID: projectID),
            audit(caller, ComputePolicy.Action.removeFlavorAccess.rawValue, "flavor", flavorID),
        ])
        return projects.filter { $0 != projectID }
    }
}
