import Foundation
import StratusCore
@testable import StratusStore
import Testing

@Suite struct InterfacesColumnTests {
    @Test func portsSurviveTheRoundTripWhateverTheNetworkIsCalled() {
        let interfaces = [
            ServerInterface(portID: "p1", networkID: "n1", networkName: "shared", macAddress: "fa:16:3e:00:00:01",
                            addresses: ["10.0.0.2"], preserveOnDelete: false),
            ServerInterface(portID: "p2", networkID: "n2", networkName: "lab net, 100% ünïcode\nnew line=",
                            macAddress: "fa:16:3e:00:00:02", addresses: ["192.168.5.2", "192.168.5.3"], preserveOnDelete: true),
            ServerInterface(portID: "p3", networkID: "n3", networkName: "", macAddress: "fa:16:3e:00:00:03",
                            addresses: [], preserveOnDelete: false),
        ]
        #expect(InterfacesColumn.decode(InterfacesColumn.encode(interfaces)) == interfaces)
        #expect(InterfacesColumn.decode(InterfacesColumn.encode([])) == [])
        #expect(InterfacesColumn.decode(nil) == [])
        #expect(InterfacesColumn.decode("garbage line") == [])
    }
}
