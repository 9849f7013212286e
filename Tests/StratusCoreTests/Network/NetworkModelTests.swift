import Foundation
@testable import StratusCore
import Testing

@Suite("Networking model: addresses, subnets, rules")
struct NetworkModelTests {
    @Test("dotted quads parse strictly and format back")
    func ipv4() {
        #expect(IPv4.parse("10.0.0.1") == 0x0A00_0001)
        #expect(IPv4.format(0xC0A8_0101) == "192.168.1.1")
        for bad in ["10.0.0", "10.0.0.256", "10.0.0.01", "a.b.c.d", "10.0.0.1.2", "", "1..2.3"] {
            #expect(IPv4.parse(bad) == nil, "\(bad)")
        }
        let range = IPv4Network("10.1.0.0/16")
        #expect(range?.first == IPv4.parse("10.1.0.0"))
        #expect(range?.last == IPv4.parse("10.1.255.255"))
        #expect(IPv4Network("10.1.0.7/16")?.hasHostBits == true)
        #expect(IPv4Network("10.0.0.0/33") == nil)
        #expect(IPv4Network("10.0.0.0/24")!.overlaps(IPv4Network("10.0.0.128/25")!))
        #expect(!IPv4Network("10.0.0.0/25")!.overlaps(IPv4Network("10.0.0.128/25")!))
    }

    @Test("Neutron's default pool skips network, gateway and broadcast")
    func defaultPools() throws {
        let now = Date()
        var draft = SubnetDraft(networkID: "n", cidr: "192.168.0.0/24", ipVersion: 4)
        let subnet = try NetworkService.planSubnet(draft, id: "s", projectID: "p", at: now)
        #expect(subnet.gatewayIP == "192.168.0.1")
        #expect(subnet.allocationPools == [Subnet.Pool(start: IPv4.parse("192.168.0.2")!, end: IPv4.parse("192.168.0.254")!)])
        draft.gateway = .address("192.168.0.100")
        let split = try NetworkService.planSubnet(draft, id: "s", projectID: "p", at: now)
        #expect(split.allocationPools.count == 2)
        #expect(!split.allocatable(IPv4.parse("192.168.0.100")!))
        #expect(split.allocatable(IPv4.parse("192.168.0.1")!))
        draft.gateway = .address("10.0.0.1")
        #expect(throws: NetworkError.self) { try NetworkService.planSubnet(draft, id: "s", projectID: "p", at: now) }
        draft.gateway = .automatic
        draft.allocationPools = [("192.168.0.10", "192.168.0.20"), ("192.168.0.15", "192.168.0.30")]
        #expect(throws: NetworkError.self) { try NetworkService.planSubnet(draft, id: "s", projectID: "p", at: now) }
        draft.allocationPools = [("192.168.0.1", "192.168.0.20")]
        #expect(throws: NetworkError.self) { try NetworkService.planSubnet(draft, id: "s", projectID: "p", at: now) }
        var six = SubnetDraft(networkID: "n", cidr: "fd00::/64", ipVersion: 6)
        six.name = "v6"
        #expect(throws: NetworkError.badRequest("IPv6 subnets are not supported by this cloud.")) {
            try NetworkService.planSubnet(six, id: "s", projectID: "p", at: now)
        }
    }

    @Test("rules: direction, protocol, ports per protocol, remote and family agree")
    func rules() throws {
        func rule(_ edit: (inout SecurityGroupRuleDraft) -> Void) throws -> SecurityGroupRule {
            var draft = SecurityGroupRuleDraft(securityGroupID: "g", direction: "ingress")
            edit(&draft)
            return try SecurityGroupRuleValidation.rule(draft, id: "r", projectID: "p", at: Date())
        }
        let web = try rule { $0.protocolName = "TCP"; $0.portRangeMin = 80; $0.portRangeMax = 80; $0.remoteIPPrefix = "10.0.0.7" }
        #expect(web.protocolName == "tcp")
        #expect(web.remoteIPPrefix == "10.0.0.7")
        #expect(web.normalizedCIDR == "10.0.0.7/32")
        #expect(try rule { $0.remoteIPPrefix = "10.2.3.124/24" }.normalizedCIDR == "10.2.3.0/24")
        #expect(try rule { $0.protocolName = "icmp"; $0.portRangeMin = 8; $0.portRangeMax = 0 }.portRangeMin == 8)
        #expect(try rule { $0.protocolName = "any" }.protocolName == nil)
        #expect(try rule { $0.protocolName = "47" }.protocolName == "47")
        let refused: [(inout SecurityGroupRuleDraft) -> Void] = [
            { $0.direction = "sideways" },
            { $0.ethertype = "IPv5" },
            { $0.protocolName = "bogus" },
            { $0.protocolName = "256" },
            { $0.portRangeMin = 22 },
            { $0.protocolName = "tcp"; $0.portRangeMin = 0; $0.portRangeMax = 10 },
            { $0.protocolName = "tcp"; $0.portRangeMin = 90; $0.portRangeMax = 80 },
            { $0.protocolName = "icmp"; $0.portRangeMin = 300 },
            { $0.protocolName = "icmp"; $0.portRangeMax = 3 },
            { $0.protocolName = "gre"; $0.portRangeMin = 1 },
            { $0.remoteIPPrefix = "10.0.0.0/8"; $0.remoteGroupID = "g2" },
            { $0.ethertype = "IPv6"; $0.remoteIPPrefix = "10.0.0.0/8" },
            { $0.remoteIPPrefix = "not-a-prefix" },
        ]
        for edit in refused {
            #expect(throws: NetworkError.self) { try rule(edit) }
        }
        let same = try rule { $0.protocolName = "tcp"; $0.portRangeMin = 80; $0.portRangeMax = 80; $0.remoteIPPrefix = "10.0.0.7/32" }
        #expect(web.allowsSameTraffic(as: same))
        #expect(!web.allowsSameTraffic(as: try rule { $0.protocolName = "tcp"; $0.portRangeMin = 81; $0.portRangeMax = 81 }))
    }

    @Test("a project's default group: egress for both families, ingress from its own members")
    func defaultGroup() {
        var next = 0
        let (group, rules) = SecurityGroup.projectDefault(id: "g", projectID: "p", at: Date()) {
            next += 1
            return "r\(next)"
        }
        #expect(group.isDefault)
        #expect(rules.count == 4)
        #expect(rules.filter { $0.direction == .ingress }.allSatisfy { $0.remoteGroupID == "g" })
        #expect(rules.filter { $0.direction == .egress }.allSatisfy { $0.remoteGroupID == nil && $0.remoteIPPrefix == nil })
        #expect(Set(rules.map(\.id)).count == 4)
        #expect(NetworkPort.macAddress([0x0a, 0xb, 0xff]) == "fa:16:3e:0a:0b:ff")
    }

    @Test("reservations skip what is held, free what is released, forget what expired")
    func reservations() async {
        let held = AddressReservations()
        let now = Date(timeIntervalSince1970: 1_000)
        #expect(await held.reserve(subnetID: "s", candidates: [5, 6, 7], now: now) == 5)
        #expect(await held.reserve(subnetID: "s", candidates: [5, 6, 7], now: now) == 6)
        #expect(await held.reserve(subnetID: "t", candidates: [5], now: now) == 5)
        #expect(await held.count(subnetID: "s", now: now) == 2)
        await held.release(["s": [5]])
        #expect(await held.reserve(subnetID: "s", candidates: [5, 6, 7], now: now) == 5)
        #expect(await held.reserve(subnetID: "s", candidates: [5, 6], now: now) == nil)
        let later = now.addingTimeInterval(AddressReservations.lifetime + 1)
        #expect(await held.count(subnetID: "s", now: later) == 0)
        #expect(await held.reserve(subnetID: "s", candidates: [5], now: later) == 5)
    }
}
