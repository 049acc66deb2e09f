/// A status condition, the shape shared by pods, nodes, workloads, jobs and namespaces: each kind
/// uses some of the time fields.
public struct Condition: Codable, Sendable, Hashable {
    /// The condition type, e.g. `Ready`, `PodScheduled`, `Available`, `MemoryPressure`.
    public var type: ConditionType?
    /// `True`, `False` or `Unknown`.
    public var status: ConditionStatus?
    /// A machine-readable reason, e.g. `ContainersNotReady`, `Unschedulable`.
    public var reason: String?
    /// A human-readable message.
    public var message: String?
    /// When the status last changed.
    public var lastTransitionTime: Time?
    /// When the condition was last probed (pods, jobs).
    public var lastProbeTime: Time?
    /// When the kubelet last reported the condition (nodes).
    public var lastHeartbeatTime: Time?
    /// When the condition was last updated (deployments).
    public var lastUpdateTime: Time?
    /// The generation the condition was set for.
    public var observedGeneration: Int?

    /// Creates a condition.
    public init(
        type: ConditionType? = nil, status: ConditionStatus? = nil, reason: String? = nil, message: String? = nil,
        lastTransitionTime: Time? = nil, lastProbeTime: Time? = nil, lastHeartbeatTime: Time? = nil,
        lastUpdateTime: Time? = nil, observedGeneration: Int? = nil
    ) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.lastTransitionTime = lastTransitionTime
        self.lastProbeTime = lastProbeTime
        self.lastHeartbeatTime = lastHeartbeatTime
        self.lastUpdateTime = lastUpdateTime
        self.observedGeneration = observedGeneration
    }

    /// Whether the status is `True`.
    public var isTrue: Bool { status == .true }
}

/// A pod condition (`status.conditions[]` of a Pod).
public typealias PodCondition = Condition
/// A node condition (`status.conditions[]` of a Node).
public typealias NodeCondition = Condition

extension Array where Element == Condition {
    /// The first condition of a type, if present: `status.conditions?.condition(.ready)`.
    public func condition(_ type: ConditionType) -> Condition? { first { $0.type == type } }
}

/// The status of a condition.
public struct ConditionStatus: KubernetesEnum {
    /// The status as sent by the server.
    public let rawValue: String
    /// Creates a status from its string.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `True`.
    public static let `true`: ConditionStatus = "True"
    /// `False`.
    public static let `false`: ConditionStatus = "False"
    /// `Unknown`.
    public static let unknown: ConditionStatus = "Unknown"
}

/// The type of a condition; the known types of pods, nodes, workloads and jobs are listed.
public struct ConditionType: KubernetesEnum {
    /// The type as sent by the server.
    public let rawValue: String
    /// Creates a type from its string.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `Ready` (pods, nodes).
    public static let ready: ConditionType = "Ready"
    /// `PodScheduled`.
    public static let podScheduled: ConditionType = "PodScheduled"
    /// `Initialized`.
    public static let initialized: ConditionType = "Initialized"
    /// `ContainersReady`.
    public static let containersReady: ConditionType = "ContainersReady"
    /// `PodReadyToStartContainers`.
    public static let podReadyToStartContainers: ConditionType = "PodReadyToStartContainers"
    /// `DisruptionTarget`: the pod is about to be deleted (preemption, eviction...).
    public static let disruptionTarget: ConditionType = "DisruptionTarget"
    /// `MemoryPressure` (nodes).
    public static let memoryPressure: ConditionType = "MemoryPressure"
    /// `DiskPressure` (nodes).
    public static let diskPressure: ConditionType = "DiskPressure"
    /// `PIDPressure` (nodes).
    public static let pidPressure: ConditionType = "PIDPressure"
    /// `NetworkUnavailable` (nodes).
    public static let networkUnavailable: ConditionType = "NetworkUnavailable"
    /// `Available` (deployments).
    public static let available: ConditionType = "Available"
    /// `Progressing` (deployments).
    public static let progressing: ConditionType = "Progressing"
    /// `ReplicaFailure` (deployments, replica sets).
    public static let replicaFailure: ConditionType = "ReplicaFailure"
    /// `Complete` (jobs).
    public static let complete: ConditionType = "Complete"
    /// `Failed` (jobs).
    public static let failed: ConditionType = "Failed"
    /// `Suspended` (jobs).
    public static let suspended: ConditionType = "Suspended"
    /// `FailureTarget` (jobs).
    public static let failureTarget: ConditionType = "FailureTarget"
    /// `SuccessCriteriaMet` (jobs).
    public static let successCriteriaMet: ConditionType = "SuccessCriteriaMet"
}
