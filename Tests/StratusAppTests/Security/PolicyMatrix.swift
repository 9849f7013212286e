import Foundation
import HTTPTypes
import StratusAgent
import StratusApp
import StratusCore
import StratusOpenStack
import Testing

// The policy matrix: for every action that has a policy rule, one HTTP request per
// persona × {own project, another project}, with the outcome written out by hand in
// each suite's table (PolicyMatrix+*.swift). docs/policy-matrix.md is the same table.
//
// A row's `cells` string is two halves, own | other, of six columns each, in the
// order of `Persona`:
//
//     reader  member  alpha-admin  admin-project-admin  system-admin  service
//
// Tokens: `ok` (2xx), `403`, `404`, `4xx` (403 or 404, the API does not say which),
// `409`, `501` (allowed by policy, then refused by the state machine or the driver:
// nothing here lets the action itself succeed, as in Nova),
// `--` (not applicable: no such target for that persona, or no route takes it).
// A trailing `!` marks a KNOWN defect: the token is the correct expectation, the cell
// runs inside `withKnownIssue` until the implementation is fixed (see the row's `known`).
//
// Own project: reader, member and alpha-admin hold their roles on project "alpha";
// the admin-project admin is the bootstrap `admin` on project `admin`; the service
// user holds `service` (only) on project "service". A system-scoped token has no
// project: its own column is `--` wherever the target belongs to a project, and is the
// action itself for cloud-wide targets (flavors, hosts, identities). The other project
// is always "beta" (a member "bob" owns its resources).
//
// Every denied cell re-reads its target (as the cloud admin) before and after and
// requires it unchanged. Allowed cells that change or delete their target get a fresh
// one made for that cell (`fresh`).

enum Persona: Int, CaseIterable, Sendable, CustomStringConvertible {
    case reader, member, projectAdmin, cloudAdmin, systemAdmin, service

    var description: String {
        ["reader", "member", "alpha-admin", "admin-project admin", "system admin", "service"][rawValue]
    }

    /// The project whose resources are the persona's own (nil: a system-scoped token).
    var home: Proj? {
        switch self {
        case .reader, .member, .projectAdmin: .alpha
        case .cloudAdmin: .admin
        case .systemAdmin: nil
        case .service: .service
        }
    }
}

enum Proj: String, CaseIterable, Sendable {
    case alpha, beta, admin, service
}

enum Side: Int, CaseIterable, Sendable, CustomStringConvertible {
    case own, other
    var description: String { self == .own ? "own" : "other" }
}

enum Expect: Sendable, Equatable, CustomStringConvertible {
    case ok, forbidden, notFound, denied, refused(Int), skip

    init(_ token: Substring) throws {
        switch token {
        case "ok": self = .ok
        case "403": self = .forbidden
        case "404": self = .notFound
        case "4xx": self = .denied
        case "--": self = .skip
        default:
            guard let code = Int(token), (400..<600).contains(code) else { throw MatrixError.badCell(String(token)) }
            self = .refused(code)
        }
    }

    var allowed: Bool { self == .ok }

    func matches(_ code: Int) -> Bool {
        switch self {
        case .ok: (200..<300).contains(code)
        case .forbidden: code == 403
        case .notFound: code == 404
        case .denied: code == 403 || code == 404
        case .refused(let expected): code == expected
        case .skip: true
        }
    }

    var description: String {
        switch self {
        case .ok: "2xx"
        case .forbidden: "403"
        case .notFound: "404"
        case .denied: "403/404"
        case .refused(let code): "\(code)"
        case .skip: "--"
        }
    }
}

enum MatrixError: Error {
    case badCell(String)
    case badRow(String)
}

struct Cell: Sendable {
    var expect: Expect
    var known: Bool
}

/// The twelve cells of a row, parsed from its hand-written string.
struct Cells: Sendable {
    var own: [Cell]
    var other: [Cell]

    init(_ text: String) throws {
        let halves = text.split(separator: "|")
        guard halves.count == 2 else { throw MatrixError.badRow(text) }
        func parse(_ half: Substring) throws -> [Cell] {
            let tokens = half.split(whereSeparator: \.isWhitespace)
            guard tokens.count == Persona.allCases.count else { throw MatrixError.badRow(text) }
            return try tokens.map { token in
                let known = token.hasSuffix("!")
                return Cell(expect: try Expect(known ? token.dropLast() : token), known: known)
            }
        }
        own = try parse(halves[0])
        other = try parse(halves[1])
    }

    subscript(side: Side, persona: Persona) -> Cell {
        (side == .own ? own : other)[persona.rawValue]
    }

    var count: Int { (own + other).filter { $0.expect != .skip }.count }
}

/// What a cell acts on: the project it belongs to and the ids its request needs.
struct Target: Sendable {
    var project: Proj
    var ids: [String: String] = [:]

    subscript(key: String) -> String { ids[key] ?? "missing-\(key)" }
}

/// Whether a cell gets a target of its own, made for it.
enum Fresh: Sendable {
    /// Every cell uses the project's shared target.
    case never
    /// Allowed cells (which change or delete it) get a fresh one.
    case allowed
    /// Every cell gets a fresh one (deletes, and actions that need a particular state).
    case always
}

/// One action: its rule, the request that exercises it and the hand-written outcomes.
struct Row: Sendable, CustomTestStringConvertible {
    var action: String
    var route: String
    var cells: String
    /// The defect behind the row's `!` cells.
    var known: String?
    var fresh: Fresh
    /// The target in a project; `fresh` asks for a new one.
    var target: @Sendable (MatrixWorld, Proj, _ fresh: Bool) async throws -> Target
    /// Sends the request; answers the status (or, for attribute rules, 200 when shown, 403 when hidden).
    var request: @Sendable (MatrixWorld, Persona, Target) async throws -> Int
    /// The target's state, read as the cloud admin; a denied cell must leave it equal.
    var probe: (@Sendable (MatrixWorld, Target) async throws -> JSONValue?)?

    init(
        _ action: String, _ route: String, _ cells: String, known: String? = nil, fresh: Fresh = .never,
        target: @escaping @Sendable (MatrixWorld, Proj, _ fresh: Bool) async throws -> Target = { _, project, _ in Target(project: project) },
        probe: (@Sendable (MatrixWorld, Target) async throws -> JSONValue?)? = nil,
        request: @escaping @Sendable (MatrixWorld, Persona, Target) async throws -> Int
    ) {
        self.action = action
        self.route = route
        self.cells = cells
        self.known = known
        self.fresh = fresh
        self.target = target
        self.request = request
        self.probe = probe
    }

    var testDescription: String { "\(action) — \(route)" }

    /// Runs every cell of the row.
    func run(in world: MatrixWorld) async throws {
        let cells = try Cells(self.cells)
        for side in Side.allCases {
            for persona in Persona.allCases {
                let cell = cells[side, persona]
                guard cell.expect != .skip else { continue }
                let project: Proj = side == .other ? .beta : (persona.home ?? .admin)
                let wantsFresh = fresh == .always || (fresh == .allowed && cell.expect.allowed)
                let target = try await self.target(world, project, wantsFresh)
                let before = try await probe?(world, target)
                let label = "\(action) \(route) [\(persona) → \(side) \(project.rawValue)]"
                let check: @Sendable () async throws -> Void = {
                    let code = try await request(world, persona, target)
                    #expect(cell.expect.matches(code), "\(label): got \(code), expected \(cell.expect)")
                    if !cell.expect.allowed, let probe {
                        let after = try await probe(world, target)
                        #expect(after == before, "\(label): denied, yet changed \(String(describing: before)) → \(String(describing: after))")
                    }
                }
                if cell.known {
                    await withKnownIssue("KNOWN: \(known ?? "defect") [\(persona) → \(side)]") { try await check() }
                } else {
                    try await check()
                }
            }
        }
    }
}

/// One cloud per suite, shared by the suite's rows (its parameterized test cases) and
/// closed when the last row has run.
actor MatrixCloud {
    private let rows: Int
    private let setup: @Sendable (MatrixWorld) async throws -> Void
    private var started: Task<MatrixWorld, any Error>?
    private var finished = 0
    private var hold: CheckedContinuation<Void, Never>?
    private var closed = false

    init(rows: Int, setup: @escaping @Sendable (MatrixWorld) async throws -> Void = { _ in }) {
        self.rows = rows
        self.setup = setup
    }

    /// Runs one row in the shared world.
    func run(_ row: Row) async throws {
        do {
            try await row.run(in: try await world())
        } catch {
            rowFinished()
            throw error
        }
        rowFinished()
    }

    private func world() async throws -> MatrixWorld {
        if let started { return try await started.value }
        let setup = self.setup
        let task = Task<MatrixWorld, any Error> {
            try await withCheckedThrowingContinuation { (ready: CheckedContinuation<MatrixWorld, any Error>) in
                Task {
                    let delivered = MatrixFlag()
                    do {
                        try await TestCloud.run(configure: { $0.loginRate = nil }) { cloud in
                            let world = try await MatrixWorld.make(cloud)
                            try await setup(world)
                            delivered.set()
                            ready.resume(returning: world)
                            await self.waitUntilDone()
                        }
                    } catch {
                        if !delivered.isSet { ready.resume(throwing: error) }
                    }
                }
            }
        }
        started = task
        return try await task.value
    }

    private func waitUntilDone() async {
        if closed { return }
        await withCheckedContinuation { hold = $0 }
    }

    private func rowFinished() {
        finished += 1
        if finished == rows {
            closed = true
            hold?.resume()
            hold = nil
        }
    }
}

final class MatrixFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
