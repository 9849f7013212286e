import Foundation

extension ComputeService {
    /// Accepts a create: checks flavor, image, key pair, zone and quota, then
    /// commits the instances (state BUILD/scheduling, no host yet), their
    /// `create` actions and the audit record in one transaction. Placement is
    /// the scheduler reconciler's job, so a crash after this commit loses nothing.
    public func createServers(_ caller: Caller, _ draft: ServerDraft) async throws -> ServerCreation {
        try authorize(.createServer, caller)
        guard let projectID = caller.auth.project?.id else {
            throw ComputeError.badRequest("Servers can only be created with a project-scoped token.")
        }
        try ServerValidation.check(draft)
        if let certificates = draft.trustedImageCertificates, !certificates.isEmpty {
            try authorize(.createTrustedCerts, caller)
        }
        let flavor = try await bootFlavor(draft.flavorRef, caller)
        let image = try await bootImage(draft.imageRef, caller, trusting: draft.trustedImageCertificates)
        try ServerValidation.check(flavor: flavor, fits: image)
        let (kernelID, ramdiskID) = try await kernelAndRamdisk(of: image, caller)
        var keypair: Keypair?
        if let name = draft.keyName {
            keypair = try await store.keypair(userID: caller.auth.user.id, name: name)
            guard keypair != nil else { throw ComputeError.badRequest("Invalid key_name provided.") }
        }
        if let zone = draft.availabilityZone {
            try await requireZone(zone)
        }
        let requestedHost = try await requestedDestination(draft, caller)

        var group: ServerGroup?
        if let groupID = draft.groupID {
            group = try await store.serverGroup(id: groupID)
            guard let found = group, found.projectID == projectID || caller.auth.isCloudAdmin else {
                throw ComputeError.badRequest("Invalid server group: Group \(groupID) could not be found.")
            }
        }
        let limits = try await quotaLimits(projectID: projectID)
        try Self.checkInjectedFiles(draft.personality, limits)
        if draft.metadata.count > limits.metadataItems, limits.metadataItems >= 0 {
            throw ComputeError.forbidden("Quota exceeded for metadata_items: Requested \(draft.metadata.count), but already used 0 of \(limits.metadataItems) metadata_items")
        }
        // Nova makes as many as the quota allows between min and max; the
        // transaction's own check below is what guarantees it.
        let usage = try await store.instanceUsage(projectID: projectID)
        let count = Self.instanceCount(draft, flavor: flavor, usage: usage, projectID: projectID, limits: limits)

        let now = clock.now()
        let reservationID = "r-" + String(ids.newID().prefix(8))
        let instances = (0..<count).map { index in
            let id = ids.newUUID()
            var instance = Instance(
                id: id, name: count > 1 ? "\(draft.name)-\(index + 1)" : draft.name,
                projectID: projectID, userID: caller.auth.user.id, imageID: image.id, flavor: flavor,
                requestedZone: draft.availabilityZone, metadata: draft.metadata, keyName: keypair?.name,
                keyData: keypair?.publicKey, userData: draft.userData, accessIPv4: draft.accessIPv4,
                accessIPv6: draft.accessIPv6, description: draft.description, taskRequestID: caller.requestID,
                reservationID: reservationID,
                launchIndex: index, tags: ServerTags.normalized(draft.tags), createdAt: now,
                hostname: Self.hostname(draft.name, id: id, index: index, count: count), kernelID: kernelID,
                ramdiskID: ramdiskID, trustedImageCertificates: draft.trustedImageCertificates)
            instance.imageHardware = Instance.hardwareProperties(of: image)
            instance.requestedHost = requestedHost
            instance.placementHints = draft.placementHints.isEmpty ? nil : draft.placementHints
            return instance
        }
        return try await commitCreation(
            instances, caller: caller, draft: draft, group: group, limits: limits, flavor: flavor,
            reservationID: reservationID)
    }

    /// The servers, their ports, group memberships, actions and audit records in
    /// one transaction. An address another writer took meanwhile is planned
    /// again; one asked for by the user that is taken stays taken (Nova's 400).
    private func commitCreation(
        _ planned: [Instance], caller: Caller, draft: ServerDraft, group: ServerGroup?, limits: QuotaSet,
        flavor: Flavor, reservationID: String
    ) async throws -> ServerCreation {
        let attempts = 4
        for attempt in 1...attempts {
            var instances = planned
            let ports = try await networking.planServerPorts(ServerNetworkRequest(
                caller: caller, projectID: planned.first?.projectID ?? "", instanceIDs: instances.map(\.id),
                networks: draft.networks, securityGroups: draft.securityGroups))
            for index in instances.indices { instances[index].interfaces = ports.interfaces[instances[index].id] ?? [] }
            do {
                let changes = ports.changes + creationChanges(
                    instances, caller: caller, group: group, limits: limits, flavor: flavor)
                try await settling(ports) { try await store.commit(changes) }
            } catch StoreError.quotaExceeded(let exceeded) {
                throw ComputeError.forbidden(exceeded.message)
            } catch StoreError.duplicate where !ports.changes.isEmpty {
                if case .explicit(let choices) = draft.networks, let fixed = choices.compactMap(\.fixedIP).first {
                    throw ComputeError.badRequest("Fixed IP address \(fixed) is already in use on instance or network.")
                }
                if attempt < attempts { continue }
                throw ComputeError.conflict("Conflict allocating addresses for the servers; try again.")
            }
            wakeups.scheduler.ring()
            let adminPass = draft.adminPass ?? Self.generatedPassword(ids)
            return ServerCreation(instances: instances, adminPass: adminPass, reservationID: reservationID)
        }
        throw ComputeError.conflict("Conflict allocating addresses for the servers; try again.")
    }

    /// Runs the commit of a port plan, then lets its address reservations go.
    private func settling(_ plan: ServerPortPlan, _ commit: () async throws -> Void) async throws {
        do {
            try await commit()
        } catch {
            await networking.settle(plan)
            throw error
        }
        await networking.settle(plan)
    }

    private func creationChanges(
        _ instances: [Instance], caller: Caller, group: ServerGroup?, limits: QuotaSet, flavor: Flavor
    ) -> [StoreChange] {
        let projectID = instances.first?.projectID ?? ""
        let count = instances.count
        let now = instances.first?.createdAt ?? clock.now()
        var changes: [StoreChange] = [.requireInstanceQuota(InstanceQuotaCheck(
            projectID: projectID, instances: count, cores: count * flavor.vcpus, ramMiB: count * flavor.memoryMiB,
            limits: limits))]
        for instance in instances {
            changes.append(.insertInstance(instance))
            if let group {
                changes.append(.addServerGroupMember(
                    groupID: group.id, instanceID: instance.id, quotaLimit: limits.serverGroupMembers))
            }
            changes.append(.insertInstanceAction(InstanceAction(
                instanceID: instance.id, requestID: caller.requestID, action: "create", projectID: projectID,
                userID: caller.auth.user.id, startTime: now,
                events: [InstanceActionEvent(event: ServerEvents.schedule, startTime: now)])))
            changes.append(audit(caller, ComputePolicy.Action.createServer.rawValue, "server", instance.id))
        }
        return changes
    }

    /// A server the caller may see: its project's, or any for administrators.
    /// Others' servers are "not found", never "forbidden", as Nova answers.
    public func getServer(_ caller: Caller, id: String) async throws -> Instance {
        let instance = try await visibleInstance(caller, id: id)
        try authorize(.showServer, caller, target: ["project_id": instance.projectID])
        return instance
    }

    public func listServers(_ caller: Caller, _ requested: ServerListFilter, detail: Bool) async throws -> [Instance] {
        try authorize(detail ? .listServersDetail : .listServers, caller)
        var filter = requested
        if filter.allProjects {
            try authorize(detail ? .listServersDetailAllProjects : .listServersAllProjects, caller)
        } else {
            filter.projectID = caller.auth.project?.id ?? ""
        }
        // Nova lists deleted servers only when asked with changes-since/-before or deleted=true.
        let asksForChanges = filter.changesSince != nil || filter.changesBefore != nil
        if filter.includeDeleted && !caller.auth.isCloudAdmin && !asksForChanges { filter.includeDeleted = false }
        if asksForChanges { filter.includeDeleted = true }
        if let statuses = filter.statuses, statuses.asksForDeleted {
            guard caller.auth.isCloudAdmin else { throw ComputeError.forbidden("Only administrators may list deleted instances") }
            filter.includeDeleted = true
        }
        let pattern = try filter.namePattern.map { try Self.listPattern($0, field: "name") }
        // Nova's `ip`/`ip6`: Python `re.match`, anchored at the address's start.
        let ipPatterns = try filter.ipPatterns.map { try Self.listPattern($0, field: "ip") }
        if let marker = filter.marker, try await store.instance(id: marker) == nil {
            throw ComputeError.badRequest("marker [\(marker)] not found")
        }
        let limit = min(filter.limit ?? Self.maxListLimit, Self.maxListLimit)
        filter.limit = limit
        // The store pages only in Nova's default order with nothing left to
        // filter here; otherwise it returns every candidate and paging follows.
        let pagesHere = filter.namePattern != nil || filter.status != nil || filter.statuses != nil
            || filter.changesBefore != nil || !filter.ipPatterns.isEmpty || Self.filtersTags(filter)
            || filter.reservationID != nil
            || !ServerSortKey.isDefault(filter.sort)
        var storeFilter = filter
        if pagesHere {
            (storeFilter.limit, storeFilter.marker, storeFilter.namePattern, storeFilter.status) = (nil, nil, nil, nil)
        }
        var matches = try await store.instances(storeFilter).filter { instance in
            if let status = filter.status, instance.status != status { return false }
            if let statuses = filter.statuses, !statuses.matches(instance) { return false }
            if let pattern, (try? pattern.firstMatch(in: instance.name)) == nil { return false }
            if let before = filter.changesBefore, instance.updatedAt > before { return false }
            if let reservation = filter.reservationID, instance.reservationID != reservation { return false }
            for ipPattern in ipPatterns {
                let addresses = instance.interfaces.flatMap(\.addresses)
                if !addresses.contains(where: { (try? ipPattern.prefixMatch(in: $0)) != nil }) { return false }
            }
            return Self.matchesTags(instance, filter)
        }
        guard pagesHere else { return matches }
        if !ServerSortKey.isDefault(filter.sort) {
            matches.sort { ServerSortKey.precedes($0, $1, filter.sort) }
        }
        if let marker = filter.marker {
            guard let index = matches.firstIndex(where: { $0.id == marker }) else {
                throw ComputeError.badRequest("marker [\(marker)] not found")
            }
            matches = Array(matches[(index + 1)...])
        }
        // Nova's `max_limit`: no list is longer than 1000, asked or not.
        return Array(matches.prefix(limit))
    }

    static func filtersTags(_ filter: ServerListFilter) -> Bool {
        filter.tags != nil || filter.tagsAny != nil || filter.notTags != nil || filter.notTagsAny != nil
    }

    /// Nova's tag filters: all of `tags`, any of `tags-any`, not all of
    /// `not-tags`, none of `not-tags-any`.
    static func matchesTags(_ instance: Instance, _ filter: ServerListFilter) -> Bool {
        let tags = Set(instance.tags)
        if let all = filter.tags, !Set(all).isSubset(of: tags) { return false }
        if let any = filter.tagsAny, tags.isDisjoint(with: any) { return false }
        if let notAll = filter.notTags, !notAll.isEmpty, Set(notAll).isSubset(of: tags) { return false }
        if let notAny = filter.notTagsAny, !tags.isDisjoint(with: notAny) { return false }
        return true
    }

    /// Name, description and access addresses: no task, no host involved.
    /// A patch of fields no host or reconciler writes, so one that races an agent's
    /// report (the compare-and-set lost) is applied again to the fresh row rather than
    /// refused: the user's change and the host's are independent.
    public func updateServer(_ caller: Caller, id: String, _ patch: ServerPatch) async throws -> Instance {
        if let name = patch.name { try ServerValidation.checkName(name) }
        if let description = patch.description { try PrintableText.checkDescription(description, maxLength: 255) }
        let attempts = 10
        for attempt in 1...attempts {
            var instance = try await visibleInstance(caller, id: id)
            try authorize(.updateServer, caller, target: ["project_id": instance.projectID])
            if let name = patch.name { instance.name = name }
            if let description = patch.description { instance.description = description }
            if let address = patch.accessIPv4 { instance.accessIPv4 = address }
            if let address = patch.accessIPv6 { instance.accessIPv6 = address }
            instance.updatedAt = clock.now()
            do {
                try await store.commit([
                    .updateInstance(instance), audit(caller, ComputePolicy.Action.updateServer.rawValue, "server", id),
                ])
            } catch StoreError.versionConflict where attempt < attempts {
                // A little jitter, so writers that lost together do not collide again.
                try await Task.sleep(for: .microseconds(Int.random(in: 100...2_000)))
                continue
            } catch StoreError.versionConflict {
                throw Self.concurrentUpdate(id)
            }
            instance.version += 1
            return instance
        }
        throw Self.concurrentUpdate(id)
    }

    /// Deletes a server. One that never reached a host is finished here, in
    /// the same transaction; one on a host becomes `deleting`, and only its
    /// agent, having destroyed the guest, marks it deleted and frees its claim,
    /// so nothing is "deleted" on a host it never reached.
    ///
    /// A delete is retried when it races another writer (the scheduler placing
    /// the server, an agent reporting): the user asked for the server to go,
    /// whatever else was under way.
    public func deleteServer(_ caller: Caller, id: String, force: Bool = false) async throws {
        let policyAction: ComputePolicy.Action = force ? .forceDeleteServer : .deleteServer
        for attempt in 1...8 {
            let instance = try await visibleInstance(caller, id: id)
            try authorize(policyAction, caller, target: ["project_id": instance.projectID])
            try requireUnlocked(instance, caller)
            do {
                return try await transition(
                    instance, action: force ? .forceDelete : .delete, caller: caller, policyAction: policyAction)
            } catch let error as ComputeError where error == Self.concurrentUpdate(id) && attempt < 8 {
                continue
            }
        }
    }

    /// Nova's `[api] max_limit`.
    public static let maxListLimit = 1000

    // MARK: - Shared steps

    func visibleInstance(_ caller: Caller, id: String, includeDeleted: Bool = false) async throws -> Instance {
        guard let instance = try await store.instance(id: id), includeDeleted || !instance.isDeleted,
              caller.auth.isCloudAdmin || instance.projectID == caller.auth.project?.id
        else { throw ComputeError.notFound("Instance \(id) could not be found.") }
        return instance
    }

    /// The state machine's check, as the 409 the API answers.
    func requireState(_ action: ServerAction, _ instance: Instance) throws {
        do {
            try InstanceStateMachine.check(action, on: instance.state, instanceID: instance.id)
        } catch {
            throw error.computeError
        }
    }

    /// Nova's `check_instance_lock`: administrators pass, everyone else gets 409.
    func requireUnlocked(_ instance: Instance, _ caller: Caller) throws {
        if instance.lock != nil && !caller.auth.isCloudAdmin {
            throw ComputeError.conflict("Instance \(instance.id) is locked")
        }
    }

    func bootFlavor(_ reference: String, _ caller: Caller) async throws -> Flavor {
        guard let flavor = try await store.flavor(id: reference) else {
            throw ComputeError.badRequest("Flavor \(reference) could not be found.")
        }
        if !flavor.isPublic, !caller.auth.isCloudAdmin {
            let projects = try await store.flavorProjects(flavorID: flavor.id)
            guard let project = caller.auth.project?.id, projects.contains(project) else {
                throw ComputeError.badRequest("Flavor \(reference) could not be found.")
            }
        }
        return flavor
    }

    func bootImage(_ reference: String, _ caller: Caller, trusting certificates: [String]? = nil) async throws -> Image {
        let notFound = ComputeError.badRequest("Image \(reference) could not be found.")
        guard let image = try await images.bootImage(id: reference) else { throw notFound }
        let viewer = ImageViewer(caller.auth)
        var membership: ImageMember?
        if let project = viewer.projectID {
            membership = try await images.bootImageMembership(imageID: image.id, projectID: project)
        }
        // Visibility is the image API's own rule; any trust policy for images is
        // configured there, so creation of servers never reads looser.
        let access = ImageAccess(viewer: viewer, policy: .privateCloud)
        guard access.see(image, membership: membership) == .allowed else { throw notFound }
        // Deactivated, superseded, deprecated or (when required) unsigned: refused
        // for new boots only; servers already running from it are not touched.
        if let refusal = settings.imageBoot.refusal(for: image, requestedCertificates: certificates) {
            throw ComputeError.badRequest(refusal)
        }
        return image
    }

    /// 2.74's `host` and `hypervisor_hostname`: administrators only, and each must
    /// name a registered host (a host is its own single node, so both name the
    /// same one). Nova answers a name it does not know with this 400 at once;
    /// a known host that cannot take the server fails the build later.
    func requestedDestination(_ draft: ServerDraft, _ caller: Caller) async throws -> String? {
        let names = [draft.requestedHost, draft.requestedHypervisorHostname].compactMap { $0 }
        guard !names.isEmpty else { return nil }
        try authorize(.createRequestedDestination, caller)
        let hosts = try await store.computeHosts()
        var found: ComputeHost?
        for name in names {
            guard let host = hosts.first(where: { $0.name == name }), found == nil || found?.id == host.id else {
                throw ComputeError.badRequest("Compute host \(name) could not be found.")
            }
            found = host
        }
        return found?.name
    }

    func requireZone(_ zone: String) async throws {
        let hosts = try await store.computeHosts()
        guard hosts.contains(where: { $0.availabilityZone == zone }) else {
            throw ComputeError.badRequest("The requested availability zone is not available")
        }
    }

    /// As many servers as the quota allows between min and max (Nova's rule),
    /// computed directly; the transaction's own check is the guarantee.
    static func instanceCount(
        _ draft: ServerDraft, flavor: Flavor, usage: InstanceUsage, projectID: String, limits: QuotaSet
    ) -> Int {
        var allowed = draft.maxCount
        for (limit, used, each) in [(limits.instances, usage.instances, 1), (limits.cores, usage.cores, flavor.vcpus),
                                    (limits.ramMiB, usage.ramMiB, flavor.memoryMiB)] where limit >= 0 && each > 0 {
            allowed = min(allowed, max(0, limit - used) / each)
        }
        return max(draft.minCount, allowed)
    }

    /// Nova's `_populate_instance_names`: the sanitized name, indexed when a
    /// request makes several, `Server-<uuid>` when nothing of the name is left.
    static func hostname(_ name: String, id: String, index: Int, count: Int) -> String {
        let base = ServerHostname.sanitize(name)
        if base.isEmpty { return "Server-\(id)" }
        return count > 1 ? "\(base)-\(index + 1)" : base
    }

    /// Nova's `_handle_kernel_and_ramdisk`: the image's `kernel_id` and
    /// `ramdisk_id` properties, each an image the caller can boot; `nokernel`
    /// means neither.
    func kernelAndRamdisk(of image: Image, _ caller: Caller) async throws -> (String, String) {
        let kernel = image.extraProperties["kernel_id"]
        if kernel == "nokernel" { return ("", "") }
        var resolved: [String] = []
        for reference in [kernel, image.extraProperties["ramdisk_id"]] {
            guard let reference else {
                resolved.append("")
                continue
            }
            resolved.append(try await bootImage(reference, caller).id)
        }
        return (resolved[0], resolved[1])
    }

    /// Nova's `_check_injected_file_quota` (personality, below 2.57): the count
    /// first, then the longest path before the largest content.
    static func checkInjectedFiles(_ files: [InjectedFile], _ limits: QuotaSet) throws {
        guard !files.isEmpty else { return }
        if limits.injectedFiles >= 0, files.count > limits.injectedFiles {
            throw ComputeError.forbidden("Personality file limit exceeded")
        }
        let longestPath = files.map(\.path.count).max() ?? 0
        if limits.injectedFilePathBytes >= 0, longestPath > limits.injectedFilePathBytes {
            throw ComputeError.forbidden("Personality file path exceeds maximum \(limits.injectedFilePathBytes)")
        }
        let largest = files.map(\.contents.count).max() ?? 0
        if limits.injectedFileContentBytes >= 0, largest > limits.injectedFileContentBytes {
            throw ComputeError.forbidden("Personality file content exceeds maximum \(limits.injectedFileContentBytes)")
        }
    }

    /// Nova's 12-character admin password, shown once in the create response.
    static func generatedPassword(_ ids: any IdentifierSource) -> String {
        let alphabet = Array("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        return String(ids.randomBytes(12).map { alphabet[Int($0) % alphabet.count] })
    }
}

/// Fields `PUT /servers/{id}` may change.
public struct ServerPatch: Sendable, Equatable {
    public var name: String?
    public var description: String??
    public var accessIPv4: String?
    public var accessIPv6: String?

    public init(name: String? = nil, description: String?? = nil, accessIPv4: String? = nil, accessIPv6: String? = nil) {
        self.name = name
        self.description = description
        self.accessIPv4 = accessIPv4
        self.accessIPv6 = accessIPv6
    }
}

extension ComputeService {
    /// A list filter's regular expression, refused (400) when it could backtrack
    /// without bound (`BoundedRegex`) or does not compile.
    static func listPattern(_ pattern: String, field: String) throws -> Regex<AnyRegexOutput> {
        do {
            try BoundedRegex.check(pattern)
        } catch {
            throw ComputeError.badRequest("Invalid regular expression for \(field): \(error.description)")
        }
        do { return try Regex(pattern) } catch {
            throw ComputeError.badRequest("Invalid regular expression for \(field): \(pattern)")
        }
    }
}
