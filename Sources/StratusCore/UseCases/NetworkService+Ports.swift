import Foundation

extension NetworkService {
    /// Administrators see every port; others their project's.
    public func ports(_ caller: Caller) async throws -> [NetworkPort] {
        try authorize(.getPort, caller, projectID: nil)
        return try await store.ports(
            projectID: caller.auth.isCloudAdmin ? nil : caller.auth.project?.id ?? "", networkID: nil, deviceID: nil)
    }

    public func port(_ caller: Caller, id: String) async throws -> NetworkPort {
        try authorize(.getPort, caller, projectID: nil)
        return try await visiblePort(caller, id: id)
    }

    public func createPort(_ caller: Caller, _ draft: PortDraft) async throws -> NetworkPort {
        let network = try await visibleNetwork(caller, id: draft.networkID)
        let projectID = try owningProject(caller, requested: draft.projectID)
        try authorize(.createPort, caller, projectID: projectID)
        try Self.requireName(draft.name)
        var groups = draft.securityGroupIDs
        if groups == nil { groups = [try await defaultSecurityGroup(projectID: projectID).id] }
        try await requireGroups(groups ?? [], projectID: projectID, caller)
        return try await retryingConflicts {
            var reserved: [String: Set<UInt32>] = [:]
            do {
                let port = try await planPort(
                    on: network, projectID: projectID, fixedIPs: draft.fixedIPs, securityGroupIDs: groups ?? [],
                    name: draft.name, description: draft.description, deviceID: draft.deviceID,
                    deviceOwner: draft.deviceOwner, macAddress: draft.macAddress, adminStateUp: draft.adminStateUp,
                    reserved: &reserved)
                try await commitPort(
                    [quotaCheck("port", projectID: projectID), .insertPort(port), audit(caller, .createPort, "port", port.id)], port)
                await reservations.release(reserved)
                return port
            } catch {
                await reservations.release(reserved)
                throw error
            }
        }
    }

    public func updatePort(_ caller: Caller, id: String, _ patch: PortPatch) async throws -> NetworkPort {
        try await retryingConflicts {
            let port = try await visiblePort(caller, id: id)
            try authorize(.updatePort, caller, projectID: port.projectID)
            var next = port
            if let name = patch.name { try Self.requireName(name); next.name = name }
            if let description = patch.description { next.description = description }
            if let up = patch.adminStateUp { next.adminStateUp = up }
            if let groups = patch.securityGroupIDs {
                try await requireGroups(groups, projectID: port.projectID, caller)
                next.securityGroupIDs = Self.unique(groups)
            }
            next.revision += 1
            next.updatedAt = clock.now()
            try await store.commit([.updatePort(next), audit(caller, .updatePort, "port", id)])
            return next
        }
    }

    /// A server's port is detached through the server (its addresses live in
    /// the server's record too), so deleting it here is refused.
    public func deletePort(_ caller: Caller, id: String) async throws {
        let port = try await visiblePort(caller, id: id)
        try authorize(.deletePort, caller, projectID: port.projectID)
        if port.deviceOwner == NetworkPort.computeOwner && !port.deviceID.isEmpty {
            throw NetworkError(.conflict, "PortInUse",
                               "Unable to complete operation on port \(id) for network \(port.networkID). The port is attached to server \(port.deviceID); delete the server or detach it first.")
        }
        try await commitDelete(.deletePort(id: id), .deletePort, "port", id: id, caller: caller, notFound: .portNotFound(id))
    }

    func visiblePort(_ caller: Caller, id: String) async throws -> NetworkPort {
        guard let port = try await store.port(id: id), caller.auth.isCloudAdmin || port.projectID == caller.auth.project?.id
        else { throw NetworkError.portNotFound(id) }
        return port
    }

    /// Commits a port, turning a taken address and a full quota into Neutron's 409s.
    func commitPort(_ changes: [StoreChange], _ port: NetworkPort) async throws {
        do {
            try await commitCounted(changes)
        } catch StoreError.duplicate {
            throw Self.addressTaken(port)
        }
    }

    static func addressTaken(_ port: NetworkPort) -> NetworkError {
        let addresses = port.fixedIPs.map(\.text).joined(separator: ", ")
        return NetworkError(.conflict, "IpAddressAlreadyAllocated",
                            "IP address \(addresses) already allocated in subnet \(port.fixedIPs.first?.subnetID ?? "").")
    }

    /// A port on `network` with its addresses chosen: each request's address
    /// when it names one (in a subnet of the network), else the lowest free one
    /// of the named or first subnet with room. `reserved` holds what this plan
    /// already took, so one request's ports never pick the same address; the
    /// store's unique index settles races with other writers.
    func planPort(
        on network: Network, projectID: String, fixedIPs requests: [PortDraft.FixedIPRequest]?,
        securityGroupIDs: [String], name: String = "", description: String = "", deviceID: String = "",
        deviceOwner: String = "", macAddress: String? = nil, adminStateUp: Bool = true,
        reserved: inout [String: Set<UInt32>]
    ) async throws -> NetworkPort {
        let subnets = try await store.subnets(networkID: network.id)
        var fixed: [NetworkPort.FixedIP] = []
        if let requests {
            for request in requests {
                fixed.append(try await address(for: request, on: network, subnets, &reserved))
            }
        } else if !subnets.isEmpty {
            var chosen: NetworkPort.FixedIP?
            for subnet in subnets {
                if let free = try await freeAddress(subnet, &reserved) {
                    chosen = NetworkPort.FixedIP(subnetID: subnet.id, address: free)
                    break
                }
            }
            guard let chosen else { throw Self.exhausted(network.id) }
            fixed.append(chosen)
        }
        if let mac = macAddress, !Self.isMAC(mac) {
            throw NetworkError.invalidInput("Invalid input for mac_address. Reason: '\(mac)' is not a valid MAC address")
        }
        return NetworkPort(
            id: ids.newUUID(), name: name, networkID: network.id, projectID: projectID, description: description,
            macAddress: macAddress?.lowercased() ?? NetworkPort.macAddress(ids.randomBytes(3)), fixedIPs: fixed,
            deviceID: deviceID, deviceOwner: deviceOwner, securityGroupIDs: Self.unique(securityGroupIDs),
            adminStateUp: adminStateUp, createdAt: clock.now())
    }

    private func address(
        for request: PortDraft.FixedIPRequest, on network: Network, _ subnets: [Subnet],
        _ reserved: inout [String: Set<UInt32>]
    ) async throws -> NetworkPort.FixedIP {
        var subnet: Subnet?
        if let id = request.subnetID {
            subnet = subnets.first { $0.id == id }
            guard subnet != nil else {
                throw NetworkError.invalidInput("Failed to create port on network \(network.id), because fixed_ips included invalid subnet \(id)")
            }
        }
        if let text = request.ipAddress {
            guard let address = IPv4.parse(text) else {
                throw NetworkError.invalidInput("Invalid input for ip_address. Reason: '\(text)' is not a valid IP address")
            }
            if subnet == nil { subnet = subnets.first { $0.range?.contains(address) == true } }
            guard let subnet, let range = subnet.range, range.contains(address) else {
                throw NetworkError.invalidInput("IP address \(text) is not a valid IP for the specified subnet")
            }
            guard address != range.first, address != range.last, subnet.gatewayIP != text else {
                throw NetworkError.invalidInput("IP address \(text) is not a valid IP for the specified subnet")
            }
            guard reserved[subnet.id, default: []].insert(address).inserted else {
                throw NetworkError(.conflict, "IpAddressAlreadyAllocated",
                                   "IP address \(text) already allocated in subnet \(subnet.id).")
            }
            return NetworkPort.FixedIP(subnetID: subnet.id, address: address)
        }
        guard let subnet = subnet ?? subnets.first else { throw Self.exhausted(network.id) }
        guard let free = try await freeAddress(subnet, &reserved) else { throw Self.exhausted(network.id) }
        return NetworkPort.FixedIP(subnetID: subnet.id, address: free)
    }

    /// The lowest address the store shows free that neither this plan nor another
    /// request in flight in this process holds.
    private func freeAddress(_ subnet: Subnet, _ reserved: inout [String: Set<UInt32>]) async throws -> UInt32? {
        let taken = reserved[subnet.id, default: []]
        let now = clock.now()
        // Others may reserve between the read and the reservation: ask for more then.
        var wanted = taken.count + (await reservations.count(subnetID: subnet.id, now: now)) + 1
        while true {
            let shown = try await store.freeAddresses(subnet: subnet, count: wanted)
            let candidates = shown.filter { !taken.contains($0) }
            if let free = await reservations.reserve(subnetID: subnet.id, candidates: candidates, now: now) {
                reserved[subnet.id, default: []].insert(free)
                return free
            }
            // Fewer than asked for: that is all the pool has left, and all of it is held.
            guard shown.count == wanted else { return nil }
            wanted *= 2
        }
    }

    static func exhausted(_ networkID: String) -> NetworkError {
        NetworkError(.conflict, "IpAddressGenerationFailure", "No more IP addresses available on network \(networkID).")
    }

    static func isMAC(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count == 6 && parts.allSatisfy { $0.count == 2 && $0.allSatisfy(\.isHexDigit) }
    }

    static func unique(_ ids: [String]) -> [String] {
        var seen = Set<String>()
        return ids.filter { seen.insert($0).inserted }
    }
}
