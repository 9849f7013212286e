import Foundation
import StratusCore
import Testing
@testable import StratusAgent

@Suite("What a guest's config drive holds")
struct ConfigDriveContentTests {
    let guest = GuestSpec(
        instanceID: "8c7e-uuid", name: "web 1", vcpus: 1, memoryMiB: 96, imageID: "ami-1",
        userData: Data("#!/bin/sh\necho hi\n".utf8).base64EncodedString(),
        metadata: GuestMetadata(
            projectID: "p1", hostname: "web-1", availabilityZone: "nova", launchIndex: 2, reservationID: "r-1",
            properties: ["role": "web"], keyName: "mykey", publicKey: "ssh-ed25519 AAAA me@host"))

    func json(_ files: [String: Data], _ path: String) throws -> [String: Any] {
        let data = try #require(files[path])
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func metaDataJSONHasNovasFields() throws {
        let files = try ConfigDriveContent.files(for: guest, randomSeed: [1, 2, 3])
        let meta = try json(files, "openstack/latest/meta_data.json")
        #expect(meta["uuid"] as? String == "8c7e-uuid")
        #expect(meta["name"] as? String == "web 1")
        #expect(meta["hostname"] as? String == "web-1")
        #expect(meta["availability_zone"] as? String == "nova")
        #expect(meta["launch_index"] as? Int == 2)
        #expect(meta["project_id"] as? String == "p1")
        #expect(meta["meta"] as? [String: String] == ["role": "web"])
        #expect(meta["public_keys"] as? [String: String] == ["mykey": "ssh-ed25519 AAAA me@host"])
        let keys = try #require(meta["keys"] as? [[String: String]])
        #expect(keys == [["name": "mykey", "type": "ssh", "data": "ssh-ed25519 AAAA me@host"]])
        #expect(meta["random_seed"] as? String == "AQID")
    }

    @Test func userDataIsDecodedBytesOnBothPaths() throws {
        let files = try ConfigDriveContent.files(for: guest)
        #expect(files["openstack/latest/user_data"] == Data("#!/bin/sh\necho hi\n".utf8))
        #expect(files["ec2/latest/user-data"] == files["openstack/latest/user_data"])
    }

    @Test func withoutKeyOrUserDataThoseAreLeftOut() throws {
        var bare = guest
        bare.userData = nil
        bare.metadata.keyName = nil
        bare.metadata.publicKey = nil
        let files = try ConfigDriveContent.files(for: bare)
        #expect(Set(files.keys) == ["openstack/latest/meta_data.json", "ec2/latest/meta-data.json"])
        let meta = try json(files, "openstack/latest/meta_data.json")
        #expect(meta["public_keys"] == nil && meta["keys"] == nil && meta["random_seed"] == nil)
    }

    @Test func ec2MetaDataUsesItsOwnNames() throws {
        let ec2 = try json(try ConfigDriveContent.files(for: guest), "ec2/latest/meta-data.json")
        #expect(ec2["ami-id"] as? String == "ami-1")
        #expect(ec2["instance-id"] as? String == "8c7e-uuid")
        #expect(ec2["ami-launch-index"] as? Int == 2)
        #expect(ec2["local-hostname"] as? String == "web-1")
        #expect(ec2["placement"] as? [String: String] == ["availability-zone": "nova"])
        #expect(ec2["public-keys"] as? [String: [String: String]] == ["0": ["openssh-key": "ssh-ed25519 AAAA me@host"]])
        #expect(ec2["reservation-id"] as? String == "r-1")
    }

    @Test func userDataThatIsNotBase64IsAnError() {
        var broken = guest
        broken.userData = "%%%"
        #expect(throws: DriverError.self) { try ConfigDriveContent.files(for: broken) }
    }

    @Test func theInstancesFieldsReachTheSpec() {
        let instance = Instance(
            id: "i-1", name: "Web", projectID: "p1", userID: "u1", imageID: "ami-1",
            flavor: Flavor(id: "f", name: "f", vcpus: 1, memoryMiB: 96, rootDiskGiB: 1), availabilityZone: "az1",
            metadata: ["a": "b"], keyName: "k", keyData: "ssh-rsa AAA", userData: "aGk=", reservationID: "r-9",
            launchIndex: 1, createdAt: Date(timeIntervalSince1970: 0))
        let spec = GuestSpec(instance)
        #expect(spec.rootDiskGiB == 1)
        #expect(spec.metadata == GuestMetadata(
            projectID: "p1", hostname: "web", availabilityZone: "az1", launchIndex: 1, reservationID: "r-9",
            properties: ["a": "b"], keyName: "k", publicKey: "ssh-rsa AAA"))
    }
}
