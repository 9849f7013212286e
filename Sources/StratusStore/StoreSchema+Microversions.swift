extension StoreSchema {
    /// What Compute microversions up to 2.73 need stored: key pair types (2.2),
    /// flavor descriptions (2.55), the instance's hostname, kernel and ramdisk
    /// (2.3) and trusted image certificate ids (2.63, JSON list or NULL). An
    /// empty hostname (rows from before) is derived from the name when read.
    static let computeMicroversionsV11 = """
        ALTER TABLE keypairs ADD COLUMN type TEXT NOT NULL DEFAULT 'ssh';
        ALTER TABLE flavors ADD COLUMN description TEXT;
        ALTER TABLE instances ADD COLUMN hostname TEXT NOT NULL DEFAULT '';
        ALTER TABLE instances ADD COLUMN kernel_id TEXT NOT NULL DEFAULT '';
        ALTER TABLE instances ADD COLUMN ramdisk_id TEXT NOT NULL DEFAULT '';
        ALTER TABLE instances ADD COLUMN trusted_certs TEXT;
        """
}
