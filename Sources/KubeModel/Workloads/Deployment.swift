/// A deployment (`apps/v1` `Deployment`).
public struct Deployment: KubernetesObject {
    /// `apps`.
    public static let group = "apps"
    /// `v1`.
    public static let version = "v1"
    /// `Deployment`.
    public static let kind = "Deployment"
    /// `deployments`.
    public static let resource = "deployments"
    /// Deployments live in a namespace.
    public static let isNamespaced = true

    /// `Deployment` when sent.
    public var kind: String?
    /// `apps/v1` when sent.
    public var apiVersion: String?
    /// The metadata; empty when the object has none.
    @DefaultEmpty public var metadata: ObjectMeta
    /// The desired state.
    public var spec: DeploymentSpec?
    /// The observed state.
    public var status: DeploymentStatus?

    /// Creates a deployment.
    public init(
        kind: String? = Deployment.kind, apiVersion: String? = Deployment.apiVersion,
        metadata: ObjectMeta = ObjectMeta(), spec: DeploymentSpec? = nil, status: DeploymentStatus? = nil
    ) {
        self.kind = kind
        self.apiVersion = apiVersion
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The desired state of a deployment.
public struct DeploymentSpec: Codable, Sendable, Equatable {
    /// The desired number of pods.
    public var replicas: Int?
    /// Which pods belong to the deployment.
    public var selector: LabelSelector?
    /// The pods to create.
    public var template: PodTemplateSpec?
    /// How pods are replaced.
    public var strategy: DeploymentStrategy?
    /// Seconds a new pod must be ready to count as available.
    public var minReadySeconds: Int?
    /// Old replica sets kept for rollback.
    public var revisionHistoryLimit: Int?
    /// Seconds without progress before the rollout is reported failed.
    public var progressDeadlineSeconds: Int?
    /// Whether the rollout is paused.
    public var paused: Bool?

    /// Creates a spec.
    public init(
        replicas: Int? = nil, selector: LabelSelector? = nil, template: PodTemplateSpec? = nil,
        strategy: DeploymentStrategy? = nil, minReadySeconds: Int? = nil, revisionHistoryLimit: Int? = nil,
        progressDeadlineSeconds: Int? = nil, paused: Bool? = nil
    ) {
        self.replicas = replicas
        self.selector = selector
        self.template = template
        self.strategy = strategy
        self.minReadySeconds = minReadySeconds
        self.revisionHistoryLimit = revisionHistoryLimit
        self.progressDeadlineSeconds = progressDeadlineSeconds
        self.paused = paused
    }
}

/// How a deployment replaces pods.
public struct DeploymentStrategy: Codable, Sendable, Hashable {
    /// `RollingUpdate` (default) or `Recreate`.
    public var type: String?
    /// The rolling update parameters.
    public var rollingUpdate: RollingUpdateParameters?

    /// Creates a strategy.
    public init(type: String? = nil, rollingUpdate: RollingUpdateParameters? = nil) {
        self.type = type
        self.rollingUpdate = rollingUpdate
    }
}

/// Rolling update parameters of a Deployment or DaemonSet.
public struct RollingUpdateParameters: Codable, Sendable, Hashable {
    /// Pods that may be unavailable during the update (`25%` or a count).
    public var maxUnavailable: IntOrString?
    /// Pods that may be created above the desired count (`25%` or a count).
    public var maxSurge: IntOrString?

    /// Creates parameters.
    public init(maxUnavailable: IntOrString? = nil, maxSurge: IntOrString? = nil) {
        self.maxUnavailable = maxUnavailable
        self.maxSurge = maxSurge
    }
}

/// The observed state of a deployment.
public struct DeploymentStatus: Codable, Sendable, Equatable {
    /// The generation the status is for.
    public var observedGeneration: Int?
    /// Pods that exist.
    public var replicas: Int?
    /// Pods with the current template.
    public var updatedReplicas: Int?
    /// Ready pods.
    public var readyReplicas: Int?
    /// Available pods.
    public var availableReplicas: Int?
    /// Pods still needed for full availability.
    public var unavailableReplicas: Int?
    /// Pods being terminated.
    public var terminatingReplicas: Int?
    /// Conditions (`Available`, `Progressing`, `ReplicaFailure`).
    public var conditions: [WorkloadCondition]?
    /// Hash collisions seen when naming replica sets.
    public var collisionCount: Int?

    /// Creates a status.
    public init(
        observedGeneration: Int? = nil, replicas: Int? = nil, updatedReplicas: Int? = nil,
        readyReplicas: Int? = nil, availableReplicas: Int? = nil, unavailableReplicas: Int? = nil,
        conditions: [WorkloadCondition]? = nil
    ) {
        self.observedGeneration = observedGeneration
        self.replicas = replicas
        self.updatedReplicas = updatedReplicas
        self.readyReplicas = readyReplicas
        self.availableReplicas = availableReplicas
        self.unavailableReplicas = unavailableReplicas
        self.conditions = conditions
    }
}
