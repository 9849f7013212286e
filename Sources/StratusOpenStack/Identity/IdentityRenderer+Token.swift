import Foundation
import StratusCore

extension IdentityRenderer {
    /// The token body of `POST/GET /v3/auth/tokens`. Unscoped tokens carry no
    /// roles and no catalog.
    func token(_ context: AuthContext, catalog: ServiceCatalog?) -> JSONValue {
        var token: [String: JSONValue] = [
            "methods": .array(context.token.methods.map(JSONValue.string)),
            "user": [
                "domain": ["id": .string(context.userDomain.id), "name": .string(context.userDomain.name)],
                "id": .string(context.user.id), "name": .string(context.user.name), "password_expires_at": nil,
            ],
            "audit_ids": [.string(context.token.auditID)],
            "expires_at": .string(Self.timestamp(context.token.expiresAt)),
            "issued_at": .string(Self.timestamp(context.token.issuedAt)),
        ]
        if let project = context.project, let domain = context.projectDomain {
            token["project"] = [
                "domain": ["id": .string(domain.id), "name": .string(domain.name)],
                "id": .string(project.id), "name": .string(project.name),
            ]
            token["is_domain"] = false
        }
        if let domain = context.domain {
            token["domain"] = ["id": .string(domain.id), "name": .string(domain.name)]
        }
        if context.system {
            token["system"] = ["all": true]
        }
        if context.project != nil || context.domain != nil || context.system {
            token["roles"] = .array(context.roles.map { ["id": .string($0.id), "name": .string($0.name)] })
            if let catalog { token["catalog"] = self.catalog(catalog) }
        }
        return ["token": .object(token)]
    }

    func catalog(_ catalog: ServiceCatalog) -> JSONValue {
        .array(catalog.services.map { service in
            [
                "id": .string(service.id), "type": .string(service.type), "name": .string(service.name),
                "endpoints": .array(service.endpoints.map(endpoint)),
            ]
        })
    }

    func endpoint(_ endpoint: ServiceCatalog.Endpoint) -> JSONValue {
        [
            "id": .string(endpoint.id), "interface": .string(endpoint.interface),
            "region": .string(endpoint.region), "region_id": .string(endpoint.region), "url": .string(endpoint.url),
        ]
    }
}
