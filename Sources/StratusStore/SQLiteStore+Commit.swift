import Foundation
import GRDB
import StratusCore

extension SQLiteStore: IdentityStore {
    /// Applies every change in one transaction: all or nothing.
    public func commit(_ changes: [StoreChange]) async throws {
        try await write { db in
            for change in changes { try Self.apply(change, db) }
        }
    }

    static func apply(_ change: StoreChange, _ db: Database) throws {
        switch change {
        case .insertDomain(let domain): try insert(domain, db)
        case .updateDomain(let domain): try update(domain, db)
        case .deleteDomain(let id, let version): try deleteRow("domains", id: id, version: version, db)
        case .insertProject(let project): try insert(project, db)
        case .updateProject(let project): try update(project, db)
        case .deleteProject(let id, let version): try deleteRow("projects", id: id, version: version, db)
        case .insertUser(let user): try insert(user, db)
        case .updateUser(let user): try update(user, db)
        case .deleteUser(let id, let version): try deleteRow("users", id: id, version: version, db)
        case .recordFailedLogin(let userID, let time, let windowStart): try recordFailedLogin(userID, time, windowStart, db)
        case .clearFailedLogins(let userID): try clearFailedLogins(userID, db)
        case .insertRole(let role): try insert(role, db)
        case .updateRole(let role): try update(role, db)
        case .deleteRole(let id, let version): try deleteRow("roles", id: id, version: version, db)
        case .insertGroup(let group): try insert(group, db)
        case .updateGroup(let group): try update(group, db)
        case .deleteGroup(let id, let version): try deleteRow("groups", id: id, version: version, db)
        case .insertMembership(let membership): try insert(membership, db)
        case .deleteMembership(let membership): try delete(membership, db)
        case .insertImplication(let rule): try insert(rule, db)
        case .deleteImplication(let rule): try delete(rule, db)
        case .insertAssignment(let assignment): try insert(assignment, db)
        case .deleteAssignment(let assignment): try delete(assignment, db)
        case .insertToken(let token): try insert(token, db)
        case .deleteToken(let hash):
            try db.execute(sql: "DELETE FROM tokens WHERE secret_hash = ?", arguments: [hash])
        case .deleteTokens(let userID):
            try db.execute(sql: "DELETE FROM tokens WHERE user_id = ?", arguments: [userID])
        case .deleteTokensExpired(let instant):
            try db.execute(sql: "DELETE FROM tokens WHERE expires_at < ?", arguments: [instant.timeIntervalSince1970])
        case .insertFlavor(let flavor): try insert(flavor, db)
        case .deleteFlavor(let id):
            try db.execute(sql: "DELETE FROM flavors WHERE id = ?", arguments: [id])
        case .setFlavorExtraSpecs(let flavorID, let specs):
            for (key, value) in specs {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO flavor_extra_specs (flavor_id, key, value) VALUES (?, ?, ?)",
                    arguments: [flavorID, key, value])
            }
        case .deleteFlavorExtraSpec(let flavorID, let key):
            try db.execute(sql: "DELETE FROM flavor_extra_specs WHERE flavor_id = ? AND key = ?", arguments: [flavorID, key])
        case .insertFlavorAccess(let flavorID, let projectID):
            try db.execute(
                sql: "INSERT OR IGNORE INTO flavor_projects (flavor_id, project_id) VALUES (?, ?)", arguments: [flavorID, projectID])
        case .deleteFlavorAccess(let flavorID, let projectID):
            try db.execute(
                sql: "DELETE FROM flavor_projects WHERE flavor_id = ? AND project_id = ?", arguments: [flavorID, projectID])
        case .setFlavorDescription(let flavorID, let description): try updateDescription(flavorID: flavorID, description, db)
        case .upsertComputeHost(let host): try upsert(host, db)
        case .recordHeartbeat(let hostID, let instant):
            try db.execute(
                sql: "UPDATE compute_hosts SET last_heartbeat = ? WHERE id = ?",
                arguments: [instant.timeIntervalSince1970, hostID])
        case .deleteComputeHost(let id, let name): try deleteHost(id: id, name: name, db)
        case .claimResources(let claim): try apply(claim, db)
        case .releaseClaim(let instanceID): try releaseClaim(instanceID: instanceID, db)
        case .renameClaim(let from, let to):
            try db.executeChecked(
                "UPDATE resource_claims SET instance_id = ? WHERE instance_id = ?", [to, from], what: "claim \(from)")
        case .requireKeypairQuota(let userID, let limit):
            let used = try Int.fetchOne(db, sql: "SELECT count(*) FROM keypairs WHERE user_id = ?", arguments: [userID]) ?? 0
            if limit >= 0, used + 1 > limit {
                throw StoreError.quotaExceeded(QuotaExceeded(resource: "key_pairs", requested: 1, used: used, limit: limit))
            }
        case .insertKeypair(let keypair): try insert(keypair, db)
        case .deleteKeypair(let userID, let name):
            try db.execute(sql: "DELETE FROM keypairs WHERE user_id = ? AND name = ?", arguments: [userID, name])
        case .requireInstanceQuota(let check): try require(check, db)
        case .insertInstance(let instance): try insert(instance, db)
        case .updateInstance(let instance): try update(instance, db)
        case .insertInstanceAction(let action): try insert(action, db)
        case .upsertInstanceActionEvent(let instanceID, let requestID, let event):
            try upsert(event, instanceID: instanceID, requestID: requestID, db)
        case .insertServerGroup(let group, let limit): try insert(group, quotaLimit: limit, db)
        case .deleteServerGroup(let id):
            try db.execute(sql: "DELETE FROM server_groups WHERE id = ?", arguments: [id])
        case .addServerGroupMember(let groupID, let instanceID, let limit):
            try addMember(groupID: groupID, instanceID: instanceID, quotaLimit: limit, db)
        case .requireGroupPlacement(let check): try require(check, db)
        case .insertMigration(let migration): try insert(migration, db)
        case .updateCurrentMigration(let instanceID, let status, let destination, let at):
            try updateCurrentMigration(instanceID: instanceID, status: status, destination: destination, at: at, db)
        case .setQuota(let projectID, let resource, let limit):
            try setQuota(projectID: projectID, resource: resource, limit: limit, db)
        case .insertAggregate(let aggregate): try insert(aggregate, db)
        case .updateAggregate(let aggregate): try update(aggregate, db)
        case .deleteAggregate(let uuid):
            try db.executeChecked("DELETE FROM aggregates WHERE uuid = ?", [uuid], what: "aggregate \(uuid)")
        case .addAggregateHost(let uuid, let host): try addHost(host, toAggregate: uuid, db)
        case .removeAggregateHost(let uuid, let host): try removeHost(host, fromAggregate: uuid, db)
        case .setQuotaClass(let className, let resource, let limit):
            try db.execute(
                sql: "INSERT OR REPLACE INTO quota_classes (class_name, resource, hard_limit) VALUES (?, ?, ?)",
                arguments: [className, resource, limit])
        case .deleteQuotas(let projectID):
            try db.execute(sql: "DELETE FROM quotas WHERE project_id = ?", arguments: [projectID])
        case .insertImage(let image): try insert(image, db)
        case .updateImage(let image): try update(image, db)
        case .insertImageMember(let member, let limit): try insert(member, limit: limit, db)
        case .updateImageMember(let member): try update(member, db)
        case .deleteImageMember(let imageID, let memberID):
            try db.execute(
                sql: "DELETE FROM image_members WHERE image_id = ? AND member_id = ?", arguments: [imageID, memberID])
        case .insertCertificate(let certificate): try insert(certificate, db)
        case .deleteCertificate(let id):
            try db.executeChecked("DELETE FROM signing_certificates WHERE id = ?", [id], what: "certificate \(id)")
        case .insertNetwork, .updateNetwork, .deleteNetwork, .insertSubnet, .updateSubnet, .deleteSubnet, .insertPort,
             .updatePort, .deletePort, .insertSecurityGroup, .updateSecurityGroup, .deleteSecurityGroup,
             .insertSecurityGroupRule, .deleteSecurityGroupRule:
            try applyNetwork(change, db)
        case .insertVolume, .updateVolume, .deleteVolume, .insertVolumeAttachment, .updateVolumeAttachment,
             .deleteVolumeAttachment:
            try applyVolume(change, db)
        case .requireProjectQuota, .setProjectQuota, .deleteProjectQuotas, .setProjectQuotaClass:
            try applyProjectQuota(change, db)
        case .insertJoinToken, .deleteJoinToken, .consumeJoinToken, .insertHostCredential, .revokeHostCredentials:
            try applyHostEnrollment(change, db)
        case .appendAudit(let record): try insert(record, db)
        }
    }

    /// Compare-and-set delete; dependants go by ON DELETE CASCADE.
    private static func deleteRow(_ table: String, id: String, version: Int, _ db: Database) throws {
        try db.executeChecked(
            "DELETE FROM \(table) WHERE id = ? AND version = ?", [id, version], what: "\(table) \(id)")
    }
}
