import Foundation

extension NetworkService {
    public static let sharedNetworkName = "shared"
    public static let defaultSharedCIDR = "10.0.0.0/16"

    /// The cloud's first start makes one shared network with a subnet, so every
    /// project's servers get an address with no setup (devstack's `shared`).
    /// Later starts leave networking alone: an operator who deletes it keeps it deleted.
    public func bootstrapSharedNetwork(ownerProjectID: String, cidr: String = defaultSharedCIDR) async throws -> Network {
        let now = clock.now()
        let network = Network(
            id: ids.newUUID(), name: Self.sharedNetworkName, projectID: ownerProjectID,
            description: "Shared by every project (made at the cloud's first start)", shared: true, createdAt: now)
        var draft = SubnetDraft(networkID: network.id, cidr: cidr, ipVersion: 4)
        draft.name = Self.sharedNetworkName + "-subnet"
        let subnet = try Self.planSubnet(draft, id: ids.newUUID(), projectID: ownerProjectID, at: now)
        let actor = AuditRecord(
            id: ids.newID(), time: now, requestID: "bootstrap", actorUserID: "", actorProjectID: nil,
            action: "network:bootstrap", targetType: "network", targetID: network.id)
        try await store.commit([.insertNetwork(network), .insertSubnet(subnet), .appendAudit(actor)])
        return network
    }
}

extension NetworkService {
    /// The first start's shared network's first subnet, if it is still there: what an
    /// all-in-one host's guest bridge is addressed from (its gateway), so the machine
    /// reaches its guests.
    public func sharedBootstrapSubnet() async throws -> Subnet? {
        guard let network = try await store.networks().first(where: { $0.shared && $0.name == Self.sharedNetworkName })
        else { return nil }
        return try await store.subnets(networkID: network.id).first
    }
}
