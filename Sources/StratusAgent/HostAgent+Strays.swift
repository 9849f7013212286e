import Foundation
import StratusCore

/// Guests on this host that no live instance of it claims. The agent never decides
/// alone: it tells the control plane what it keeps about each (`GuestRecord`) and
/// destroys only what the verdict says to. A guest the control plane has no record
/// of may be a tenant's running VM (a restored control plane is older than the
/// host), so without an answer — the control plane unreachable — nothing is destroyed.
extension HostAgent {
    func settleUnclaimed(_ unclaimed: [String: PowerState], onError: @escaping @Sendable (any Error) -> Void) async throws {
        guard !unclaimed.isEmpty else { return }
        var guests: [UnclaimedGuest] = []
        for (id, power) in unclaimed.sorted(by: { $0.key < $1.key }) {
            var record: GuestRecord?
            do {
                record = try await driver.guestRecord(instanceID: id)
            } catch {
                onError(error)  // then it is a guest without a record, as the policy treats those
            }
            guests.append(UnclaimedGuest(instanceID: id, power: power, record: record))
        }
        let verdicts = try await controlPlane.strayGuests(hostID: host.id, guests: guests)
        for guest in guests where verdicts[guest.instanceID] == .destroy {
            do { try await driver.destroy(instanceID: guest.instanceID) } catch { onError(error) }
        }
    }
}
