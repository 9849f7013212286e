import Foundation

/// A change to a project's tags (`/v3/projects/{id}/tags[/{tag}]`).
public enum ProjectTagChange: Sendable, Equatable {
    case replaceAll([String])
    case add(String)
    case remove(String)
    case removeAll
}

extension IdentityService {
    public func projectTags(_ caller: Caller, id: String) async throws -> [String] {
        try await getProject(caller, id: id).tags
    }

    /// Applies the change with compare-and-set, so concurrent tag edits never
    /// lose one another; returns the resulting tags.
    @discardableResult
    public func changeProjectTags(_ caller: Caller, id: String, _ change: ProjectTagChange) async throws -> [String] {
        try authorize(.updateProject, caller, target: ["target.project.id": id])
        return try await withVersionRetry {
            var project = try await projectRequired(id)
            switch change {
            case .replaceAll(let tags):
                project.tags = try IdentityValidation.tags(tags)
            case .add(let tag):
                if !project.tags.contains(tag) { project.tags = try IdentityValidation.tags(project.tags + [tag]) }
            case .remove(let tag):
                guard project.tags.contains(tag) else { throw IdentityError.notFound(kind: "tag", id: tag) }
                project.tags.removeAll { $0 == tag }
            case .removeAll:
                project.tags = []
            }
            try await commit([.updateProject(project), audit(caller, .updateProject, "project", id)]) { _ in
                Self.duplicateProject(project)
            }
            return project.tags
        }
    }
}
