@testable import StratusCore
import Testing

/// Glance's PATCH rules on one image, operation by operation.
@Suite struct ImagePatchTests {
    typealias Op = ImagePatchOperation

    static func image() -> Image {
        var image = ImageFixtures.image()
        image.extraProperties = ["os_distro": "cirros"]
        return image
    }

    static func applying(_ operations: [Op], dialect: ImagePatchDialect = .v21) throws(ImageError) -> Image {
        var image = image()
        for operation in operations { try image.apply(operation, dialect: dialect) }
        return image
    }

    static func failure(_ operation: Op, dialect: ImagePatchDialect = .v21) -> ImageError? {
        do {
            _ = try applying([operation], dialect: dialect)
            return nil
        } catch {
            return error
        }
    }

    @Test func addReplaceAndRemoveExtraProperties() throws {
        let image = try Self.applying([
            Op(.add, path: ["hw_rng_model"], value: .string("virtio")),
            Op(.replace, path: ["os_distro"], value: .string("ubuntu")),
            Op(.add, path: ["os_version"], value: .string("24.04")),
            Op(.remove, path: ["os_version"]),
        ])
        #expect(image.extraProperties == ["hw_rng_model": "virtio", "os_distro": "ubuntu"])
    }

    @Test func coreProperties() throws {
        let image = try Self.applying([
            Op(.replace, path: ["name"], value: .string("renamed")),
            Op(.add, path: ["min_ram"], value: .int(512)),
            Op(.replace, path: ["protected"], value: .bool(true)),
            Op(.add, path: ["tags"], value: .array([.string("a"), .string("b"), .string("a")])),
            Op(.replace, path: ["os_hidden"], value: .bool(true)),
            Op(.replace, path: ["visibility"], value: .string("shared")),
            Op(.replace, path: ["disk_format"], value: .null),
        ])
        #expect(image.name == "renamed")
        #expect(image.minRAM == 512)
        #expect(image.protected && image.osHidden)
        #expect(image.tags == ["a", "b"])
        #expect(image.visibility == .shared)
        #expect(image.diskFormat == nil)
    }

    @Test(arguments: ["status", "checksum", "size", "id", "created_at", "os_hash_value", "file", "self"])
    func readOnlyAttributesAreRefused(_ name: String) {
        for kind in [Op.Kind.add, .replace, .remove] {
            #expect(Self.failure(Op(kind, path: [name], value: .string("x"))) == .forbidden("Attribute '\(name)' is read-only."))
        }
    }

    @Test(arguments: ["locations", "deleted", "os_glance_import_task_x", "os_glance_failed_import"])
    func reservedAttributesAreRefused(_ name: String) {
        #expect(Self.failure(Op(.add, path: [name], value: .string("x"))) == .forbidden("Attribute '\(name)' is reserved."))
    }

    @Test func existenceRules() {
        #expect(Self.failure(Op(.replace, path: ["hw_missing"], value: .string("x")))
            == .conflict("Property hw_missing does not exist."))
        #expect(Self.failure(Op(.remove, path: ["hw_missing"])) == .conflict("Property hw_missing does not exist."))
        #expect(Self.failure(Op(.remove, path: ["name"])) == .forbidden("Property name may not be removed."))
        // v2.0 refuses to add what exists; v2.1 replaces it.
        #expect(Self.failure(Op(.add, path: ["os_distro"], value: .string("x")), dialect: .v20)
            == .conflict("Property os_distro already present."))
        #expect(Self.failure(Op(.add, path: ["name"], value: .string("x")), dialect: .v20)
            == .conflict("Property name already present."))
        #expect(Self.failure(Op(.add, path: ["os_distro"], value: .string("x")), dialect: .v21) == nil)
    }

    @Test func onlyTopLevelPaths() {
        #expect(Self.failure(Op(.add, path: ["tags", "0"], value: .string("x")))
            == .badRequest("Invalid JSON pointer for this resource: '/tags/0'"))
    }

    @Test func schemaTypes() {
        let refused: [(String, ImageFieldValue)] = [
            ("name", .int(1)), ("visibility", .string("everyone")), ("protected", .string("yes")),
            ("min_disk", .int(-1)), ("min_ram", .string("512")), ("disk_format", .string("exe")),
            ("container_format", .string("zip")), ("tags", .string("a")), ("tags", .array([.int(1)])),
            ("hw_rng_model", .int(1)), ("owner", .bool(true)), ("name", .string(String(repeating: "n", count: 256))),
        ]
        for (name, value) in refused {
            guard case .badRequest(let message) = Self.failure(Op(.replace, path: [name], value: value)) else {
                Issue.record("\(name) = \(value) was accepted")
                continue
            }
            #expect(message.hasPrefix("Provided object does not match schema 'image': "))
        }
    }
}
