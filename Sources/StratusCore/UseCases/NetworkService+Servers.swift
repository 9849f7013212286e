import Foundation

/// Compute's ports (`ServerNetworking`): planned here, committed by compute with
/// the servers they belong to. Nova's rules and words: with no networks asked for,
/// the one network the project can use (none: no port; several: 409); a port can
/// serve one server; groups are named in the project.
extension NetworkService: ServerNetworking {
    public func planServerPorts(_ request: ServerNetworkRequest) async throws -> ServerPortPlan {
        let choices: [ServerDraft.NetworkChoice]
        switch request.networks {
        case .none:
            return ServerPortPlan()
        case .auto:
            let usable = try await usableNetworks(projectID: request.projectID)
            guard let only = usable.first else { return ServerPortPlan() }
            guard usable.count == 1 else {
                throw ComputeError.conflict("Multiple possible networks found, use a Network ID to be more specific.")
            }
            choices = [ServerDraft.NetworkChoice(networkID: only.id)]
        case .explicit(let explicit):
            choices = explicit
        }
        if request.instanceIDs.count > 1, choices.contains(where: { $0.portID != nil }) {
            throw ComputeError.badRequest("Unable to launch multiple instances with a single configured port ID. Please launch your instance one by one with different ports.")
        }
        let groups = try await serverGroups(request.securityGroups, projectID: request.projectID)
        var plan = ServerPortPlan()
        var reserved: [String: Set<UInt32>] = [:]
        do {
            try await planPorts(choices, request, groups: groups, into: &plan, &reserved)
        } catch {
            await reservations.release(reserved)
            throw error
        }
        plan.addresses = reserved
        // The ports made here count against the project's port quota, as Neutron
        // counts the ports Nova makes; checked in the server's own transaction.
        let made = plan.changes.filter { if case .insertPort = $0 { true } else { false } }.count
        if made > 0 { plan.changes.insert(quotaCheck("port", projectID: request.projectID, adding: made), at: 0) }
        return plan
    }

    private func planPorts(
        _ choices: [ServerDraft.NetworkChoice], _ request: ServerNetworkRequest, groups: [SecurityGroup],
        into plan: inout ServerPortPlan, _ reserved: inout [String: Set<UInt32>]
    ) async throws {
        for instanceID in request.instanceIDs {
            var interfaces: [ServerInterface] = []
            for choice in choices {
                let (port, network, change, brought) = try await serverPort(
                    choice, instanceID: instanceID, request, groups: groups, &reserved)
                plan.changes.append(change)
                interfaces.append(ServerInterface(
                    portID: port.id, networkID: network.id, networkName: network.name, macAddress: port.macAddress,
                    addresses: port.fixedIPs.map(\.text), preserveOnDelete: brought))
            }
            plan.interfaces[instanceID] = interfaces
        }
    }

    public func settle(_ plan: ServerPortPlan) async {
        await reservations.release(plan.addresses)
    }

    public func releasePorts(of instance: Instance) async throws -> [StoreChange] {
        let ports = try await store.ports(deviceIDs: [instance.id])
        return ports.map { port in
            let brought = instance.interfaces.first { $0.portID == port.id }?.preserveOnDelete ?? false
            guard brought else { return .deletePort(id: port.id) }
            var unbound = port
            unbound.deviceID = ""
            unbound.deviceOwner = ""
            unbound.revision += 1
            unbound.updatedAt = clock.now()
            return .updatePort(unbound)
        }
    }

    public func securityGroupNames(of instances: [Instance]) async throws -> [String: [String]] {
        let withPorts = instances.filter { !$0.interfaces.isEmpty }.map(\.id)
        return withPorts.isEmpty ? [:] : try await store.securityGroupNames(deviceIDs: withPorts)
    }

    public func securityGroups(of instance: Instance) async throws -> [(SecurityGroup, [SecurityGroupRule])] {
        let ids = Self.unique(try await store.ports(deviceIDs: [instance.id]).flatMap(\.securityGroupIDs))
        var groups: [SecurityGroup] = []
        for id in ids { if let group = try await store.securityGroup(id: id) { groups.append(group) } }
        return try await withRules(groups)
    }

    public func changeSecurityGroup(
        _ caller: Caller, of instance: Instance, name: String, add: Bool
    ) async throws -> [StoreChange] {
        guard let group = try await serverGroups([name], projectID: instance.projectID).first else { return [] }
        let ports = try await store.ports(deviceIDs: [instance.id])
        guard !ports.isEmpty else {
            throw ComputeError.badRequest("Network requires port_security_enabled and subnet associated in order to apply security groups.")
        }
        if add, ports.allSatisfy({ $0.securityGroupIDs.contains(group.id) }) {
            throw ComputeError.badRequest("Security group \(name) is already associated with the instance \(instance.id)")
        }
        if !add, !ports.contains(where: { $0.securityGroupIDs.contains(group.id) }) {
            throw ComputeError.badRequest("Security group \(name) not associated with the instance \(instance.id)")
        }
        let now = clock.now()
        return ports.map { port in
            var next = port
            next.securityGroupIDs = add ? Self.unique(port.securityGroupIDs + [group.id])
                : port.securityGroupIDs.filter { $0 != group.id }
            next.revision += 1
            next.updatedAt = now
            return .updatePort(next)
        }
    }

    /// Groups by name (or id) in the project; none named means its `default`.
    /// Nova's 400 for one that is not there; a name two groups share is a 409.
    private func serverGroups(_ names: [String], projectID: String) async throws -> [SecurityGroup] {
        let fallback = try await defaultSecurityGroup(projectID: projectID)
        guard !names.isEmpty else { return [fallback] }
        let groups = try await store.securityGroups(projectID: projectID)
        return try Self.unique(names).map { name in
            if let byID = groups.first(where: { $0.id == name }) { return byID }
            let named = groups.filter { $0.name == name }
            guard let group = named.first else {
                throw ComputeError.badRequest("Security group \(name) not found for project \(projectID).")
            }
            guard named.count == 1 else {
                throw ComputeError.conflict("Multiple security groups found matching '\(name)'. Use an ID to be more specific.")
            }
            return group
        }
    }

    private func serverPort(
        _ choice: ServerDraft.NetworkChoice, instanceID: String, _ request: ServerNetworkRequest,
        groups: [SecurityGroup], _ reserved: inout [String: Set<UInt32>]
    ) async throws -> (NetworkPort, Network, StoreChange, brought: Bool) {
        if let portID = choice.portID {
            guard let port = try await store.port(id: portID),
                  port.projectID == request.projectID || request.caller.auth.isCloudAdmin,
                  let network = try await store.network(id: port.networkID)
            else { throw ComputeError.badRequest("Port \(portID) could not be found.") }
            guard port.deviceID.isEmpty else { throw ComputeError.conflict("Port \(portID) is still in use.") }
            var bound = port
            bound.deviceID = instanceID
            bound.deviceOwner = NetworkPort.computeOwner
            bound.revision += 1
            bound.updatedAt = clock.now()
            return (bound, network, .updatePort(bound), true)
        }
        let networkID = choice.networkID ?? ""
        guard let network = try await store.network(id: networkID),
              network.shared || network.projectID == request.projectID || request.caller.auth.isCloudAdmin
        else { throw ComputeError.badRequest("Network \(networkID) could not be found.") }
        if let fixed = choice.fixedIP, IPv4.parse(fixed) == nil {
            throw ComputeError.badRequest("Invalid fixed IP address (\(fixed))")
        }
        do {
            let port = try await planPort(
                on: network, projectID: request.projectID,
                fixedIPs: choice.fixedIP.map { [PortDraft.FixedIPRequest(ipAddress: $0)] },
                securityGroupIDs: groups.map(\.id), deviceID: instanceID, deviceOwner: NetworkPort.computeOwner,
                reserved: &reserved)
            return (port, network, .insertPort(port), false)
        } catch let error as NetworkError {
            throw error.status == .conflict ? ComputeError.conflict(error.message) : ComputeError.badRequest(error.message)
        }
    }
}
