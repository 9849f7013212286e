import Foundation

/// The networking part of the Store port. Writes go through `commit` (the same
/// transaction as a server's create or delete when compute asks for ports); the
/// store's unique indexes are the real guarantee against two ports taking one
/// address or MAC, or a project getting two `default` groups.
public protocol NetworkStore: ProjectQuotaStore {
    func network(id: String) async throws -> Network?
    /// Every network, oldest first (a cloud has few; filters are the core's).
    func networks() async throws -> [Network]
    func subnet(id: String) async throws -> Subnet?
    /// A network's subnets, or every subnet when nil, oldest first.
    func subnets(networkID: String?) async throws -> [Subnet]
    func port(id: String) async throws -> NetworkPort?
    /// Ports matching the store-side filters (nil: any), oldest first.
    func ports(projectID: String?, networkID: String?, deviceID: String?) async throws -> [NetworkPort]
    /// The ports of these servers, in one read.
    func ports(deviceIDs: [String]) async throws -> [NetworkPort]
    /// The names of the groups on each server's ports, in port then group order,
    /// in one read and without decoding ports (server lists show them).
    func securityGroupNames(deviceIDs: [String]) async throws -> [String: [String]]
    /// Up to `count` addresses of `subnet` no port holds, lowest first,
    /// drawn from its allocation pools.
    func freeAddresses(subnet: Subnet, count: Int) async throws -> [UInt32]
    func securityGroup(id: String) async throws -> SecurityGroup?
    /// A project's groups, or every group when nil, oldest first.
    func securityGroups(projectID: String?) async throws -> [SecurityGroup]
    func securityGroupRules(groupIDs: [String]) async throws -> [SecurityGroupRule]
    func securityGroupRule(id: String) async throws -> SecurityGroupRule?
    /// How many ports name the group.
    func portsUsing(securityGroupID: String) async throws -> Int
    func commit(_ changes: [StoreChange]) async throws
}
