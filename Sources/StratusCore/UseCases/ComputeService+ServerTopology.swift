import Foundation

extension ComputeService {
    /// 2.78's `GET /servers/{id}/topology`. Stratus gives no guest an explicit
    /// NUMA layout (`hw:numa_nodes`, `hw:cpu_policy` and huge pages are not
    /// honoured: each guest is one unpinned node), so a server has no NUMA
    /// topology, which Nova shows as no nodes and no page size.
    public func serverTopology(_ caller: Caller, id: String) async throws -> GuestNUMATopology? {
        let instance = try await visibleInstance(caller, id: id)
        try authorize(.showServerTopology, caller, target: ["project_id": instance.projectID])
        return nil
    }
}

/// A guest's NUMA cells as Nova reports them (`nodes`, `pagesize_kb`); none yet in Stratus.
public struct GuestNUMATopology: Sendable, Equatable {
    public struct Node: Sendable, Equatable {
        public var vcpuSet: [Int]
        public var siblings: [[Int]]
        public var memoryMiB: Int
    }

    public var nodes: [Node]
    public var pageSizeKiB: Int?
}
