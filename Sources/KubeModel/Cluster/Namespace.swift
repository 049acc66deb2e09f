/// A namespace (`v1` `Namespace`).
public struct Namespace: KubernetesObject {
    /// The core group, `""`.
    public static let group = ""
    /// `v1`.
    public static let version = "v1"
    /// `Namespace`.
    public static let kind = "Namespace"
    /// `namespaces`.
    public static let resource = "namespaces"
    /// Namespaces are cluster-scoped.
    public static let isNamespaced = false

    /// `Namespace` when sent.
    public var kind: String?
    /// `v1` when sent.
    public var apiVersion: String?
    /// The metadata; empty when the object has none.
    @DefaultEmpty public var metadata: ObjectMeta
    /// The desired state.
    public var spec: NamespaceSpec?
    /// The observed state.
    public var status: NamespaceStatus?

    /// Creates a namespace.
    public init(
        kind: String? = Namespace.kind, apiVersion: String? = Namespace.apiVersion,
        metadata: ObjectMeta = ObjectMeta(), spec: NamespaceSpec? = nil, status: NamespaceStatus? = nil
    ) {
        self.kind = kind
        self.apiVersion = apiVersion
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The desired state of a namespace.
public struct NamespaceSpec: Codable, Sendable, Hashable {
    /// Finalizers that must clear before the namespace is removed (`kubernetes`).
    public var finalizers: [String]?

    /// Creates a namespace spec.
    public init(finalizers: [String]? = nil) { self.finalizers = finalizers }
}

/// The observed state of a namespace.
public struct NamespaceStatus: Codable, Sendable, Hashable {
    /// `Active` or `Terminating`.
    public var phase: NamespacePhase?
    /// Conditions while terminating.
    public var conditions: [Condition]?

    /// Creates a namespace status.
    public init(phase: NamespacePhase? = nil, conditions: [Condition]? = nil) {
        self.phase = phase
        self.conditions = conditions
    }
}

/// The phase of a namespace.
public struct NamespacePhase: KubernetesEnum {
    /// The phase as sent by the server.
    public let rawValue: String
    /// Creates a phase from its string.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `Active`.
    public static let active: NamespacePhase = "Active"
    /// `Terminating`: being deleted; new objects are refused.
    public static let terminating: NamespacePhase = "Terminating"
}
