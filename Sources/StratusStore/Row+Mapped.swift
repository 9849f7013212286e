import GRDB

extension Row {
    /// Rows mapped while the statement still holds them. `fetchAll` and
    /// `fetchOne` copy each row first, and a copied row finds a column by name
    /// with a linear scan that lowercases every column name on the way; an
    /// instance row maps some forty columns by name, so a server list paid that
    /// scan thousands of times per request. A statement row looks names up in
    /// a dictionary built once per statement. Statements come from the
    /// connection's cache: preparing one runs GRDB's authorizer on every column
    /// of `SELECT *`, and SQLite re-prepares a cached one if the schema changes.
    static func fetchMapped<T>(
        _ db: Database, sql: String, arguments: StatementArguments = StatementArguments(),
        _ transform: (Row) throws -> T
    ) throws -> [T] {
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
        var mapped: [T] = []
        while let row = try rows.next() { mapped.append(try transform(row)) }
        return mapped
    }

    /// The first row mapped, as `fetchMapped`.
    static func fetchOneMapped<T>(
        _ db: Database, sql: String, arguments: StatementArguments = StatementArguments(),
        _ transform: (Row) throws -> T
    ) throws -> T? {
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
        return try rows.next().map(transform)
    }
}
