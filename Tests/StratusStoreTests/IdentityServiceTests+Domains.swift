import Foundation
import StratusCore
import Testing

extension IdentityServiceTests {
    /// Keystone's domain deletion rules.
    @Suite struct Domains {
        let world: IdentityWorld
        init() throws { world = try IdentityWorld() }

        @Test func enabledDomainMustBeDisabledBeforeDeletion() async throws {
            let admin = try await world.admin()
            let service = world.service
            let domain = try await service.createDomain(admin, DomainDraft(name: "Tenants"))
            let project = try await service.createProject(admin, ProjectDraft(name: "inside", domainID: domain.id))

            let refused = await identityError { try await service.deleteDomain(admin, id: domain.id) }
            #expect(refused == .forbidden("Cannot delete a domain that is enabled, please disable it first."))
            #expect(try await world.store.domain(id: domain.id) != nil)

            _ = try await service.updateDomain(admin, id: domain.id, DomainPatch(enabled: false))
            try await service.deleteDomain(admin, id: domain.id)
            #expect(try await world.store.domain(id: domain.id) == nil)
            #expect(try await world.store.project(id: project.id) == nil, "its projects go with it")
        }

        @Test func defaultDomainCannotBeDeleted() async throws {
            let admin = try await world.admin()
            let error = await identityError { try await world.service.deleteDomain(admin, id: Domain.defaultID) }
            #expect(error == .forbidden("The default domain cannot be deleted."))
            #expect(try await world.store.domain(id: Domain.defaultID) != nil)
        }

        @Test func unknownDomainIsNotFound() async throws {
            let admin = try await world.admin()
            let error = await identityError { try await world.service.deleteDomain(admin, id: "nope") }
            #expect(error == .notFound(kind: "domain", id: "nope"))
        }

        @Test func memberReadsOwnProjectsDomainOnly() async throws {
            let cast = try await world.cast()
            let other = try await world.service.createDomain(cast.admin, DomainDraft(name: "Elsewhere"))
            #expect(try await world.service.getDomain(cast.member, id: Domain.defaultID).id == Domain.defaultID)
            #expect(await identityError { _ = try await world.service.getDomain(cast.member, id: other.id) }?.isForbidden == true)
        }
    }
}
