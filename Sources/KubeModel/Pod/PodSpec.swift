/// The desired state of a pod (`spec`).
public struct PodSpec: Codable, Sendable, Equatable {
    /// The app containers; `null` or missing (a watch bookmark stub) decodes as `[]`.
    @DefaultEmpty public var containers: [Container]
    /// Init containers, run in order before the app containers; those with `restartPolicy: Always`
    /// are sidecars that keep running.
    public var initContainers: [Container]?
    /// Ephemeral (debug) containers added with `kubectl debug`.
    public var ephemeralContainers: [Container]?
    /// Volumes the containers can mount.
    public var volumes: [Volume]?
    /// Secrets used to pull the images.
    public var imagePullSecrets: [LocalObjectReference]?
    /// The service account the pod runs as.
    public var serviceAccountName: String?
    /// The node the pod is bound to; empty until scheduled.
    public var nodeName: String?
    /// `Always`, `OnFailure` or `Never`.
    public var restartPolicy: RestartPolicy?
    /// Labels a node must have.
    public var nodeSelector: [String: String]?
    /// Taints the pod tolerates.
    public var tolerations: [Toleration]?
    /// Node and pod (anti-)affinity, kept as JSON.
    public var affinity: JSONValue?
    /// Topology spread constraints, kept as JSON.
    public var topologySpreadConstraints: JSONValue?
    /// Gates that hold the pod back from scheduling while present.
    public var schedulingGates: [PodSchedulingGate]?
    /// Extra conditions the pod's readiness depends on.
    public var readinessGates: [PodReadinessGate]?
    /// Pod-level security settings.
    public var securityContext: PodSecurityContext?
    /// Whether the pod uses the node's network namespace.
    public var hostNetwork: Bool?
    /// The priority class name.
    public var priorityClassName: String?
    /// Seconds allowed for graceful termination.
    public var terminationGracePeriodSeconds: Int?
    /// Seconds the pod may be active before the kubelet fails it.
    public var activeDeadlineSeconds: Int?
    /// `ClusterFirst`, `ClusterFirstWithHostNet`, `Default` or `None`.
    public var dnsPolicy: DNSPolicy?
    /// The scheduler that places the pod.
    public var schedulerName: String?
    /// The runtime class (e.g. `gvisor`).
    public var runtimeClassName: String?

    /// Creates a pod spec.
    public init(
        containers: [Container] = [], initContainers: [Container]? = nil, ephemeralContainers: [Container]? = nil,
        volumes: [Volume]? = nil, imagePullSecrets: [LocalObjectReference]? = nil, serviceAccountName: String? = nil,
        nodeName: String? = nil, restartPolicy: RestartPolicy? = nil, nodeSelector: [String: String]? = nil,
        tolerations: [Toleration]? = nil, affinity: JSONValue? = nil, schedulingGates: [PodSchedulingGate]? = nil,
        readinessGates: [PodReadinessGate]? = nil, securityContext: PodSecurityContext? = nil, hostNetwork: Bool? = nil,
        priorityClassName: String? = nil, terminationGracePeriodSeconds: Int? = nil,
        activeDeadlineSeconds: Int? = nil, dnsPolicy: DNSPolicy? = nil
    ) {
        self.containers = containers
        self.initContainers = initContainers
        self.ephemeralContainers = ephemeralContainers
        self.volumes = volumes
        self.imagePullSecrets = imagePullSecrets
        self.serviceAccountName = serviceAccountName
        self.nodeName = nodeName
        self.restartPolicy = restartPolicy
        self.nodeSelector = nodeSelector
        self.tolerations = tolerations
        self.affinity = affinity
        self.schedulingGates = schedulingGates
        self.readinessGates = readinessGates
        self.securityContext = securityContext
        self.hostNetwork = hostNetwork
        self.priorityClassName = priorityClassName
        self.terminationGracePeriodSeconds = terminationGracePeriodSeconds
        self.activeDeadlineSeconds = activeDeadlineSeconds
        self.dnsPolicy = dnsPolicy
    }

    /// The init containers that are sidecars (`restartPolicy: Always`).
    public var sidecarContainers: [Container] {
        (initContainers ?? []).filter { $0.restartPolicy == .always }
    }

    /// The container (app, init or ephemeral) with this name.
    public func container(named name: String) -> Container? {
        containers.first { $0.name == name } ?? initContainers?.first { $0.name == name }
            ?? ephemeralContainers?.first { $0.name == name }
    }

    /// The volume with this name.
    public func volume(named name: String) -> Volume? { volumes?.first { $0.name == name } }
}

/// A scheduling gate (`spec.schedulingGates[]`).
public struct PodSchedulingGate: Codable, Sendable, Hashable {
    /// The gate's name.
    public var name: String?

    /// Creates a gate.
    public init(name: String? = nil) { self.name = name }
}

/// A readiness gate (`spec.readinessGates[]`).
public struct PodReadinessGate: Codable, Sendable, Hashable {
    /// The pod condition type that must be `True`.
    public var conditionType: ConditionType?

    /// Creates a gate.
    public init(conditionType: ConditionType? = nil) { self.conditionType = conditionType }
}

/// A pod's restart policy.
public struct RestartPolicy: KubernetesEnum {
    /// The policy as sent by the server.
    public let rawValue: String
    /// Creates a policy from its string.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `Always`.
    public static let always: RestartPolicy = "Always"
    /// `OnFailure`.
    public static let onFailure: RestartPolicy = "OnFailure"
    /// `Never`.
    public static let never: RestartPolicy = "Never"
}

/// A pod's DNS policy.
public struct DNSPolicy: KubernetesEnum {
    /// The policy as sent by the server.
    public let rawValue: String
    /// Creates a policy from its string.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `ClusterFirst`.
    public static let clusterFirst: DNSPolicy = "ClusterFirst"
    /// `ClusterFirstWithHostNet`.
    public static let clusterFirstWithHostNet: DNSPolicy = "ClusterFirstWithHostNet"
    /// `Default`: the node's resolver.
    public static let `default`: DNSPolicy = "Default"
    /// `None`: only `dnsConfig`.
    public static let none: DNSPolicy = "None"
}
