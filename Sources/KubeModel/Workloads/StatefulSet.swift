/// A stateful set (`apps/v1` `StatefulSet`).
public struct StatefulSet: KubernetesObject {
    /// `apps`.
    public static let group = "apps"
    /// `v1`.
    public static let version = "v1"
    /// `StatefulSet`.
    public static let kind = "StatefulSet"
    /// `statefulsets`.
    public static let resource = "statefulsets"
    /// Stateful sets live in a namespace.
    public static let isNamespaced = true

    /// `StatefulSet` when sent.
    public var kind: String?
    /// `apps/v1` when sent.
    public var apiVersion: String?
    /// The metadata; empty when the object has none.
    @DefaultEmpty public var metadata: ObjectMeta
    /// The desired state.
    public var spec: StatefulSetSpec?
    /// The observed state.
    public var status: StatefulSetStatus?

    /// Creates a stateful set.
    public init(
        kind: String? = StatefulSet.kind, apiVersion: String? = StatefulSet.apiVersion,
        metadata: ObjectMeta = ObjectMeta(), spec: StatefulSetSpec? = nil, status: StatefulSetStatus? = nil
    ) {
        self.kind = kind
        self.apiVersion = apiVersion
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The desired state of a stateful set.
public struct StatefulSetSpec: Codable, Sendable, Equatable {
    /// The desired number of pods.
    public var replicas: Int?
    /// Which pods belong to the set.
    public var selector: LabelSelector?
    /// The pods to create.
    public var template: PodTemplateSpec?
    /// The headless service that gives the pods their DNS names.
    public var serviceName: String?
    /// `OrderedReady` (default) or `Parallel`.
    public var podManagementPolicy: String?
    /// How pods are replaced.
    public var updateStrategy: StatefulSetUpdateStrategy?
    /// Old revisions kept.
    public var revisionHistoryLimit: Int?
    /// Seconds a new pod must be ready to count as available.
    public var minReadySeconds: Int?
    /// Claims created for each pod.
    public var volumeClaimTemplates: [PersistentVolumeClaim]?

    /// Creates a spec.
    public init(
        replicas: Int? = nil, selector: LabelSelector? = nil, template: PodTemplateSpec? = nil,
        serviceName: String? = nil, podManagementPolicy: String? = nil,
        updateStrategy: StatefulSetUpdateStrategy? = nil, revisionHistoryLimit: Int? = nil,
        volumeClaimTemplates: [PersistentVolumeClaim]? = nil
    ) {
        self.replicas = replicas
        self.selector = selector
        self.template = template
        self.serviceName = serviceName
        self.podManagementPolicy = podManagementPolicy
        self.updateStrategy = updateStrategy
        self.revisionHistoryLimit = revisionHistoryLimit
        self.volumeClaimTemplates = volumeClaimTemplates
    }
}

/// How a stateful set replaces pods.
public struct StatefulSetUpdateStrategy: Codable, Sendable, Hashable {
    /// `RollingUpdate` (default) or `OnDelete`.
    public var type: String?
    /// The rolling update parameters.
    public var rollingUpdate: StatefulSetRollingUpdate?

    /// Creates a strategy.
    public init(type: String? = nil, rollingUpdate: StatefulSetRollingUpdate? = nil) {
        self.type = type
        self.rollingUpdate = rollingUpdate
    }
}

/// Rolling update parameters of a stateful set.
public struct StatefulSetRollingUpdate: Codable, Sendable, Hashable {
    /// Pods with an ordinal below this keep the old revision.
    public var partition: Int?
    /// Pods that may be unavailable during the update.
    public var maxUnavailable: IntOrString?

    /// Creates parameters.
    public init(partition: Int? = nil, maxUnavailable: IntOrString? = nil) {
        self.partition = partition
        self.maxUnavailable = maxUnavailable
    }
}

/// The observed state of a stateful set.
public struct StatefulSetStatus: Codable, Sendable, Equatable {
    /// The generation the status is for.
    public var observedGeneration: Int?
    /// Pods that exist.
    public var replicas: Int?
    /// Ready pods.
    public var readyReplicas: Int?
    /// Pods at the current revision.
    public var currentReplicas: Int?
    /// Pods at the update revision.
    public var updatedReplicas: Int?
    /// Available pods.
    public var availableReplicas: Int?
    /// The revision of the current pods.
    public var currentRevision: String?
    /// The revision being rolled out.
    public var updateRevision: String?
    /// Hash collisions seen when naming revisions.
    public var collisionCount: Int?
    /// Conditions.
    public var conditions: [WorkloadCondition]?

    /// Creates a status.
    public init(
        observedGeneration: Int? = nil, replicas: Int? = nil, readyReplicas: Int? = nil,
        currentReplicas: Int? = nil, updatedReplicas: Int? = nil, availableReplicas: Int? = nil,
        currentRevision: String? = nil, updateRevision: String? = nil, conditions: [WorkloadCondition]? = nil
    ) {
        self.observedGeneration = observedGeneration
        self.replicas = replicas
        self.readyReplicas = readyReplicas
        self.currentReplicas = currentReplicas
        self.updatedReplicas = updatedReplicas
        self.availableReplicas = availableReplicas
        self.currentRevision = currentRevision
        self.updateRevision = updateRevision
        self.conditions = conditions
    }
}
