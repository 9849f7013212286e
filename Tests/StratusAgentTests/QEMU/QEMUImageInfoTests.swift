import Foundation
import Testing
@testable import StratusAgent

@Suite("What qemu-img says about a base image")
struct QEMUImageInfoTests {
    @Test func aPlainQcow2BaseIsAccepted() throws {
        let info = try QEMUImageInfo.parse(Data("""
            {"virtual-size": 16777216, "filename": "b", "cluster-size": 65536, "format": "qcow2",
             "actual-size": 200704, "format-specific": {"type": "qcow2", "data": {"compat": "1.1"}}, "dirty-flag": false}
            """.utf8))
        #expect(info == QEMUImageInfo(format: "qcow2", virtualSize: 16_777_216))
        #expect(info.refusal == nil)
    }

    @Test(arguments: [
        #"{"virtual-size": 1, "format": "qcow2", "backing-filename": "/etc/shadow"}"#,
        #"{"virtual-size": 1, "format": "qcow2", "format-specific": {"type": "qcow2", "data": {"data-file": "/dev/sda"}}}"#,
    ])
    func aBaseThatNamesAnotherFileIsRefused(_ json: String) throws {
        #expect(try QEMUImageInfo.parse(Data(json.utf8)).refusal != nil)
    }

    @Test func unexpectedOutputIsAnError() {
        #expect(throws: DriverError.self) { try QEMUImageInfo.parse(Data("[]".utf8)) }
    }
}
