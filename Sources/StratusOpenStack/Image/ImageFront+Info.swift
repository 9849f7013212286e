import Hummingbird
import StratusCore

extension ImageFront {
    /// `/v2/info/import` and `/v2/info/stores`: what clients ask before choosing an
    /// upload path. No import method is offered (only the classic `PUT …/file`), and
    /// there is one store, so the stores list is Glance's 404 for a single backend.
    func addInfoRoutes(_ group: RouterGroup<Context>) {
        group.get("info/import") { _, _ in
            try Response.json([
                "import-methods": ["description": "Import methods available.", "type": "array", "value": []],
            ])
        }
        group.get("info/stores") { _, _ -> Response in
            throw APIError.notFound("Multi Backend support not enabled")
        }
    }
}
