extension StoreSchema {
    /// Glance's image records, their tags, extra properties and members. Deleted
    /// images keep their row (status `deleted`) so an id is never reused. `owner`
    /// is not a foreign key: deleting a project leaves its images for an
    /// administrator to deal with, as Glance does.
    static let imagesV7 = """
        CREATE TABLE images (
            id TEXT PRIMARY KEY NOT NULL,
            name TEXT,
            status TEXT NOT NULL,
            visibility TEXT NOT NULL,
            owner TEXT,
            protected INTEGER NOT NULL DEFAULT 0,
            os_hidden INTEGER NOT NULL DEFAULT 0,
            container_format TEXT,
            disk_format TEXT,
            size INTEGER,
            virtual_size INTEGER,
            checksum TEXT,
            os_hash_algo TEXT,
            os_hash_value TEXT,
            min_disk INTEGER NOT NULL DEFAULT 0,
            min_ram INTEGER NOT NULL DEFAULT 0,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            version INTEGER NOT NULL
        );
        CREATE INDEX images_owner ON images (owner);
        CREATE INDEX images_status ON images (status);
        CREATE INDEX images_created ON images (created_at, id);
        CREATE TABLE image_tags (
            image_id TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE,
            tag TEXT NOT NULL,
            PRIMARY KEY (image_id, tag)
        );
        CREATE INDEX image_tags_tag ON image_tags (tag);
        CREATE TABLE image_properties (
            image_id TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (image_id, key)
        );
        CREATE TABLE image_members (
            image_id TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE,
            member_id TEXT NOT NULL,
            status TEXT NOT NULL,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            PRIMARY KEY (image_id, member_id)
        );
        CREATE INDEX image_members_member ON image_members (member_id);
        """
}
