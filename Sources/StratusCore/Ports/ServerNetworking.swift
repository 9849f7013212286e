import Foundation

/// Compute's view of the network service: ports for servers planned as store
/// changes, so a server and its ports are one transaction (nothing half-made
/// after a crash), and read back for views. Errors are compute's (Nova's words).
public protocol ServerNetworking: Sendable {
    /// The ports of servers being created, one set per instance id.
    func planServerPorts(_ request: ServerNetworkRequest) async throws -> ServerPortPlan
    /// The plan's commit is over (made or failed): its addresses need no holding.
    func settle(_ plan: ServerPortPlan) async
    /// A finished delete: ports compute made go, ports the user brought are unbound.
    func releasePorts(of instance: Instance) async throws -> [StoreChange]
    /// The names of the groups on each server's ports (servers without ports are absent).
    func securityGroupNames(of instances: [Instance]) async throws -> [String: [String]]
    /// The groups on the server's ports, with their rules.
    func securityGroups(of instance: Instance) async throws -> [(SecurityGroup, [SecurityGroupRule])]
    /// The server's ports as its host plugs them in, in the server's interface order
    /// (a live migration's two ends must build the same devices).
    func guestInterfaces(of instance: Instance) async throws -> [GuestInterface]
    /// Adds (or removes) the group named `name` (or with that id) on every port of the server.
    func changeSecurityGroup(_ caller: Caller, of instance: Instance, name: String, add: Bool) async throws -> [StoreChange]
}

public struct ServerNetworkRequest: Sendable {
    public var caller: Caller
    public var projectID: String
    public var instanceIDs: [String]
    public var networks: ServerDraft.Networks
    /// Names or ids; empty means the project's `default`.
    public var securityGroups: [String]

    public init(caller: Caller, projectID: String, instanceIDs: [String], networks: ServerDraft.Networks, securityGroups: [String]) {
        self.caller = caller
        self.projectID = projectID
        self.instanceIDs = instanceIDs
        self.networks = networks
        self.securityGroups = securityGroups
    }
}

public struct ServerPortPlan: Sendable {
    public var changes: [StoreChange]
    public var interfaces: [String: [ServerInterface]]
    /// The addresses chosen, by subnet, held until the plan is settled.
    public var addresses: [String: Set<UInt32>]

    public init(
        changes: [StoreChange] = [], interfaces: [String: [ServerInterface]] = [:], addresses: [String: Set<UInt32>] = [:]
    ) {
        self.changes = changes
        self.interfaces = interfaces
        self.addresses = addresses
    }
}

/// A compute service without networking (unit tests, `--no-network` clouds):
/// servers get no ports, and naming a network is Nova's 400 for an unknown one.
public struct NoServerNetworking: ServerNetworking {
    public init() {}

    public func planServerPorts(_ request: ServerNetworkRequest) async throws -> ServerPortPlan {
        if case .explicit(let choices) = request.networks, let first = choices.first {
            if let port = first.portID { throw ComputeError.badRequest("Port \(port) could not be found.") }
            throw ComputeError.badRequest("Network \(first.networkID ?? "") could not be found.")
        }
        return ServerPortPlan()
    }

    public func settle(_ plan: ServerPortPlan) async {}

    public func releasePorts(of instance: Instance) async throws -> [StoreChange] { [] }
    public func securityGroupNames(of instances: [Instance]) async throws -> [String: [String]] { [:] }
    public func securityGroups(of instance: Instance) async throws -> [(SecurityGroup, [SecurityGroupRule])] { [] }
    public func guestInterfaces(of instance: Instance) async throws -> [GuestInterface] { [] }
    public func changeSecurityGroup(_ caller: Caller, of instance: Instance, name: String, add: Bool) async throws -> [StoreChange] {
        throw ComputeError.notFound("Security group \(name) not found for project \(instance.projectID).")
    }
}
