import Foundation

/// A host without a hypervisor: guests are entries in memory with the same
/// idempotent contract as a real driver, so schedulers and reconcilers can be
/// exercised at scale on one machine.
public actor SimulatedDriver: HypervisorDriver {
    public nonisolated let kind = "simulated"
    private var guests: [String: (spec: GuestSpec, state: GuestPowerState)] = [:]

    public init() {}

    public func ensureRunning(_ guest: GuestSpec) async throws {
        if let existing = guests[guest.instanceID], existing.spec == guest {
            guests[guest.instanceID]?.state = .running
            return
        }
        guests[guest.instanceID] = (guest, .running)
    }

    public func ensureAbsent(instanceID: String) async throws {
        guests[instanceID] = nil
    }

    public func observedGuests() async throws -> [String: GuestPowerState] {
        guests.mapValues(\.state)
    }
}
