/// A daemon set (`apps/v1` `DaemonSet`): one pod per matching node.
public struct DaemonSet: KubernetesObject {
    /// `apps`.
    public static let group = "apps"
    /// `v1`.
    public static let version = "v1"
    /// `DaemonSet`.
    public static let kind = "DaemonSet"
    /// `daemonsets`.
    public static let resource = "daemonsets"
    /// Daemon sets live in a namespace.
    public static let isNamespaced = true

    /// `DaemonSet` when sent.
    public var kind: String?
    /// `apps/v1` when sent.
    public var apiVersion: String?
    /// The metadata; empty when the object has none.
    @DefaultEmpty public var metadata: ObjectMeta
    /// The desired state.
    public var spec: DaemonSetSpec?
    /// The observed state.
    public var status: DaemonSetStatus?

    /// Creates a daemon set.
    public init(
        kind: String? = DaemonSet.kind, apiVersion: String? = DaemonSet.apiVersion,
        metadata: ObjectMeta = ObjectMeta(), spec: DaemonSetSpec? = nil, status: DaemonSetStatus? = nil
    ) {
        self.kind = kind
        self.apiVersion = apiVersion
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The desired state of a daemon set.
public struct DaemonSetSpec: Codable, Sendable, Equatable {
    /// Which pods belong to the set.
    public var selector: LabelSelector?
    /// The pods to create.
    public var template: PodTemplateSpec?
    /// How pods are replaced.
    public var updateStrategy: DaemonSetUpdateStrategy?
    /// Seconds a new pod must be ready to count as available.
    public var minReadySeconds: Int?
    /// Old revisions kept.
    public var revisionHistoryLimit: Int?

    /// Creates a spec.
    public init(
        selector: LabelSelector? = nil, template: PodTemplateSpec? = nil,
        updateStrategy: DaemonSetUpdateStrategy? = nil, minReadySeconds: Int? = nil, revisionHistoryLimit: Int? = nil
    ) {
        self.selector = selector
        self.template = template
        self.updateStrategy = updateStrategy
        self.minReadySeconds = minReadySeconds
        self.revisionHistoryLimit = revisionHistoryLimit
    }
}

/// How a daemon set replaces pods.
public struct DaemonSetUpdateStrategy: Codable, Sendable, Hashable {
    /// `RollingUpdate` (default) or `OnDelete`.
    public var type: String?
    /// The rolling update parameters.
    public var rollingUpdate: RollingUpdateParameters?

    /// Creates a strategy.
    public init(type: String? = nil, rollingUpdate: RollingUpdateParameters? = nil) {
        self.type = type
        self.rollingUpdate = rollingUpdate
    }
}

/// The observed state of a daemon set.
public struct DaemonSetStatus: Codable, Sendable, Equatable {
    /// Nodes that should run the pod.
    public var desiredNumberScheduled: Int?
    /// Nodes running the pod that should.
    public var currentNumberScheduled: Int?
    /// Nodes running the pod that should not.
    public var numberMisscheduled: Int?
    /// Nodes with a ready pod.
    public var numberReady: Int?
    /// Nodes with an available pod.
    public var numberAvailable: Int?
    /// Nodes without an available pod.
    public var numberUnavailable: Int?
    /// Nodes running the updated pod.
    public var updatedNumberScheduled: Int?
    /// The generation the status is for.
    public var observedGeneration: Int?
    /// Hash collisions seen when naming revisions.
    public var collisionCount: Int?
    /// Conditions.
    public var conditions: [WorkloadCondition]?

    /// Creates a status.
    public init(
        desiredNumberScheduled: Int? = nil, currentNumberScheduled: Int? = nil, numberMisscheduled: Int? = nil,
        numberReady: Int? = nil, numberAvailable: Int? = nil, numberUnavailable: Int? = nil,
        updatedNumberScheduled: Int? = nil, observedGeneration: Int? = nil
    ) {
        self.desiredNumberScheduled = desiredNumberScheduled
        self.currentNumberScheduled = currentNumberScheduled
        self.numberMisscheduled = numberMisscheduled
        self.numberReady = numberReady
        self.numberAvailable = numberAvailable
        self.numberUnavailable = numberUnavailable
        self.updatedNumberScheduled = updatedNumberScheduled
        self.observedGeneration = observedGeneration
    }
}
