/// A resource quota (`v1` `ResourceQuota`): limits on a namespace's total usage.
public struct ResourceQuota: KubernetesObject {
    /// The core group, `""`.
    public static let group = ""
    /// `v1`.
    public static let version = "v1"
    /// `ResourceQuota`.
    public static let kind = "ResourceQuota"
    /// `resourcequotas`.
    public static let resource = "resourcequotas"
    /// Quotas live in a namespace.
    public static let isNamespaced = true

    /// `ResourceQuota` when sent.
    public var kind: String?
    /// `v1` when sent.
    public var apiVersion: String?
    /// The metadata; empty when the object has none.
    @DefaultEmpty public var metadata: ObjectMeta
    /// The desired limits.
    public var spec: ResourceQuotaSpec?
    /// The enforced limits and current usage.
    public var status: ResourceQuotaStatus?

    /// Creates a quota.
    public init(
        kind: String? = ResourceQuota.kind, apiVersion: String? = ResourceQuota.apiVersion,
        metadata: ObjectMeta = ObjectMeta(), spec: ResourceQuotaSpec? = nil, status: ResourceQuotaStatus? = nil
    ) {
        self.kind = kind
        self.apiVersion = apiVersion
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The desired limits of a quota.
public struct ResourceQuotaSpec: Codable, Sendable, Equatable {
    /// Limits by resource name (`requests.cpu`, `limits.memory`, `pods`...).
    public var hard: [String: Quantity]?
    /// Scopes the quota applies to (`BestEffort`, `Terminating`...).
    public var scopes: [String]?
    /// A scope selector, kept as JSON.
    public var scopeSelector: JSONValue?

    /// Creates a spec.
    public init(hard: [String: Quantity]? = nil, scopes: [String]? = nil, scopeSelector: JSONValue? = nil) {
        self.hard = hard
        self.scopes = scopes
        self.scopeSelector = scopeSelector
    }
}

/// The enforced limits and current usage of a quota.
public struct ResourceQuotaStatus: Codable, Sendable, Equatable {
    /// The limits enforced.
    public var hard: [String: Quantity]?
    /// The current usage.
    public var used: [String: Quantity]?

    /// Creates a status.
    public init(hard: [String: Quantity]? = nil, used: [String: Quantity]? = nil) {
        self.hard = hard
        self.used = used
    }

    /// What is left of a resource (`hard - used`), when both are known.
    public func remaining(_ resource: String) -> Quantity? {
        guard let hard = hard?[resource], let used = used?[resource] else { return nil }
        return hard - used
    }
}
