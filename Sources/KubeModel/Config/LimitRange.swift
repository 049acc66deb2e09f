/// A limit range (`v1` `LimitRange`): per-container/pod defaults and bounds in a namespace.
public struct LimitRange: KubernetesObject {
    /// The core group, `""`.
    public static let group = ""
    /// `v1`.
    public static let version = "v1"
    /// `LimitRange`.
    public static let kind = "LimitRange"
    /// `limitranges`.
    public static let resource = "limitranges"
    /// Limit ranges live in a namespace.
    public static let isNamespaced = true

    /// `LimitRange` when sent.
    public var kind: String?
    /// `v1` when sent.
    public var apiVersion: String?
    /// The metadata; empty when the object has none.
    @DefaultEmpty public var metadata: ObjectMeta
    /// The limits.
    public var spec: LimitRangeSpec?

    /// Creates a limit range.
    public init(
        kind: String? = LimitRange.kind, apiVersion: String? = LimitRange.apiVersion,
        metadata: ObjectMeta = ObjectMeta(), spec: LimitRangeSpec? = nil
    ) {
        self.kind = kind
        self.apiVersion = apiVersion
        self.metadata = metadata
        self.spec = spec
    }
}

/// The limits of a limit range.
public struct LimitRangeSpec: Codable, Sendable, Equatable {
    /// One entry per kind of object limited.
    public var limits: [LimitRangeItem]?

    /// Creates a spec.
    public init(limits: [LimitRangeItem]? = nil) { self.limits = limits }
}

/// The limits for one kind of object (`Container`, `Pod`, `PersistentVolumeClaim`).
public struct LimitRangeItem: Codable, Sendable, Equatable {
    /// `Container`, `Pod` or `PersistentVolumeClaim`.
    public var type: LimitType?
    /// The most allowed per resource.
    public var max: [String: Quantity]?
    /// The least allowed per resource.
    public var min: [String: Quantity]?
    /// The default limits.
    public var `default`: [String: Quantity]?
    /// The default requests.
    public var defaultRequest: [String: Quantity]?
    /// The largest allowed limit/request ratio per resource.
    public var maxLimitRequestRatio: [String: Quantity]?

    /// Creates an item.
    public init(
        type: LimitType? = nil, max: [String: Quantity]? = nil, min: [String: Quantity]? = nil,
        default: [String: Quantity]? = nil, defaultRequest: [String: Quantity]? = nil,
        maxLimitRequestRatio: [String: Quantity]? = nil
    ) {
        self.type = type
        self.max = max
        self.min = min
        self.default = `default`
        self.defaultRequest = defaultRequest
        self.maxLimitRequestRatio = maxLimitRequestRatio
    }
}

/// The kind of object a ``LimitRangeItem`` limits.
public struct LimitType: KubernetesEnum {
    /// The type as sent by the server.
    public let rawValue: String
    /// Creates a type from its string.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `Container`.
    public static let container: LimitType = "Container"
    /// `Pod`.
    public static let pod: LimitType = "Pod"
    /// `PersistentVolumeClaim`.
    public static let persistentVolumeClaim: LimitType = "PersistentVolumeClaim"
}
