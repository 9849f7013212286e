import Foundation

extension NetworkService {
    /// The caller's project gets its `default` group on first sight, as Neutron
    /// makes it. Administrators see every project's groups unless `ownProjectOnly`
    /// (Nova's proxy without `all_tenants`); others only ever their project's.
    public func securityGroups(
        _ caller: Caller, ownProjectOnly: Bool = false
    ) async throws -> [(SecurityGroup, [SecurityGroupRule])] {
        try authorize(.getSecurityGroup, caller, projectID: nil)
        if let project = caller.auth.project?.id { _ = try await defaultSecurityGroup(projectID: project) }
        let everyProject = caller.auth.isCloudAdmin && !ownProjectOnly
        let groups = try await store.securityGroups(projectID: everyProject ? nil : caller.auth.project?.id ?? "")
        return try await withRules(groups)
    }

    public func securityGroup(_ caller: Caller, id: String) async throws -> (SecurityGroup, [SecurityGroupRule]) {
        try authorize(.getSecurityGroup, caller, projectID: nil)
        let group = try await visibleGroup(caller, id: id)
        return (group, try await store.securityGroupRules(groupIDs: [id]))
    }

    public func createSecurityGroup(
        _ caller: Caller, _ draft: SecurityGroupDraft
    ) async throws -> (SecurityGroup, [SecurityGroupRule]) {
        let projectID = try owningProject(caller, requested: draft.projectID)
        try authorize(.createSecurityGroup, caller, projectID: projectID)
        try Self.requireName(draft.name)
        if draft.name == SecurityGroup.defaultName {
            throw NetworkError(.conflict, "SecurityGroupDefaultAlreadyExists", "Default security group already exists.")
        }
        _ = try await defaultSecurityGroup(projectID: projectID)
        let now = clock.now()
        let group = SecurityGroup(
            id: ids.newUUID(), name: draft.name, projectID: projectID, description: draft.description,
            stateful: draft.stateful, createdAt: now)
        // Neutron gives a new group its egress rules; ingress is the owner's to add.
        let rules = SecurityGroupRule.EtherType.allCases.map {
            SecurityGroupRule(id: ids.newUUID(), securityGroupID: group.id, projectID: projectID, direction: .egress,
                              ethertype: $0, createdAt: now)
        }
        // Its egress rules come with it, unchecked but counted, as Neutron makes them.
        try await commitCounted(
            [quotaCheck("security_group", projectID: projectID), .insertSecurityGroup(group)]
                + rules.map(StoreChange.insertSecurityGroupRule)
                + [audit(caller, .createSecurityGroup, "security_group", group.id)])
        return (group, rules)
    }

    public func updateSecurityGroup(
        _ caller: Caller, id: String, _ patch: SecurityGroupPatch
    ) async throws -> (SecurityGroup, [SecurityGroupRule]) {
        try await retryingConflicts {
            let group = try await visibleGroup(caller, id: id)
            try authorize(.updateSecurityGroup, caller, projectID: group.projectID)
            if group.isDefault, let name = patch.name, name != group.name {
                throw NetworkError(.conflict, "SecurityGroupCannotUpdateDefault", "Updating default security group not allowed.")
            }
            var next = group
            if let name = patch.name {
                try Self.requireName(name)
                if name == SecurityGroup.defaultName && !group.isDefault {
                    throw NetworkError(.conflict, "SecurityGroupDefaultAlreadyExists", "Default security group already exists.")
                }
                next.name = name
            }
            if let description = patch.description { next.description = description }
            next.revision += 1
            next.updatedAt = clock.now()
            try await store.commit([.updateSecurityGroup(next), audit(caller, .updateSecurityGroup, "security_group", id)])
            return (next, try await store.securityGroupRules(groupIDs: [id]))
        }
    }

    /// Refused while a port uses it; a project's `default` only by administrators.
    public func deleteSecurityGroup(_ caller: Caller, id: String) async throws {
        let group = try await visibleGroup(caller, id: id)
        try authorize(.deleteSecurityGroup, caller, projectID: group.projectID)
        if group.isDefault && !caller.auth.isCloudAdmin {
            throw NetworkError(.conflict, "SecurityGroupCannotRemoveDefault", "Insufficient rights for removing default security group.")
        }
        if try await store.portsUsing(securityGroupID: id) > 0 {
            throw NetworkError(.conflict, "SecurityGroupInUse", "Security Group \(id) in use.")
        }
        try await commitDelete(
            .deleteSecurityGroup(id: id), .deleteSecurityGroup, "security_group", id: id, caller: caller,
            notFound: .securityGroupNotFound(id))
    }

    public func securityGroupRules(_ caller: Caller) async throws -> [SecurityGroupRule] {
        try authorize(.getSecurityGroupRule, caller, projectID: nil)
        let groups = try await securityGroups(caller).map(\.0.id)
        return try await store.securityGroupRules(groupIDs: groups)
    }

    public func securityGroupRule(_ caller: Caller, id: String) async throws -> SecurityGroupRule {
        try authorize(.getSecurityGroupRule, caller, projectID: nil)
        guard let rule = try await store.securityGroupRule(id: id),
              (try? await visibleGroup(caller, id: rule.securityGroupID)) != nil
        else { throw NetworkError.ruleNotFound(id) }
        return rule
    }

    public func createSecurityGroupRule(_ caller: Caller, _ draft: SecurityGroupRuleDraft) async throws -> SecurityGroupRule {
        let group = try await visibleGroup(caller, id: draft.securityGroupID)
        try authorize(.createSecurityGroupRule, caller, projectID: group.projectID)
        if let remote = draft.remoteGroupID { _ = try await visibleGroup(caller, id: remote) }
        let rule = try SecurityGroupRuleValidation.rule(
            draft, id: ids.newUUID(), projectID: group.projectID, at: clock.now())
        if let same = try await store.securityGroupRules(groupIDs: [group.id]).first(where: rule.allowsSameTraffic) {
            throw NetworkError(.conflict, "SecurityGroupRuleExists", "Security group rule already exists. Rule id is \(same.id).")
        }
        try await commitCounted([
            quotaCheck("security_group_rule", projectID: group.projectID), .insertSecurityGroupRule(rule),
            audit(caller, .createSecurityGroupRule, "security_group_rule", rule.id),
        ])
        return rule
    }

    public func deleteSecurityGroupRule(_ caller: Caller, id: String) async throws {
        let rule = try await securityGroupRule(caller, id: id)
        try authorize(.deleteSecurityGroupRule, caller, projectID: rule.projectID)
        try await commitDelete(
            .deleteSecurityGroupRule(id: id), .deleteSecurityGroupRule, "security_group_rule", id: id, caller: caller,
            notFound: .ruleNotFound(id))
    }

    /// The project's `default` group, made with Neutron's four rules if missing.
    /// Two requests racing to make it meet the store's unique index; the loser
    /// reads the winner's.
    public func defaultSecurityGroup(projectID: String) async throws -> SecurityGroup {
        if let group = try await store.securityGroups(projectID: projectID).first(where: \.isDefault) { return group }
        let (group, rules) = SecurityGroup.projectDefault(
            id: ids.newUUID(), projectID: projectID, at: clock.now(), ruleIDs: { ids.newUUID() })
        do {
            try await store.commit([.insertSecurityGroup(group)] + rules.map(StoreChange.insertSecurityGroupRule))
            return group
        } catch StoreError.duplicate {
            guard let winner = try await store.securityGroups(projectID: projectID).first(where: \.isDefault) else {
                throw NetworkError(.conflict, "Conflict", "The default security group of \(projectID) could not be made.")
            }
            return winner
        }
    }

    func visibleGroup(_ caller: Caller, id: String) async throws -> SecurityGroup {
        guard let group = try await store.securityGroup(id: id),
              caller.auth.isCloudAdmin || group.projectID == caller.auth.project?.id
        else { throw NetworkError.securityGroupNotFound(id) }
        return group
    }

    func requireGroups(_ ids: [String], projectID: String, _ caller: Caller) async throws {
        for id in ids {
            guard let group = try await store.securityGroup(id: id), group.projectID == projectID || caller.auth.isCloudAdmin
            else { throw NetworkError.securityGroupNotFound(id) }
        }
    }

    func withRules(_ groups: [SecurityGroup]) async throws -> [(SecurityGroup, [SecurityGroupRule])] {
        let rules = Dictionary(grouping: try await store.securityGroupRules(groupIDs: groups.map(\.id)), by: \.securityGroupID)
        return groups.map { ($0, rules[$0.id] ?? []) }
    }
}
