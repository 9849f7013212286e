import Foundation
import StratusCore

/// `record.json` in a guest's folder: what the control plane knew of the server when
/// the guest was made (`GuestRecord`), so the host can describe the guest to a
/// control plane that lost it (restored from an older backup).
extension QEMUDriver {
    public func guestRecord(instanceID: String) async throws -> GuestRecord? {
        let directory = directory(instanceID)
        guard FileManager.default.fileExists(atPath: directory.recordFile) else { return nil }
        return try JSONDecoder().decode(GuestRecord.self, from: Data(contentsOf: URL(fileURLWithPath: directory.recordFile)))
    }
}

extension QEMUInstanceDirectory {
    var recordFile: String { path + "/record.json" }

    func write(_ record: GuestRecord) throws {
        try JSONEncoder().encode(record).write(to: URL(fileURLWithPath: recordFile), options: .atomic)
    }
}
