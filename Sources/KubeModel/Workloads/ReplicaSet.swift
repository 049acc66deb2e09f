/// A replica set (`apps/v1` `ReplicaSet`), usually owned by a Deployment.
public struct ReplicaSet: KubernetesObject {
    /// `apps`.
    public static let group = "apps"
    /// `v1`.
    public static let version = "v1"
    /// `ReplicaSet`.
    public static let kind = "ReplicaSet"
    /// `replicasets`.
    public static let resource = "replicasets"
    /// Replica sets live in a namespace.
    public static let isNamespaced = true

    /// `ReplicaSet` when sent.
    public var kind: String?
    /// `apps/v1` when sent.
    public var apiVersion: String?
    /// The metadata; empty when the object has none.
    @DefaultEmpty public var metadata: ObjectMeta
    /// The desired state.
    public var spec: ReplicaSetSpec?
    /// The observed state.
    public var status: ReplicaSetStatus?

    /// Creates a replica set.
    public init(
        kind: String? = ReplicaSet.kind, apiVersion: String? = ReplicaSet.apiVersion,
        metadata: ObjectMeta = ObjectMeta(), spec: ReplicaSetSpec? = nil, status: ReplicaSetStatus? = nil
    ) {
        self.kind = kind
        self.apiVersion = apiVersion
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The desired state of a replica set.
public struct ReplicaSetSpec: Codable, Sendable, Equatable {
    /// The desired number of pods.
    public var replicas: Int?
    /// Seconds a new pod must be ready to count as available.
    public var minReadySeconds: Int?
    /// Which pods belong to the set.
    public var selector: LabelSelector?
    /// The pods to create.
    public var template: PodTemplateSpec?

    /// Creates a spec.
    public init(replicas: Int? = nil, minReadySeconds: Int? = nil, selector: LabelSelector? = nil,
                template: PodTemplateSpec? = nil) {
        self.replicas = replicas
        self.minReadySeconds = minReadySeconds
        self.selector = selector
        self.template = template
    }
}

/// The observed state of a replica set.
public struct ReplicaSetStatus: Codable, Sendable, Equatable {
    /// Pods that exist.
    public var replicas: Int?
    /// Pods whose labels match the template.
    public var fullyLabeledReplicas: Int?
    /// Ready pods.
    public var readyReplicas: Int?
    /// Pods ready for at least `minReadySeconds`.
    public var availableReplicas: Int?
    /// Pods being terminated.
    public var terminatingReplicas: Int?
    /// The generation the status is for.
    public var observedGeneration: Int?
    /// Conditions (`ReplicaFailure`).
    public var conditions: [WorkloadCondition]?

    /// Creates a status.
    public init(
        replicas: Int? = nil, fullyLabeledReplicas: Int? = nil, readyReplicas: Int? = nil,
        availableReplicas: Int? = nil, observedGeneration: Int? = nil, conditions: [WorkloadCondition]? = nil
    ) {
        self.replicas = replicas
        self.fullyLabeledReplicas = fullyLabeledReplicas
        self.readyReplicas = readyReplicas
        self.availableReplicas = availableReplicas
        self.observedGeneration = observedGeneration
        self.conditions = conditions
    }
}
