import Foundation
import Hummingbird
import StratusCore

extension ComputeFront {
    /// `GET /servers/{id}/topology`, from 2.78 (404 before it, as the route does not exist).
    func addServerTopologyRoutes(_ group: RouterGroup<Context>) {
        group.get("servers/:id/topology") { _, context in
            guard context.computeVersion >= Microversion(2, 78) else { throw APIError.notFound() }
            let topology = try await compute.serverTopology(try context.caller(), id: try context.parameter("id"))
            let nodes: [JSONValue] = (topology?.nodes ?? []).map { node in
                [
                    "vcpu_set": .array(node.vcpuSet.map(JSONValue.int)),
                    "siblings": .array(node.siblings.map { .array($0.map(JSONValue.int)) }),
                    "memory_mb": .int(node.memoryMiB),
                ]
            }
            return try Response.json([
                "nodes": .array(nodes), "pagesize_kb": topology?.pageSizeKiB.map(JSONValue.int) ?? .null,
            ])
        }
    }
}
