import Foundation

extension NetworkService {
    /// The subnets of the networks the caller may see.
    public func subnets(_ caller: Caller) async throws -> [Subnet] {
        try authorize(.getSubnet, caller, projectID: nil)
        let visible = Set(try await store.networks().filter { $0.isVisible(to: caller.auth) }.map(\.id))
        return try await store.subnets(networkID: nil).filter { visible.contains($0.networkID) }
    }

    public func subnet(_ caller: Caller, id: String) async throws -> Subnet {
        try authorize(.getSubnet, caller, projectID: nil)
        guard let subnet = try await store.subnet(id: id),
              (try? await visibleNetwork(caller, id: subnet.networkID)) != nil
        else { throw NetworkError.subnetNotFound(id) }
        return subnet
    }

    public func createSubnet(_ caller: Caller, _ draft: SubnetDraft) async throws -> Subnet {
        let network = try await visibleNetwork(caller, id: draft.networkID)
        let projectID = try owningProject(caller, requested: draft.projectID ?? network.projectID)
        try authorize(.createSubnet, caller, projectID: network.projectID)
        try Self.requireName(draft.name)
        let subnet = try Self.planSubnet(draft, id: ids.newUUID(), projectID: projectID, at: clock.now())
        for other in try await store.subnets(networkID: network.id) {
            if let range = other.range, let mine = subnet.range, range.overlaps(mine) {
                throw NetworkError.invalidInput("Requested subnet with cidr: \(subnet.cidr) for network: \(network.id) overlaps with another subnet")
            }
        }
        try await commitCounted([
            quotaCheck("subnet", projectID: subnet.projectID), .insertSubnet(subnet),
            audit(caller, .createSubnet, "subnet", subnet.id),
        ])
        return subnet
    }

    public func updateSubnet(_ caller: Caller, id: String, _ patch: SubnetPatch) async throws -> Subnet {
        try await retryingConflicts {
            let subnet = try await self.subnet(caller, id: id)
            try authorize(.updateSubnet, caller, projectID: subnet.projectID)
            var next = subnet
            if let name = patch.name { try Self.requireName(name); next.name = name }
            if let description = patch.description { next.description = description }
            if let dhcp = patch.enableDHCP { next.enableDHCP = dhcp }
            if let servers = patch.dnsNameservers { next.dnsNameservers = try Self.nameservers(servers) }
            next.revision += 1
            next.updatedAt = clock.now()
            try await store.commit([.updateSubnet(next), audit(caller, .updateSubnet, "subnet", id)])
            return next
        }
    }

    /// Refused while a port holds one of its addresses (Neutron's SubnetInUse).
    public func deleteSubnet(_ caller: Caller, id: String) async throws {
        let subnet = try await self.subnet(caller, id: id)
        try authorize(.deleteSubnet, caller, projectID: subnet.projectID)
        let ports = try await store.ports(projectID: nil, networkID: subnet.networkID, deviceID: nil)
        if ports.contains(where: { $0.fixedIPs.contains { $0.subnetID == id } }) {
            throw NetworkError(.conflict, "SubnetInUse",
                               "Unable to complete operation on subnet \(id): One or more ports have an IP allocation from this subnet.")
        }
        try await commitDelete(
            .deleteSubnet(id: id), .deleteSubnet, "subnet", id: id, caller: caller, notFound: .subnetNotFound(id))
    }

    /// Neutron's subnet rules for IPv4: a CIDR without host bits, a gateway inside
    /// it (the first address by default), pools inside it, apart from each other
    /// and from the gateway.
    public static func planSubnet(_ draft: SubnetDraft, id: String, projectID: String, at now: Date) throws -> Subnet {
        guard draft.ipVersion == 4 || draft.ipVersion == 6 else {
            throw NetworkError.invalidInput("Invalid input for ip_version. Reason: '\(draft.ipVersion)' is not in [4, 6]")
        }
        guard draft.ipVersion == 4 else {
            throw NetworkError.badRequest("IPv6 subnets are not supported by this cloud.")
        }
        guard let range = IPv4Network(draft.cidr), range.prefixLength > 0 else {
            throw NetworkError.invalidInput("Invalid input for cidr. Reason: '\(draft.cidr)' is not a valid IP subnet")
        }
        if range.hasHostBits {
            throw NetworkError.invalidInput("'\(draft.cidr)' isn't a recognized IP subnet cidr, '\(range.text)' is recommended")
        }
        let gateway: UInt32?
        switch draft.gateway {
        case .none: gateway = nil
        case .automatic: gateway = range.prefixLength <= 30 ? range.first + 1 : nil
        case .address(let text):
            guard let address = IPv4.parse(text), range.contains(address), address != range.first,
                  address != range.last || range.prefixLength >= 31
            else { throw NetworkError.invalidInput("Gateway is not valid on subnet") }
            gateway = address
        }
        var pools: [Subnet.Pool]
        if let requested = draft.allocationPools {
            pools = try requested.map { pool in
                guard let start = IPv4.parse(pool.start), let end = IPv4.parse(pool.end), start <= end,
                      range.contains(start), range.contains(end)
                else {
                    throw NetworkError(.badRequest, "InvalidAllocationPool",
                                       "The allocation pool \(pool.start)-\(pool.end) spans beyond the subnet cidr \(range.text).")
                }
                return Subnet.Pool(start: start, end: end)
            }.sorted { $0.start < $1.start }
            for (earlier, later) in zip(pools, pools.dropFirst()) where later.start <= earlier.end {
                throw NetworkError(.badRequest, "OverlappingAllocationPools",
                                   "Found overlapping allocation pools: \(IPv4.format(earlier.start))-\(IPv4.format(earlier.end)) and \(IPv4.format(later.start))-\(IPv4.format(later.end)) for subnet \(range.text).")
            }
            if let gateway, let pool = pools.first(where: { $0.start <= gateway && gateway <= $0.end }) {
                throw NetworkError(.conflict, "GatewayConflictWithAllocationPools",
                                   "Gateway ip \(IPv4.format(gateway)) conflicts with allocation pool \(IPv4.format(pool.start))-\(IPv4.format(pool.end))")
            }
        } else {
            pools = Subnet.defaultPools(range, gateway: gateway)
        }
        return Subnet(
            id: id, name: draft.name, networkID: draft.networkID, projectID: projectID,
            description: draft.description, cidr: range.text, gatewayIP: gateway.map(IPv4.format),
            allocationPools: pools, enableDHCP: draft.enableDHCP, dnsNameservers: try nameservers(draft.dnsNameservers),
            createdAt: now)
    }

    static func nameservers(_ servers: [String]) throws -> [String] {
        for server in servers where IPv4.parse(server) == nil && !server.contains(":") {
            throw NetworkError.invalidInput("Invalid input for dns_nameservers. Reason: '\(server)' is not a valid nameserver")
        }
        if Set(servers).count != servers.count {
            throw NetworkError.invalidInput("Invalid input for dns_nameservers. Reason: Duplicate nameserver")
        }
        return servers
    }
}
