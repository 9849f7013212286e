import Hummingbird

extension IdentityFront {
    func addVersionRoutes(_ group: RouterGroup<Context>) {
        group.get { _, _ in
            try Response.json(["versions": ["values": [versionDocument]]], status: .multipleChoices)
        }
        group.get("v3") { _, _ in
            try Response.json(["version": versionDocument])
        }
    }

    /// keystoneauth and tempest read all five fields; the link must be absolute.
    var versionDocument: JSONValue {
        [
            "id": "v3.14", "status": "stable", "updated": "2020-04-07T00:00:00Z",
            "links": [["rel": "self", "href": .string(render.v3 + "/")]],
            "media-types": [["base": "application/json", "type": "application/vnd.openstack.identity-v3+json"]],
        ]
    }
}
