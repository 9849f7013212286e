import Foundation

/// The files of a guest's config drive, as Nova lays them out (volume label
/// `config-2`): `openstack/latest/meta_data.json`, `network_data.json` (the
/// guest's ports), `user_data` when given, and the EC2 view under `ec2/latest/`. Pure: tested without any tool.
public enum ConfigDriveContent {
    public static let volumeLabel = "config-2"

    /// Relative path → bytes. `randomSeed`: Nova's `random_seed` (base64 in the JSON),
    /// entropy for a guest whose early boot has little.
    public static func files(for guest: GuestSpec, randomSeed: [UInt8] = []) throws -> [String: Data] {
        var files = [
            "openstack/latest/meta_data.json": try json(OpenStackMetaData(guest, randomSeed: randomSeed)),
            "openstack/latest/network_data.json": try json(NetworkData(guest.interfaces)),
            "ec2/latest/meta-data.json": try json(EC2MetaData(guest)),
        ]
        if let userData = try userData(guest) {
            files["openstack/latest/user_data"] = userData
            files["ec2/latest/user-data"] = userData
        }
        return files
    }

    /// The server's `user_data` is base64 on the API (validated there); the guest gets the bytes.
    static func userData(_ guest: GuestSpec) throws -> Data? {
        guard let encoded = guest.userData else { return nil }
        guard let data = Data(base64Encoded: encoded, options: .ignoreUnknownCharacters) else {
            throw DriverError("User data of \(guest.instanceID) is not base64")
        }
        return data
    }

    static func json(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }
}

/// `openstack/latest/meta_data.json`, Nova's names.
struct OpenStackMetaData: Encodable {
    struct Key: Encodable {
        var name: String
        var type = "ssh"
        var data: String
    }

    var uuid: String
    var name: String
    var hostname: String
    var availabilityZone: String?
    var launchIndex: Int
    var projectID: String
    var meta: [String: String]
    var publicKeys: [String: String]?
    var keys: [Key]?
    var randomSeed: String?
    var devices: [String] = []

    enum CodingKeys: String, CodingKey {
        case uuid, name, hostname, availabilityZone = "availability_zone", launchIndex = "launch_index"
        case projectID = "project_id", meta, publicKeys = "public_keys", keys, randomSeed = "random_seed", devices
    }

    init(_ guest: GuestSpec, randomSeed: [UInt8]) {
        let metadata = guest.metadata
        uuid = guest.instanceID
        name = guest.name
        hostname = metadata.hostname
        availabilityZone = metadata.availabilityZone
        launchIndex = metadata.launchIndex
        projectID = metadata.projectID
        meta = metadata.properties
        // Nova lists the key only when the server has a key pair.
        if let key = metadata.publicKey {
            let keyName = metadata.keyName ?? "key"
            publicKeys = [keyName: key]
            keys = [Key(name: keyName, data: key)]
        }
        self.randomSeed = randomSeed.isEmpty ? nil : Data(randomSeed).base64EncodedString()
    }
}

/// `ec2/latest/meta-data.json`: the EC2 metadata service's tree as one document.
struct EC2MetaData: Encodable {
    struct Placement: Encodable {
        var availabilityZone: String?
        enum CodingKeys: String, CodingKey { case availabilityZone = "availability-zone" }
    }
    struct OpenSSHKey: Encodable {
        var key: String
        enum CodingKeys: String, CodingKey { case key = "openssh-key" }
    }

    var amiID: String
    var launchIndex: Int
    var hostname: String
    var instanceID: String
    var placement: Placement
    var publicKeys: [String: OpenSSHKey]?
    var reservationID: String

    enum CodingKeys: String, CodingKey {
        case amiID = "ami-id", launchIndex = "ami-launch-index", hostname, instanceID = "instance-id"
        case localHostname = "local-hostname", placement, publicKeys = "public-keys", reservationID = "reservation-id"
    }

    init(_ guest: GuestSpec) {
        amiID = guest.imageID
        launchIndex = guest.metadata.launchIndex
        hostname = guest.metadata.hostname
        instanceID = guest.instanceID
        placement = Placement(availabilityZone: guest.metadata.availabilityZone)
        publicKeys = guest.metadata.publicKey.map { ["0": OpenSSHKey(key: $0)] }
        reservationID = guest.metadata.reservationID
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(amiID, forKey: .amiID)
        try container.encode(launchIndex, forKey: .launchIndex)
        try container.encode(hostname, forKey: .hostname)
        try container.encode(instanceID, forKey: .instanceID)
        try container.encode(hostname, forKey: .localHostname)
        try container.encode(placement, forKey: .placement)
        try container.encodeIfPresent(publicKeys, forKey: .publicKeys)
        try container.encode(reservationID, forKey: .reservationID)
    }
}
