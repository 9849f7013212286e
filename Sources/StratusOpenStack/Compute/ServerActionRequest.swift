import Foundation
import StratusCore

/// `POST /servers/{id}/action`: the one action a body names, decoded by Nova's
/// schema for it (unknown fields refused, as Nova's `additionalProperties: false`).
/// A closed set: a new action does not compile until the route decides what it does.
enum ServerActionRequest: Equatable {
    case start, stop, pause, unpause, suspend, resume, unlock, forceDelete, restore, injectNetworkInfo
    case confirmResize, revertResize
    case reboot(hard: Bool)
    case lock(reason: String?)
    case resetState(ComputeService.ResetState)
    case addSecurityGroup(name: String)
    case removeSecurityGroup(name: String)
    case consoleOutput(length: Int?)
    case resize(flavorRef: String)
    case migrate(host: String?)
    /// Decoded by their own handlers, which share the decoders with other routes.
    case createImage(JSONValue)
    case createBackup(JSONValue)
    case rebuild(JSONValue)
    case liveMigrate(JSONValue)

    static func decode(_ body: JSONValue, version: Microversion) throws -> ServerActionRequest {
        guard case .object(let members) = body, members.count == 1, let (name, argument) = members.first else {
            throw APIError.badRequest("Malformed request body: one action is expected.")
        }
        switch name {
        case "os-start": return .start
        case "os-stop": return .stop
        case "pause": return .pause
        case "unpause": return .unpause
        case "suspend": return .suspend
        case "resume": return .resume
        case "unlock": return .unlock
        case "forceDelete": return .forceDelete
        case "restore": return .restore
        case "injectNetworkInfo": return .injectNetworkInfo
        case "confirmResize": return .confirmResize
        case "revertResize": return .revertResize
        case "reboot": return .reboot(hard: try rebootIsHard(argument))
        case "lock": return .lock(reason: try ComputeFront.lockReason(argument, version))
        case "os-resetState": return .resetState(try resetState(argument))
        case "addSecurityGroup": return .addSecurityGroup(name: try securityGroupName(argument, field: name))
        case "removeSecurityGroup": return .removeSecurityGroup(name: try securityGroupName(argument, field: name))
        case "os-getConsoleOutput": return .consoleOutput(length: try consoleLength(argument))
        case "resize": return .resize(flavorRef: try resizeFlavor(argument))
        case "migrate": return .migrate(host: try migrationHost(argument, version))
        case "createImage": return .createImage(argument)
        case "createBackup": return .createBackup(argument)
        case "rebuild": return .rebuild(argument)
        case "os-migrateLive": return .liveMigrate(argument)
        default: throw APIError.badRequest("There is no such action: \(name)")
        }
    }

    private static func rebootIsHard(_ argument: JSONValue) throws -> Bool {
        let reboot = try JSONObjectReader(argument, field: "reboot")
        try ServerRequestDecoder.rejectUnknown(reboot, allowed: ["type"], field: "reboot")
        switch try reboot.string("type")?.uppercased() {
        case "SOFT": return false
        case "HARD": return true
        case let other:
            throw APIError.badRequest("Invalid input for field/attribute type. Value: \(other ?? "None"). '\(other ?? "None")' is not one of ['HARD', 'Hard', 'hard', 'SOFT', 'Soft', 'soft']")
        }
    }

    private static func resetState(_ argument: JSONValue) throws -> ComputeService.ResetState {
        let reset = try JSONObjectReader(argument, field: "os-resetState")
        try ServerRequestDecoder.rejectUnknown(reset, allowed: ["state"], field: "os-resetState")
        let value = try reset.string("state")
        guard let state = value.flatMap(ComputeService.ResetState.init(rawValue:)) else {
            throw APIError.badRequest("Invalid input for field/attribute state. Value: \(value ?? "None"). '\(value ?? "None")' is not one of ['active', 'error']")
        }
        return state
    }

    private static func securityGroupName(_ argument: JSONValue, field: String) throws -> String {
        let group = try JSONObjectReader(argument, field: field)
        try ServerRequestDecoder.rejectUnknown(group, allowed: ["name"], field: field)
        guard let name = try group.string("name"), !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw APIError.badRequest("Security group name cannot be empty")
        }
        return name
    }

    private static func consoleLength(_ argument: JSONValue) throws -> Int? {
        let options = try JSONObjectReader(argument, field: "os-getConsoleOutput")
        try ServerRequestDecoder.rejectUnknown(options, allowed: ["length"], field: "os-getConsoleOutput")
        return options.members["length"] == .null ? nil : try options.integer("length")
    }

    private static func resizeFlavor(_ argument: JSONValue) throws -> String {
        let body = try JSONObjectReader(argument, field: "resize")
        try ServerRequestDecoder.rejectUnknown(body, allowed: ["flavorRef", "OS-DCF:diskConfig"], field: "resize")
        guard let flavorRef = body.members["flavorRef"] else {
            throw APIError.badRequest("Invalid input for field/attribute resize. 'flavorRef' is a required property")
        }
        switch flavorRef {
        case .string(let text) where !text.isEmpty: return ServerRequestDecoder.lastPathComponent(text)
        case .int(let number): return String(number)
        default:
            throw APIError.badRequest("Invalid input for field/attribute flavorRef. Value: \(flavorRef). \(flavorRef) is not of type 'string', 'integer'")
        }
    }

    /// 2.56 lets an administrator name the destination; before it the body is null.
    private static func migrationHost(_ argument: JSONValue, _ version: Microversion) throws -> String? {
        guard version >= Microversion(2, 56), case .object = argument else { return nil }
        let body = try JSONObjectReader(argument, field: "migrate")
        try ServerRequestDecoder.rejectUnknown(body, allowed: ["host"], field: "migrate")
        return body.members["host"] == .null ? nil : try body.string("host")
    }
}
