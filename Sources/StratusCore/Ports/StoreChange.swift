import Foundation

/// One write of a commit. A use case reads, decides, and hands the store a list
/// of changes that is applied in one transaction or not at all. Updates and
/// deletes carry the version that was read: the store applies them only if the
/// row still has that version (compare-and-set) and bumps it.
public enum StoreChange: Sendable, Equatable {
    case insertDomain(Domain)
    case updateDomain(Domain)
    case deleteDomain(id: String, version: Int)

    case insertProject(Project)
    case updateProject(Project)
    case deleteProject(id: String, version: Int)

    case insertUser(User)
    case updateUser(User)
    case deleteUser(id: String, version: Int)
    /// One more failed login (the run restarts when the last one is older than
    /// `windowStart`). Unversioned: it never conflicts with an administrator's edit.
    case recordFailedLogin(userID: String, at: Date, windowStart: Date)
    case clearFailedLogins(userID: String)

    case insertRole(Role)
    case updateRole(Role)
    case deleteRole(id: String, version: Int)

    case insertGroup(Group)
    case updateGroup(Group)
    case deleteGroup(id: String, version: Int)
    /// Idempotent, like grants.
    case insertMembership(GroupMembership)
    case deleteMembership(GroupMembership)

    case insertImplication(RoleImplication)
    case deleteImplication(RoleImplication)

    /// Idempotent: granting an existing assignment changes nothing.
    case insertAssignment(RoleAssignment)
    case deleteAssignment(RoleAssignment)

    case insertToken(TokenRecord)
    case deleteToken(secretHash: String)
    /// Revokes every token of a user (password change, disable).
    case deleteTokens(userID: String)
    /// Housekeeping: drop tokens that expired before this instant.
    case deleteTokensExpired(before: Date)

    case insertFlavor(Flavor)
    case deleteFlavor(id: String)
    /// Sets (inserts or replaces) these extra specs of a flavor.
    case setFlavorExtraSpecs(flavorID: String, specs: [String: String])
    case deleteFlavorExtraSpec(flavorID: String, key: String)
    case insertFlavorAccess(flavorID: String, projectID: String)
    case deleteFlavorAccess(flavorID: String, projectID: String)
    /// 2.55; `versionConflict` when the flavor is gone.
    case setFlavorDescription(flavorID: String, description: String?)

    /// Registers a host or updates what it offers; never touches its usage,
    /// which only claims change.
    case upsertComputeHost(ComputeHost)
    case recordHeartbeat(hostID: String, at: Date)
    /// A host leaves the cloud: its row, its aggregate memberships and any claims
    /// left on it (the core checks it runs nothing first).
    case deleteComputeHost(id: String, name: String)
    /// Adds the claim to its host only if it fits the host's limits at commit
    /// time (`insufficientCapacity` otherwise): the guarantee against over-commit.
    case claimResources(ResourceClaim)
    /// Gives an instance's claim back; releasing twice is harmless.
    case releaseClaim(instanceID: String)
    /// Moves a claim to another key (a confirmed migration's claim becomes the
    /// instance's own); the host's usage is unchanged.
    case renameClaim(from: String, to: String)

    /// Fails with `quotaExceeded` when the user already holds `limit` key pairs
    /// (-1: unlimited), counted inside the transaction.
    case requireKeypairQuota(userID: String, limit: Int)
    case insertKeypair(Keypair)
    case deleteKeypair(userID: String, name: String)

    /// Fails with `quotaExceeded` unless the project's live instances plus the
    /// check's amounts stay within its limits, counted inside the transaction.
    case requireInstanceQuota(InstanceQuotaCheck)
    case insertInstance(Instance)
    /// Compare-and-set on `version`; bumps it.
    case updateInstance(Instance)
    case insertInstanceAction(InstanceAction)
    /// Adds the event, or replaces the one of the same name (its finish).
    case upsertInstanceActionEvent(instanceID: String, requestID: String, InstanceActionEvent)
    /// Inserts the group after checking the project's `server_groups` quota.
    case insertServerGroup(ServerGroup, quotaLimit: Int)
    case deleteServerGroup(id: String)
    /// Adds the instance to the group after checking `server_group_members`.
    case addServerGroupMember(groupID: String, instanceID: String, quotaLimit: Int)
    /// Fails with `insufficientCapacity` when the placement breaks the group's rule.
    case requireGroupPlacement(GroupPlacementCheck)
    case insertMigration(ServerMigration)
    /// The instance's move in progress (its one migration not yet final) takes
    /// `status`, and `destination` when given; nothing when there is none.
    case updateCurrentMigration(instanceID: String, status: ServerMigration.Status, destination: String?, at: Date)
    case setQuota(projectID: String, resource: String, limit: Int)
    case deleteQuotas(projectID: String)
    /// Host aggregates: the aggregate (its name and metadata), and its hosts one at
    /// a time (a host already in it is `duplicate`; one not in it, or an aggregate
    /// that is gone, a `versionConflict`).
    case insertAggregate(HostAggregate)
    case updateAggregate(HostAggregate)
    case deleteAggregate(uuid: String)
    case addAggregateHost(uuid: String, host: String)
    case removeAggregateHost(uuid: String, host: String)
    /// A quota class's limit (`os-quota-class-sets`; the `default` class is every project's default).
    case setQuotaClass(className: String, resource: String, limit: Int)

    /// An image with its tags and extra properties.
    case insertImage(Image)
    /// Compare-and-set on `version`; bumps it and replaces tags and extra properties.
    case updateImage(Image)
    /// Fails with `quotaExceeded` when the image already has `limit` members.
    case insertImageMember(ImageMember, limit: Int)
    /// The member's status and `updatedAt`; `versionConflict` when it is gone.
    case updateImageMember(ImageMember)
    case deleteImageMember(imageID: String, memberID: String)

    case insertCertificate(StoredCertificate)
    /// Deleting what is not there is `versionConflict` (a concurrent delete won).
    case deleteCertificate(id: String)

    // Networking. Updates carry the new revision and apply only over the one
    // before it (compare-and-set); deleting what is gone is `versionConflict`.
    case insertNetwork(Network)
    case updateNetwork(Network)
    /// Its subnets go with it.
    case deleteNetwork(id: String)
    case insertSubnet(Subnet)
    case updateSubnet(Subnet)
    case deleteSubnet(id: String)
    /// The port's fixed IPs claim their addresses: one already held is `duplicate`.
    case insertPort(NetworkPort)
    case updatePort(NetworkPort)
    case deletePort(id: String)
    /// A project's second `default` group is `duplicate`.
    case insertSecurityGroup(SecurityGroup)
    case updateSecurityGroup(SecurityGroup)
    /// Its rules go with it.
    case deleteSecurityGroup(id: String)
    case insertSecurityGroupRule(SecurityGroupRule)
    case deleteSecurityGroupRule(id: String)

    // Block storage. A volume's update carries the new revision and applies only
    // over the one before it; deleting a volume that is gone or attached, or an
    // attachment that is gone, is `versionConflict`.
    case insertVolume(Volume)
    case updateVolume(Volume)
    case deleteVolume(id: String)
    /// A volume already attached is `duplicate`; one that is gone, `versionConflict`.
    case insertVolumeAttachment(VolumeAttachment)
    /// Replaces the attachment of that id if it is still in state `from`
    /// (`versionConflict` otherwise, or when it is gone).
    case updateVolumeAttachment(VolumeAttachment, from: VolumeAttachment.State)
    /// Only in state `state` when given.
    case deleteVolumeAttachment(id: String, state: VolumeAttachment.State?)

    // Cinder's and Neutron's per-project limits (apart from Nova's `setQuota`).
    /// Fails with `quotaExceeded` unless the project's count of the resource, read
    /// in this transaction, plus the check's amount stays within its limit.
    case requireProjectQuota(ProjectQuotaCheck)
    /// Sets (inserts or replaces) a project's limit for one resource of a service.
    case setProjectQuota(QuotaService, projectID: String, resource: String, limit: Int)
    /// Back to the defaults: every limit the project has for the service goes.
    case deleteProjectQuotas(QuotaService, projectID: String)
    /// A quota class's limit for one resource of a service.
    case setProjectQuotaClass(QuotaService, className: String, resource: String, limit: Int)

    // Host enrollment (remote compute agents).
    case insertJoinToken(JoinToken)
    /// Deleting a token that is gone is `versionConflict`.
    case deleteJoinToken(id: String)
    /// Marks the token used by `hostName`, only while it is unused and unexpired at
    /// `at` (`versionConflict` otherwise): one token enrolls one host, even when two
    /// enrollments race.
    case consumeJoinToken(id: String, hostName: String, at: Date)
    case insertHostCredential(HostCredential)
    /// Every credential of the host not yet revoked is revoked at `at`.
    case revokeHostCredentials(hostName: String, at: Date)

    case appendAudit(AuditRecord)
}
