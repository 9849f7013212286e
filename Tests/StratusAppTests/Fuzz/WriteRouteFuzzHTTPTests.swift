import Foundation
import HTTPTypes
import StratusOpenStack
import Testing

/// Valid bodies of the write routes, each mutated many times (one member given a
/// hostile value, removed, or joined by a stranger) and sent through the whole
/// stack as an administrator, so the values reach the use cases and the store.
/// Every answer must be below 500, and the server must still answer at the end.
@Suite("Mutated write bodies over HTTP")
struct WriteRouteFuzzHTTPTests {
    static let mutationsPerRoute = 40

    struct Route {
        var method: HTTPRequest.Method
        var path: String
        var version: String
        var body: JSONValue
        var contentType = "application/json"
    }

    @Test func mutatedBodiesAreAnsweredBelow500() async throws {
        try await TestCloud.run(bootImages: ServersHTTPTests.images) { cloud in
            let admin = try await cloud.token()
            let routes = try await Self.routes(cloud, admin)
            let keys = Array(Set(routes.flatMap { Self.keys(of: $0.body) })).sorted()
            var fuzz = FuzzJSON(seed: 21)
            for route in routes {
                for _ in 0..<Self.mutationsPerRoute {
                    let body = fuzz.mutate(route.body, keys: keys)
                    let reply = try await cloud.sendRaw(
                        route.method, route.path, token: admin, body: Array(try JSONEncoder().encode(body)),
                        contentType: route.contentType,
                        headers: [HTTPField.Name("OpenStack-API-Version")!: "compute \(route.version)", .accept: "application/json"])
                    #expect(reply.status.code < 500, "\(route.method) \(route.path) \(body): \(reply.status) \(reply.text.prefix(300))")
                }
            }
            #expect(try await cloud.send(.get, "/compute/v2.1/flavors", token: admin).status == .ok)
        }
    }

    /// The routes, with the resources their paths and bodies name made first.
    static func routes(_ cloud: TestCloud, _ admin: String) async throws -> [Route] {
        let image = JSONValue.string(ServerWorld.imageID)
        let project = try #require(try await cloud.send(.get, "/identity/v3/projects?name=admin", token: admin)
            .json?["projects"]?.arrayValue?.first?["id"]?.stringValue)
        let network = try #require(try await cloud.send(.post, "/network/v2.0/networks", token: admin,
            json: ["network": ["name": "fuzz"]]).json?["network"]?["id"]?.stringValue)
        let group = try #require(try await cloud.send(.get, "/network/v2.0/security-groups?name=default", token: admin)
            .json?["security_groups"]?.arrayValue?.first?["id"]?.stringValue)
        let server = try #require(try await cloud.send(.post, "/compute/v2.1/servers", token: admin,
            json: ["server": ["name": "target", "imageRef": image, "flavorRef": "1", "networks": "none"]],
            headers: [HTTPField.Name("OpenStack-API-Version")!: "compute 2.37"]).json?["server"]?["id"]?.stringValue)
        let volume = try #require(try await cloud.send(.post, "/volume/v3/volumes", token: admin,
            json: ["volume": ["size": 1]]).json?["volume"]?["id"]?.stringValue)
        let aggregate = try #require(try await cloud.send(.post, "/compute/v2.1/os-aggregates", token: admin,
            json: ["aggregate": ["name": "fuzz"]]).json?["aggregate"]?["id"])
        let created = try await cloud.send(.post, "/image/v2/images", token: admin,
                                           json: ["name": "fuzz", "disk_format": "raw", "container_format": "bare"])
        let ownImage = try #require(created.json?["id"]?.stringValue)
        let (s, n, g) = (JSONValue.string(server), JSONValue.string(network), JSONValue.string(group))
        let actions: [JSONValue] = [
            ["os-getConsoleOutput": ["length": 10]], ["createBackup": ["name": "b", "backup_type": "daily", "rotation": 1]],
            ["createImage": ["name": "i", "metadata": ["k": "v"]]], ["resize": ["flavorRef": "2"]],
            ["rebuild": ["imageRef": image, "name": "r", "metadata": ["k": "v"], "description": "d"]],
            ["os-migrateLive": ["host": nil, "block_migration": "auto"]], ["lock": ["locked_reason": "r"]],
            ["reboot": ["type": "HARD"]], ["addSecurityGroup": ["name": "default"]], ["migrate": ["host": "h"]],
        ]
        return actions.map { Route(method: .post, path: "/compute/v2.1/servers/\(server)/action", version: "2.80", body: $0) } + [
            Route(method: .post, path: "/compute/v2.1/servers", version: "2.80", body: ["server": [
                "name": "s", "imageRef": image, "flavorRef": "1", "networks": [["uuid": n, "fixed_ip": "10.9.0.5", "tag": "t"]],
                "min_count": 1, "max_count": 1, "metadata": ["k": "v"], "tags": ["t"], "description": "d",
                "block_device_mapping_v2": [["source_type": "image", "destination_type": "local", "uuid": image, "boot_index": 0]],
            ]]),
            Route(method: .put, path: "/compute/v2.1/servers/\(server)", version: "2.80",
                  body: ["server": ["name": "n", "description": "d", "accessIPv4": "1.2.3.4", "accessIPv6": "::1"]]),
            Route(method: .put, path: "/compute/v2.1/servers/\(server)/metadata", version: "2.80", body: ["metadata": ["k": "v"]]),
            Route(method: .put, path: "/compute/v2.1/servers/\(server)/tags", version: "2.80", body: ["tags": ["a", "b"]]),
            Route(method: .post, path: "/compute/v2.1/servers/\(server)/os-volume_attachments", version: "2.79", body: [
                "volumeAttachment": ["volumeId": .string(volume), "device": "/dev/vdb", "tag": "t", "delete_on_termination": false],
            ]),
            Route(method: .post, path: "/compute/v2.1/flavors", version: "2.80", body: ["flavor": [
                "name": "f", "id": "fuzz", "ram": 64, "vcpus": 1, "disk": 0, "swap": 0, "OS-FLV-EXT-DATA:ephemeral": 0,
                "rxtx_factor": .double(1.5), "description": "d", "os-flavor-access:is_public": true,
            ]]),
            Route(method: .post, path: "/compute/v2.1/flavors/1/os-extra_specs", version: "2.80",
                  body: ["extra_specs": ["hw:cpu_policy": "shared", "hw_rng:rate_bytes": "10"]]),
            Route(method: .post, path: "/compute/v2.1/flavors/1/action", version: "2.80", body: ["addTenantAccess": ["tenant": "x"]]),
            Route(method: .post, path: "/compute/v2.1/os-keypairs", version: "2.10", body: ["keypair": [
                "name": "k", "type": "ssh", "public_key": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJwYjWLXYMR11VTY3xwloCYkdAnOLu8J6dFi0kYm3dd7 x",
            ]]),
            Route(method: .post, path: "/compute/v2.1/os-server-groups", version: "2.64", body: [
                "server_group": ["name": "g", "policy": "anti-affinity", "rules": ["max_server_per_host": 2]],
            ]),
            Route(method: .put, path: "/compute/v2.1/os-quota-sets/\(project)", version: "2.1",
                  body: ["quota_set": ["cores": 40, "instances": 20, "ram": 102_400, "fixed_ips": -1]]),
            Route(method: .put, path: "/compute/v2.1/os-quota-class-sets/fuzz", version: "2.50", body: ["quota_class_set": ["cores": 40]]),
            Route(method: .post, path: "/compute/v2.1/os-aggregates/\(Self.plain(aggregate))/action", version: "2.80",
                  body: ["set_metadata": ["metadata": ["cpu_allocation_ratio": "2.0", "availability_zone": nil]]]),
            Route(method: .post, path: "/compute/v2.1/os-stratus-join-tokens", version: "2.80",
                  body: ["join_token": ["ttl_seconds": 600, "description": "d"]]),
            Route(method: .post, path: "/compute/v2.1/os-server-external-events", version: "2.80", body: ["events": [
                ["name": "network-changed", "server_uuid": s, "status": "completed", "tag": "t"],
            ]]),
            Route(method: .post, path: "/compute/v2.1/os-security-group-rules", version: "2.1", body: ["security_group_rule": [
                "parent_group_id": g, "ip_protocol": "tcp", "from_port": 1, "to_port": 2, "cidr": "10.0.0.0/8",
            ]]),
            Route(method: .post, path: "/compute/v2.1/os-volumes", version: "2.1", body: ["volume": ["size": 1, "display_name": "v"]]),
            Route(method: .post, path: "/network/v2.0/networks", version: "2.1", body: ["network": ["name": "n", "mtu": 1500]]),
            Route(method: .post, path: "/network/v2.0/subnets", version: "2.1", body: ["subnet": [
                "network_id": n, "cidr": "10.9.0.0/24", "ip_version": 4, "gateway_ip": "10.9.0.1", "dns_nameservers": ["8.8.8.8"],
                "allocation_pools": [["start": "10.9.0.10", "end": "10.9.0.20"]],
            ]]),
            Route(method: .post, path: "/network/v2.0/ports", version: "2.1", body: ["port": [
                "network_id": n, "name": "p", "fixed_ips": [["ip_address": "10.9.0.12"]], "security_groups": [g],
            ]]),
            Route(method: .post, path: "/network/v2.0/security-group-rules", version: "2.1", body: ["security_group_rule": [
                "security_group_id": g, "direction": "ingress", "protocol": "tcp", "port_range_min": 22, "port_range_max": 22,
                "remote_ip_prefix": "0.0.0.0/0", "ethertype": "IPv4",
            ]]),
            Route(method: .post, path: "/volume/v3/volumes", version: "2.1", body: ["volume": ["size": 1, "name": "v", "metadata": ["k": "v"]]]),
            Route(method: .post, path: "/image/v2/images", version: "2.1", body: [
                "name": "i", "disk_format": "raw", "container_format": "bare", "min_ram": 0, "min_disk": 0, "tags": ["t"], "x": "y",
            ]),
            Route(method: .patch, path: "/image/v2/images/\(ownImage)", version: "2.1",
                  body: [["op": "replace", "path": "/min_disk", "value": 1], ["op": "add", "path": "/x", "value": "y"]],
                  contentType: "application/openstack-images-v2.1-json-patch"),
            Route(method: .post, path: "/identity/v3/projects", version: "2.1",
                  body: ["project": ["name": "p", "domain_id": "default", "tags": ["a"]]]),
            Route(method: .post, path: "/identity/v3/users", version: "2.1", body: ["user": ["name": "u", "password": "p", "extra": 1]]),
            Route(method: .post, path: "/identity/v3/auth/tokens", version: "2.1",
                  body: TestCloud.passwordAuth("admin", TestCloud.adminPassword, "admin")),
            Route(method: .post, path: "/key-manager/v1/secrets", version: "2.1", body: [
                "name": "n", "secret_type": "certificate", "payload": "x", "payload_content_type": "text/plain",
            ]),
        ]
    }

    static func keys(of value: JSONValue) -> [String] {
        switch value {
        case .object(let members): Array(members.keys) + members.values.flatMap(keys(of:))
        case .array(let items): items.flatMap(keys(of:))
        default: []
        }
    }

    static func plain(_ value: JSONValue) -> String {
        switch value {
        case .int(let number): String(number)
        case .string(let text): text
        default: ""
        }
    }
}

extension FuzzJSON {
    /// `value` with one member, somewhere inside, replaced by a hostile value,
    /// removed, or joined by a stranger named from `keys`.
    mutating func mutate(_ value: JSONValue, keys: [String]) -> JSONValue {
        switch value {
        case .object(var members) where !members.isEmpty && below(4) > 0:
            let key = pick(members.keys.sorted())
            switch below(6) {
            case 0: members[key] = nil
            case 1: members[below(4) == 0 ? pick(FuzzJSON.strings) : pick(keys)] = self.value(keys: keys)
            default: members[key] = members[key].map { mutate($0, keys: keys) }
            }
            return .object(members)
        case .array(var items) where !items.isEmpty && below(4) > 0:
            if below(5) == 0 {
                items.append(self.value(keys: keys))
            } else {
                let index = below(items.count)
                items[index] = mutate(items[index], keys: keys)
            }
            return .array(items)
        default:
            return below(4) == 0 ? self.value(keys: keys) : scalar()
        }
    }
}
