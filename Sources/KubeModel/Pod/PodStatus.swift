/// The observed state of a pod (`status`).
public struct PodStatus: Codable, Sendable, Equatable {
    /// `Pending`, `Running`, `Succeeded`, `Failed` or `Unknown` (newer values are kept).
    public var phase: PodPhase?
    /// The pod's conditions (`PodScheduled`, `Initialized`, `ContainersReady`, `Ready`...).
    public var conditions: [PodCondition]?
    /// Why the pod is in this state, e.g. `Evicted`, `NodeLost`.
    public var reason: String?
    /// A human-readable explanation.
    public var message: String?
    /// The node's IP.
    public var hostIP: String?
    /// The pod's IP.
    public var podIP: String?
    /// The pod's IPs (IPv4 and IPv6).
    public var podIPs: [PodIP]?
    /// When the kubelet accepted the pod.
    public var startTime: Time?
    /// `Guaranteed`, `Burstable` or `BestEffort`.
    public var qosClass: QOSClass?
    /// The node the scheduler will place the pod on after preempting others.
    public var nominatedNodeName: String?
    /// The app containers' statuses.
    public var containerStatuses: [ContainerStatus]?
    /// The init containers' statuses.
    public var initContainerStatuses: [ContainerStatus]?
    /// The ephemeral containers' statuses.
    public var ephemeralContainerStatuses: [ContainerStatus]?

    /// Creates a status.
    public init(
        phase: PodPhase? = nil, conditions: [PodCondition]? = nil, reason: String? = nil, message: String? = nil,
        hostIP: String? = nil, podIP: String? = nil, podIPs: [PodIP]? = nil, startTime: Time? = nil,
        qosClass: QOSClass? = nil, nominatedNodeName: String? = nil, containerStatuses: [ContainerStatus]? = nil,
        initContainerStatuses: [ContainerStatus]? = nil, ephemeralContainerStatuses: [ContainerStatus]? = nil
    ) {
        self.phase = phase
        self.conditions = conditions
        self.reason = reason
        self.message = message
        self.hostIP = hostIP
        self.podIP = podIP
        self.podIPs = podIPs
        self.startTime = startTime
        self.qosClass = qosClass
        self.nominatedNodeName = nominatedNodeName
        self.containerStatuses = containerStatuses
        self.initContainerStatuses = initContainerStatuses
        self.ephemeralContainerStatuses = ephemeralContainerStatuses
    }

    /// The condition of a type, if reported.
    public func condition(_ type: ConditionType) -> PodCondition? { conditions?.condition(type) }

    /// The status of the container (app, init or ephemeral) with this name.
    public func containerStatus(named name: String) -> ContainerStatus? {
        containerStatuses?.first { $0.name == name } ?? initContainerStatuses?.first { $0.name == name }
            ?? ephemeralContainerStatuses?.first { $0.name == name }
    }
}

/// A pod IP.
public struct PodIP: Codable, Sendable, Hashable {
    /// The address.
    public var ip: String?

    /// Creates an IP.
    public init(ip: String? = nil) { self.ip = ip }
}

/// The phase of a pod.
public struct PodPhase: KubernetesEnum {
    /// The phase as sent by the server.
    public let rawValue: String
    /// Creates a phase from its string.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `Pending`: accepted, not all containers started (scheduling, pulling images, init containers).
    public static let pending: PodPhase = "Pending"
    /// `Running`: bound to a node, all containers created, at least one running.
    public static let running: PodPhase = "Running"
    /// `Succeeded`: all containers exited with 0 and will not restart.
    public static let succeeded: PodPhase = "Succeeded"
    /// `Failed`: all containers exited, at least one in failure.
    public static let failed: PodPhase = "Failed"
    /// `Unknown`: the node cannot be reached.
    public static let unknown: PodPhase = "Unknown"
}

/// The quality-of-service class of a pod.
public struct QOSClass: KubernetesEnum {
    /// The class as sent by the server.
    public let rawValue: String
    /// Creates a class from its string.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `Guaranteed`: requests equal limits for every container.
    public static let guaranteed: QOSClass = "Guaranteed"
    /// `Burstable`: some requests or limits.
    public static let burstable: QOSClass = "Burstable"
    /// `BestEffort`: no requests or limits, evicted first.
    public static let bestEffort: QOSClass = "BestEffort"
}
