import Foundation

/// What `rebuild` may change besides the image.
public struct RebuildRequest: Sendable, Equatable {
    public var imageRef: String
    public var name: String?
    public var metadata: [String: String]?
    public var adminPass: String?
    public var accessIPv4: String?
    public var accessIPv6: String?
    public var description: String??
    /// 2.54: another key pair of the caller's, or none (`.some(nil)`).
    public var keyName: String??
    /// 2.57: new user data, or none (`.some(nil)`); absent keeps it.
    public var userData: String??
    /// 2.63: new trusted certificate ids, or none (`.some(nil)`); absent keeps them.
    public var trustedImageCertificates: [String]??
    /// Below 2.57: files to inject, checked against the quotas.
    public var personality: [InjectedFile] = []

    public init(
        imageRef: String, name: String? = nil, metadata: [String: String]? = nil, adminPass: String? = nil,
        accessIPv4: String? = nil, accessIPv6: String? = nil, description: String?? = nil, keyName: String?? = nil,
        userData: String?? = nil, trustedImageCertificates: [String]?? = nil
    ) {
        self.keyName = keyName
        self.userData = userData
        self.trustedImageCertificates = trustedImageCertificates
        self.imageRef = imageRef
        self.name = name
        self.metadata = metadata
        self.adminPass = adminPass
        self.accessIPv4 = accessIPv4
        self.accessIPv6 = accessIPv6
        self.description = description
    }
}

extension ComputeService {
    /// Rebuilds a server from an image (the same or another): the image is
    /// checked as at create, the task is committed, and the host re-creates the
    /// guest. Returns the server as it is now and the admin password.
    public func rebuildServer(_ caller: Caller, id: String, _ request: RebuildRequest) async throws -> (Instance, String) {
        var instance = try await visibleInstance(caller, id: id)
        try authorize(.rebuildServer, caller, target: ["project_id": instance.projectID])
        try requireUnlocked(instance, caller)
        try requireState(.rebuild, instance)
        let trusted = request.trustedImageCertificates ?? instance.trustedImageCertificates
        let image = try await bootImage(request.imageRef, caller, trusting: trusted)
        try ServerValidation.check(flavor: instance.flavor, fits: image)
        if let name = request.name {
            try ServerValidation.checkName(name)
            instance.name = name
        }
        if let metadata = request.metadata {
            var draft = ServerDraft(name: instance.name, imageRef: image.id, flavorRef: instance.flavor.id)
            draft.metadata = metadata
            try ServerValidation.check(draft)
            instance.metadata = metadata
        }
        if let address = request.accessIPv4 { instance.accessIPv4 = address }
        if let address = request.accessIPv6 { instance.accessIPv6 = address }
        if let description = request.description {
            try PrintableText.checkDescription(description, maxLength: 255)
            instance.description = description
        }
        if let keyName = request.keyName {
            let keypair = try await keyName.asyncMap { name in
                guard let found = try await store.keypair(userID: caller.auth.user.id, name: name) else {
                    throw ComputeError.badRequest("Invalid key_name provided.")
                }
                return found
            }
            (instance.keyName, instance.keyData) = (keypair?.name, keypair?.publicKey)
        }
        if let userData = request.userData {
            if let userData {
                var probe = ServerDraft(name: instance.name, imageRef: image.id, flavorRef: instance.flavor.id)
                probe.userData = userData
                try ServerValidation.check(probe)
            }
            instance.userData = userData
        }
        if let certificates = request.trustedImageCertificates {
            try ServerValidation.checkTrustedCertificates(certificates)
            try authorize(.rebuildTrustedCerts, caller, target: ["project_id": instance.projectID])
            instance.trustedImageCertificates = certificates
        }
        if !request.personality.isEmpty {
            let limits = try await quotaLimits(projectID: instance.projectID)
            try Self.checkInjectedFiles(request.personality, limits)
        }
        (instance.kernelID, instance.ramdiskID) = try await kernelAndRamdisk(of: image, caller)
        instance.imageID = image.id
        instance.imageHardware = Instance.hardwareProperties(of: image)
        try await transition(instance, action: .rebuild, caller: caller, policyAction: .rebuildServer)
        return (try await visibleInstance(caller, id: id), request.adminPass ?? Self.generatedPassword(ids))
    }
}

extension Optional {
    /// `map` for an async transform.
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
