import Foundation

/// One line of the audit trail, written in the same transaction as the change it records.
public struct AuditRecord: Sendable, Equatable {
    public var id: String
    public var time: Date
    public var requestID: String
    public var actorUserID: String?
    public var actorProjectID: String?
    /// The policy action name, e.g. `identity:create_user`.
    public var action: String
    public var targetType: String
    public var targetID: String

    public init(
        id: String, time: Date, requestID: String, actorUserID: String?, actorProjectID: String?,
        action: String, targetType: String, targetID: String
    ) {
        self.id = id
        self.time = time
        self.requestID = requestID
        self.actorUserID = actorUserID
        self.actorProjectID = actorProjectID
        self.action = action
        self.targetType = targetType
        self.targetID = targetID
    }
}
