import Foundation

/// A server's security groups (Nova's proxy to the network service): the groups
/// on its ports, and `addSecurityGroup` / `removeSecurityGroup`, whose port
/// updates are committed with the instance action and audit record.
extension ComputeService {
    /// Group names per server for views; servers without ports are absent.
    public func securityGroupNames(_ instances: [Instance]) async throws -> [String: [String]] {
        try await networking.securityGroupNames(of: instances)
    }

    public func serverSecurityGroups(_ caller: Caller, id: String) async throws -> [(SecurityGroup, [SecurityGroupRule])] {
        let instance = try await visibleInstance(caller, id: id)
        try authorize(.listServerSecurityGroups, caller, target: ["project_id": instance.projectID])
        return try await networking.securityGroups(of: instance)
    }

    public func changeSecurityGroup(_ caller: Caller, id: String, name: String, add: Bool) async throws {
        let action: ComputePolicy.Action = add ? .addSecurityGroup : .removeSecurityGroup
        for attempt in 1...8 {
            let instance = try await visibleInstance(caller, id: id)
            try authorize(action, caller, target: ["project_id": instance.projectID])
            let changes = try await networking.changeSecurityGroup(caller, of: instance, name: name, add: add)
            do {
                return try await commitRecorded(
                    instance, action: add ? "addSecurityGroup" : "removeSecurityGroup", caller: caller,
                    policyAction: action, extra: changes)
            } catch let error as ComputeError where error == Self.concurrentUpdate(id) && attempt < 8 {
                continue
            }
        }
    }

    /// `GET /servers/{id}/ips`: the addresses by network name, as the server shows them.
    public func serverAddresses(_ caller: Caller, id: String) async throws -> Instance {
        let instance = try await visibleInstance(caller, id: id)
        try authorize(.listServerIPs, caller, target: ["project_id": instance.projectID])
        return instance
    }
}
