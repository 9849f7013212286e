import Foundation

/// A Neutron network: an L2 segment servers attach to through ports. `shared`
/// networks are usable by every project; this cloud's bootstrap makes one.
public struct Network: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var name: String
    public var projectID: String
    public var description: String
    public var adminStateUp: Bool
    public var shared: Bool
    /// `router:external`: kept and shown; no router exists to use it.
    public var external: Bool
    public var mtu: Int
    public var createdAt: Date
    public var updatedAt: Date
    /// Neutron's `revision_number`, and the compare-and-set token.
    public var revision: Int

    public init(
        id: String, name: String, projectID: String, description: String = "", adminStateUp: Bool = true,
        shared: Bool = false, external: Bool = false, mtu: Int = 1500, createdAt: Date, updatedAt: Date? = nil,
        revision: Int = 1
    ) {
        self.id = id
        self.name = name
        self.projectID = projectID
        self.description = description
        self.adminStateUp = adminStateUp
        self.shared = shared
        self.external = external
        self.mtu = mtu
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.revision = revision
    }

    /// Neutron's visibility: administrators see all, others their own and shared ones.
    public func isVisible(to auth: AuthContext) -> Bool {
        auth.isCloudAdmin || shared || projectID == auth.project?.id
    }
}
