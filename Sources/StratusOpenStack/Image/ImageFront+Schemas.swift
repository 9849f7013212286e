import Hummingbird
import StratusCore

extension ImageFront {
    /// `/v2/schemas/{image,images,member,members}`: the JSON schemas clients (and
    /// python-glanceclient before every PATCH) validate against.
    func addSchemaRoutes(_ group: RouterGroup<Context>) {
        group.get("schemas/image") { _, _ in try Response.json(ImageSchemas.image) }
        group.get("schemas/images") { _, _ in try Response.json(ImageSchemas.collection("images", of: ImageSchemas.image)) }
        group.get("schemas/member") { _, _ in try Response.json(ImageSchemas.member) }
        group.get("schemas/members") { _, _ in try Response.json(ImageSchemas.collection("members", of: ImageSchemas.member)) }
    }
}

/// Glance's schemas (`glance/api/v2/images.py` `get_base_properties`, `image_members.py`),
/// with the formats and hash algorithm this cloud uses.
enum ImageSchemas {
    static let uuidPattern: JSONValue =
        "^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$"

    static var image: JSONValue {
        let nullableString: JSONValue = ["null", "string"]
        func readOnly(_ type: JSONValue, _ description: String, _ extra: [String: JSONValue] = [:]) -> JSONValue {
            .object(["type": type, "readOnly": true, "description": .string(description)].merging(extra) { $1 })
        }
        let statuses = ImageStatus.allCases.map { JSONValue.string($0.rawValue) }
        let properties: [String: JSONValue] = [
            "id": ["type": "string", "description": "An identifier for the image", "pattern": uuidPattern],
            "name": ["type": nullableString, "description": "Descriptive name for the image", "maxLength": 255],
            "status": readOnly("string", "Status of the image", ["enum": .array(statuses)]),
            "visibility": ["type": "string", "description": "Scope of image accessibility",
                           "enum": ["community", "public", "private", "shared"]],
            "protected": ["type": "boolean", "description": "If true, image will not be deletable."],
            "os_hidden": ["type": "boolean",
                          "description": "If true, image will not appear in default image list response."],
            "checksum": readOnly(nullableString, "md5 hash of image contents.", ["maxLength": 32]),
            "os_hash_algo": readOnly(nullableString, "Algorithm to calculate the os_hash_value", ["maxLength": 64]),
            "os_hash_value": readOnly(nullableString, "Hexdigest of the image contents using the algorithm specified by the os_hash_algo", ["maxLength": 128]),
            "owner": ["type": nullableString, "description": "Owner of the image", "maxLength": 255],
            "size": readOnly(["null", "integer"], "Size of image file in bytes"),
            "virtual_size": readOnly(["null", "integer"], "Virtual size of image in bytes"),
            "container_format": ["type": nullableString, "description": "Format of the container",
                                 "enum": .array([.null] + ImageProperties.containerFormats.map(JSONValue.string))],
            "disk_format": ["type": nullableString, "description": "Format of the disk",
                            "enum": .array([.null] + ImageProperties.diskFormats.map(JSONValue.string))],
            "created_at": readOnly("string", "Date and time of image registration"),
            "updated_at": readOnly("string", "Date and time of the last image modification"),
            "tags": ["type": "array", "description": "List of strings related to the image",
                     "items": ["type": "string", "maxLength": 255]],
            "direct_url": readOnly("string", "URL to access the image file kept in external store"),
            "min_ram": ["type": "integer", "description": "Amount of ram (in MB) required to boot image.", "minimum": 0],
            "min_disk": ["type": "integer", "description": "Amount of disk space (in GB) required to boot image.",
                         "minimum": 0],
            "self": readOnly("string", "An image self url"),
            "file": readOnly("string", "An image file url"),
            "stores": readOnly("string", "Store in which image data resides."),
            "schema": readOnly("string", "An image schema url"),
            "locations": ["type": "array", "description": "A set of URLs to access the image file kept in external store",
                          "items": ["type": "object", "required": ["url", "metadata"],
                                    "properties": ["url": ["type": "string", "maxLength": 255], "metadata": ["type": "object"]]]],
        ]
        return [
            "name": "image", "properties": .object(properties),
            // Glance's PermissiveSchema: any other property is an extra property, a string.
            "additionalProperties": ["type": "string"],
            "links": [["rel": "self", "href": "{self}"], ["rel": "enclosure", "href": "{file}"],
                      ["rel": "describedby", "href": "{schema}"]],
        ]
    }

    static var member: JSONValue {
        [
            "name": "member",
            "properties": [
                "created_at": ["type": "string", "description": "Date and time of image member creation"],
                "image_id": ["type": "string", "description": "An identifier for the image", "pattern": uuidPattern],
                "member_id": ["type": "string", "description": "An identifier for the image member (tenantId)"],
                "schema": ["type": "string", "readOnly": true],
                "status": ["type": "string", "description": "The status of this image member",
                           "enum": ["pending", "accepted", "rejected"]],
                "updated_at": ["type": "string", "description": "Date and time of last modification of image member"],
            ],
        ]
    }

    /// Glance's `CollectionSchema`.
    static func collection(_ name: String, of item: JSONValue) -> JSONValue {
        [
            "name": .string(name),
            "properties": [
                name: ["type": "array", "items": item],
                "first": ["type": "string"], "next": ["type": "string"], "schema": ["type": "string"],
            ],
            "links": [["rel": "first", "href": "{first}"], ["rel": "next", "href": "{next}"],
                      ["rel": "describedby", "href": "{schema}"]],
        ]
    }
}
