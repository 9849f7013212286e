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
        #expect(Set(files.keys) == [
            "openstack/latest/meta_data.json", "openstack/latest/network_data.json", "ec2/latest/meta-data.json",
        ])
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

    /// Nova's `network_data.json`: a link per port, a static network per addressed
    /// port with its default route, and the name servers.
    @Test func networkDataDescribesEachPort() throws {
        var wired = guest
        wired.interfaces = [
            GuestInterface(
                portID: "0a1b2c3d-4e5f-6789", networkID: "net-1", macAddress: "fa:16:3e:00:00:05", mtu: 1450,
                address: "10.0.0.5", prefixLength: 16, gateway: "10.0.0.1", dnsNameservers: ["10.0.0.53"]),
            GuestInterface(portID: "ffff0000-1111", networkID: "net-2", macAddress: "fa:16:3e:00:00:06"),
        ]
        let data = try json(try ConfigDriveContent.files(for: wired), "openstack/latest/network_data.json")
        let links = try #require(data["links"] as? [[String: Any]])
        #expect(links.count == 2)
        #expect(links[0]["id"] as? String == "tap0a1b2c3d-4e")
        #expect(links[0]["ethernet_mac_address"] as? String == "fa:16:3e:00:00:05")
        #expect(links[0]["mtu"] as? Int == 1450)
        #expect(links[0]["vif_id"] as? String == "0a1b2c3d-4e5f-6789")
        let networks = try #require(data["networks"] as? [[String: Any]])
        #expect(networks.count == 1)  // the second port has no address
        #expect(networks[0]["link"] as? String == "tap0a1b2c3d-4e")
        #expect(networks[0]["type"] as? String == "ipv4")
        #expect(networks[0]["ip_address"] as? String == "10.0.0.5")
        #expect(networks[0]["netmask"] as? String == "255.255.0.0")
        #expect(networks[0]["network_id"] as? String == "net-1")
        #expect(networks[0]["routes"] as? [[String: String]] == [["network": "0.0.0.0", "netmask": "0.0.0.0", "gateway": "10.0.0.1"]])
        #expect(data["services"] as? [[String: String]] == [["type": "dns", "address": "10.0.0.53"]])
    }

    @Test func withoutPortsNetworkDataIsEmpty() throws {
        let data = try json(try ConfigDriveContent.files(for: guest), "openstack/latest/network_data.json")
        #expect((data["links"] as? [Any])?.isEmpty == true && (data["networks"] as? [Any])?.isEmpty == true)
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
