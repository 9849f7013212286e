import Foundation

/// One user request against a server, as `os-instance-actions` lists it, with the
/// steps (events) the control plane and the host took to carry it out. The action
/// is written in the same transaction as the change it records.
public struct InstanceAction: Sendable, Equatable {
    public var instanceID: String
    public var requestID: String
    /// Nova's action names: create, delete, stop, start, reboot, lock, ...
    public var action: String
    public var projectID: String
    public var userID: String
    public var startTime: Date
    public var updatedAt: Date
    /// Set when the action failed ("Error"), as Nova does.
    public var message: String?
    public var events: [InstanceActionEvent]

    public init(
        instanceID: String, requestID: String, action: String, projectID: String, userID: String, startTime: Date,
        message: String? = nil, events: [InstanceActionEvent] = []
    ) {
        self.instanceID = instanceID
        self.requestID = requestID
        self.action = action
        self.projectID = projectID
        self.userID = userID
        self.startTime = startTime
        self.updatedAt = startTime
        self.message = message
        self.events = events
    }
}

public struct InstanceActionEvent: Sendable, Equatable {
    public enum Result: String, Sendable, Equatable {
        case success = "Success"
        case error = "Error"
    }

    /// Nova-style event names: `conductor_schedule_and_build_instances`,
    /// `compute_stop_instance`, ...
    public var event: String
    public var startTime: Date
    public var finishTime: Date?
    public var result: Result?
    public var hostName: String?
    public var traceback: String?

    public init(
        event: String, startTime: Date, finishTime: Date? = nil, result: Result? = nil, hostName: String? = nil,
        traceback: String? = nil
    ) {
        self.event = event
        self.startTime = startTime
        self.finishTime = finishTime
        self.result = result
        self.hostName = hostName
        self.traceback = traceback
    }
}
