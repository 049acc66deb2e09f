/// A Kubernetes `Status` (`kind: Status`, `apiVersion: v1`): how the API server reports a failure.
///
/// Every field is optional so that a partial or unusual body still decodes; unknown fields are ignored.
public struct Status: Codable, Sendable, Equatable {
    /// `Status`.
    public var kind: String?
    /// `v1`.
    public var apiVersion: String?
    /// List metadata: a 410 on a paged list carries a replacement `continue` token here.
    public var metadata: ListMeta?
    /// `Success` or `Failure`.
    public var status: String?
    /// A human-readable description, e.g. `pods "web" not found`.
    public var message: String?
    /// A machine-readable reason, e.g. `NotFound`, `Forbidden`, `Expired`; unknown values are kept.
    public var reason: String?
    /// Extra data about the failure.
    public var details: StatusDetails?
    /// The HTTP status code the server meant.
    public var code: Int?

    /// Creates a status.
    public init(
        kind: String? = "Status", apiVersion: String? = "v1", status: String? = nil, message: String? = nil,
        reason: String? = nil, details: StatusDetails? = nil, code: Int? = nil
    ) {
        self.kind = kind
        self.apiVersion = apiVersion
        self.status = status
        self.message = message
        self.reason = reason
        self.details = details
        self.code = code
    }
}

/// The `details` of a ``Status``: which object, and why.
public struct StatusDetails: Codable, Sendable, Equatable {
    /// The object's name, when one object is concerned.
    public var name: String?
    /// The API group.
    public var group: String?
    /// The resource plural (`pods`) for NotFound/Forbidden, the Kind (`Pod`) for Invalid.
    public var kind: String?
    /// The object's UID.
    public var uid: String?
    /// The individual causes (validation errors and the like).
    public var causes: [StatusCause]?
    /// Seconds to wait before retrying, when the server suggests it.
    public var retryAfterSeconds: Int?

    /// Creates details.
    public init(name: String? = nil, group: String? = nil, kind: String? = nil, uid: String? = nil,
                causes: [StatusCause]? = nil, retryAfterSeconds: Int? = nil) {
        self.name = name
        self.group = group
        self.kind = kind
        self.uid = uid
        self.causes = causes
        self.retryAfterSeconds = retryAfterSeconds
    }
}

/// One cause inside ``StatusDetails``.
public struct StatusCause: Codable, Sendable, Equatable {
    /// A machine-readable reason, e.g. `FieldValueInvalid`.
    public var reason: String?
    /// A human-readable message.
    public var message: String?
    /// The field concerned, e.g. `metadata.name`.
    public var field: String?

    /// Creates a cause.
    public init(reason: String? = nil, message: String? = nil, field: String? = nil) {
        self.reason = reason
        self.message = message
        self.field = field
    }
}
