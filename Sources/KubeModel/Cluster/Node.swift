/// A node (`v1` `Node`).
public struct Node: KubernetesObject {
    /// The core group, `""`.
    public static let group = ""
    /// `v1`.
    public static let version = "v1"
    /// `Node`.
    public static let kind = "Node"
    /// `nodes`.
    public static let resource = "nodes"
    /// Nodes are cluster-scoped.
    public static let isNamespaced = false

    /// `Node` when sent.
    public var kind: String?
    /// `v1` when sent.
    public var apiVersion: String?
    /// The metadata; empty when the object has none.
    @DefaultEmpty public var metadata: ObjectMeta
    /// The desired state.
    public var spec: NodeSpec?
    /// The observed state.
    public var status: NodeStatus?

    /// Creates a node.
    public init(
        kind: String? = Node.kind, apiVersion: String? = Node.apiVersion, metadata: ObjectMeta = ObjectMeta(),
        spec: NodeSpec? = nil, status: NodeStatus? = nil
    ) {
        self.kind = kind
        self.apiVersion = apiVersion
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The desired state of a node.
public struct NodeSpec: Codable, Sendable, Equatable {
    /// Taints that repel pods without a matching toleration.
    public var taints: [Taint]?
    /// Whether new pods are kept off the node (`kubectl cordon`).
    public var unschedulable: Bool?
    /// The pod IP range.
    public var podCIDR: String?
    /// The pod IP ranges.
    public var podCIDRs: [String]?
    /// The cloud provider's id of the node.
    public var providerID: String?

    /// Creates a node spec.
    public init(taints: [Taint]? = nil, unschedulable: Bool? = nil, podCIDR: String? = nil, podCIDRs: [String]? = nil,
                providerID: String? = nil) {
        self.taints = taints
        self.unschedulable = unschedulable
        self.podCIDR = podCIDR
        self.podCIDRs = podCIDRs
        self.providerID = providerID
    }
}

/// A node taint.
public struct Taint: Codable, Sendable, Hashable {
    /// The key, e.g. `node.kubernetes.io/not-ready`.
    public var key: String?
    /// The value.
    public var value: String?
    /// `NoSchedule`, `PreferNoSchedule` or `NoExecute`.
    public var effect: TaintEffect?
    /// When a `NoExecute` taint was added.
    public var timeAdded: Time?

    /// Creates a taint.
    public init(key: String? = nil, value: String? = nil, effect: TaintEffect? = nil, timeAdded: Time? = nil) {
        self.key = key
        self.value = value
        self.effect = effect
        self.timeAdded = timeAdded
    }
}

/// The effect of a taint.
public struct TaintEffect: KubernetesEnum {
    /// The effect as sent by the server.
    public let rawValue: String
    /// Creates an effect from its string.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `NoSchedule`: new pods without a toleration are not scheduled.
    public static let noSchedule: TaintEffect = "NoSchedule"
    /// `PreferNoSchedule`: the scheduler avoids the node.
    public static let preferNoSchedule: TaintEffect = "PreferNoSchedule"
    /// `NoExecute`: pods without a toleration are also evicted.
    public static let noExecute: TaintEffect = "NoExecute"
}

/// The observed state of a node.
public struct NodeStatus: Codable, Sendable, Equatable {
    /// The total resources of the node.
    public var capacity: [String: Quantity]?
    /// The resources available to pods.
    public var allocatable: [String: Quantity]?
    /// The node's conditions (`Ready`, `MemoryPressure`, `DiskPressure`, `PIDPressure`...).
    public var conditions: [NodeCondition]?
    /// The node's addresses.
    public var addresses: [NodeAddress]?
    /// Versions and platform.
    public var nodeInfo: NodeSystemInfo?
    /// The deprecated node phase.
    public var phase: String?

    /// Creates a node status.
    public init(
        capacity: [String: Quantity]? = nil, allocatable: [String: Quantity]? = nil,
        conditions: [NodeCondition]? = nil, addresses: [NodeAddress]? = nil, nodeInfo: NodeSystemInfo? = nil
    ) {
        self.capacity = capacity
        self.allocatable = allocatable
        self.conditions = conditions
        self.addresses = addresses
        self.nodeInfo = nodeInfo
    }

    /// The condition of a type, if reported.
    public func condition(_ type: ConditionType) -> NodeCondition? { conditions?.condition(type) }
}

/// An address of a node.
public struct NodeAddress: Codable, Sendable, Hashable {
    /// `InternalIP`, `ExternalIP`, `Hostname`, `InternalDNS` or `ExternalDNS`.
    public var type: String?
    /// The address.
    public var address: String?

    /// Creates an address.
    public init(type: String? = nil, address: String? = nil) {
        self.type = type
        self.address = address
    }
}

/// Versions and platform of a node.
public struct NodeSystemInfo: Codable, Sendable, Hashable {
    /// e.g. `amd64`, `arm64`.
    public var architecture: String?
    /// e.g. `linux`, `windows`.
    public var operatingSystem: String?
    /// e.g. `v1.32.0`.
    public var kubeletVersion: String?
    /// e.g. `containerd://1.7.0`.
    public var containerRuntimeVersion: String?
    /// e.g. `Debian GNU/Linux 12 (bookworm)`.
    public var osImage: String?
    /// e.g. `6.1.0`.
    public var kernelVersion: String?
    /// The deprecated kube-proxy version.
    public var kubeProxyVersion: String?
    /// The machine id.
    public var machineID: String?
    /// The system UUID.
    public var systemUUID: String?
    /// The boot id.
    public var bootID: String?

    /// Creates system info.
    public init(
        architecture: String? = nil, operatingSystem: String? = nil, kubeletVersion: String? = nil,
        containerRuntimeVersion: String? = nil, osImage: String? = nil, kernelVersion: String? = nil
    ) {
        self.architecture = architecture
        self.operatingSystem = operatingSystem
        self.kubeletVersion = kubeletVersion
        self.containerRuntimeVersion = containerRuntimeVersion
        self.osImage = osImage
        self.kernelVersion = kernelVersion
    }
}
