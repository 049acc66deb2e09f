import Foundation
import KubeModel

/// Everything known about one pod, gathered before the engine runs. Every part but the pod is
/// optional: missing evidence lowers confidence or drops a finding, never crashes.
public struct PodEvidence: Sendable {
    /// The pod.
    public var pod: Pod
    /// Events about the pod, any order (the engine orders them).
    public var events: [Event]
    /// Logs per container: the current and the previous (crashed) instance, bounded.
    public var logs: [ContainerLogKey: ContainerLog]
    /// The owner chain, nearest first (ReplicaSet, then Deployment...).
    public var owners: [Owner]
    /// The other ReplicaSets of the pod's Deployment (older and newer revisions).
    public var siblingReplicaSets: [ReplicaSet]
    /// Other pods of the same owner (for rollouts and per-node comparisons), without copies.
    public var siblings: SiblingPods
    /// Other pods of the same owner, as an array (a copy of ``siblings``).
    public var siblingPods: [Pod] {
        get { Array(siblings) }
        set { siblings = SiblingPods(newValue) }
    }
    /// The pod's node.
    public var node: Lookup<Node>
    /// Other nodes, where known (per-node comparisons).
    public var nodes: [Node]
    /// The ConfigMaps the pod references, by name.
    public var configMaps: [String: Lookup<ConfigMap>]
    /// The Secrets the pod references (metadata only), by name.
    public var secrets: [String: Lookup<PartialObjectMetadata>]
    /// Services of the pod's namespace and of namespaces its logs or env name.
    public var services: [Service]
    /// Endpoints of those Services.
    public var endpoints: [Endpoints]
    /// Whether ``services`` is complete, so a host without a Service really has none.
    public var servicesChecked = true
    /// The namespaces whose Services ``services`` holds completely, when not every namespace's.
    public var serviceNamespaces: Set<String>?
    /// The PersistentVolumeClaims the pod mounts, by name.
    public var claims: [String: Lookup<PersistentVolumeClaim>] = [:]
    /// ResourceQuotas of the namespace.
    public var quotas: [ResourceQuota]
    /// LimitRanges of the namespace.
    public var limitRanges: [LimitRange]
    /// Reads that failed (e.g. a 403), in words; findings that needed them say so.
    public var unavailable: [String]
    /// The time of the diagnosis: ages, back-off and "recent" are measured from it.
    public var now: Date

    /// Creates evidence; only the pod is required.
    public init(
        pod: Pod, events: [Event] = [], logs: [ContainerLogKey: ContainerLog] = [:], owners: [Owner] = [],
        siblingReplicaSets: [ReplicaSet] = [], siblingPods: [Pod] = [], node: Lookup<Node> = .unknown("not read"),
        nodes: [Node] = [], configMaps: [String: Lookup<ConfigMap>] = [:], secrets: [String: Lookup<PartialObjectMetadata>] = [:],
        services: [Service] = [], endpoints: [Endpoints] = [], quotas: [ResourceQuota] = [], limitRanges: [LimitRange] = [],
        unavailable: [String] = [], now: Date = Date()
    ) {
        self.pod = pod
        self.events = events
        self.logs = logs
        self.owners = owners
        self.siblingReplicaSets = siblingReplicaSets
        siblings = SiblingPods(siblingPods)
        self.node = node
        self.nodes = nodes
        self.configMaps = configMaps
        self.secrets = secrets
        self.services = services
        self.endpoints = endpoints
        self.quotas = quotas
        self.limitRanges = limitRanges
        self.unavailable = unavailable
        self.now = now
    }
}

/// Which log: a container, and the current or the previous instance.
public struct ContainerLogKey: Hashable, Sendable {
    /// The container's name.
    public var container: String
    /// The previous (crashed) instance's log.
    public var previous: Bool
    /// Creates a key.
    public init(container: String, previous: Bool) {
        self.container = container
        self.previous = previous
    }
}

/// A container's log as read (bounded), or why it could not be read.
public enum ContainerLog: Sendable, Equatable {
    /// The text (possibly only its tail).
    case text(String)
    /// It could not be read (forbidden, no previous instance...).
    case unavailable(String)

    /// The text, when there is one.
    public var text: String? {
        if case .text(let text) = self { return text }
        return nil
    }
}

/// The result of looking up an object the pod needs.
public enum Lookup<Object: Sendable & Equatable>: Sendable, Equatable {
    /// It exists.
    case found(Object)
    /// It does not exist in the pod's namespace; these other namespaces have one of that name.
    case absent(elsewhere: [String])
    /// It could not be checked (e.g. 403), and why.
    case unknown(String)

    /// The object, when found.
    public var object: Object? {
        if case .found(let object) = self { return object }
        return nil
    }
}

/// An owner of the pod: one of the workload kinds.
public enum Owner: Sendable, Equatable {
    /// A ReplicaSet.
    case replicaSet(ReplicaSet)
    /// A Deployment.
    case deployment(Deployment)
    /// A StatefulSet.
    case statefulSet(StatefulSet)
    /// A DaemonSet.
    case daemonSet(DaemonSet)
    /// A Job.
    case job(Job)
    /// A CronJob.
    case cronJob(CronJob)

    /// The kind's name.
    public var kind: String {
        switch self {
        case .replicaSet: return "ReplicaSet"
        case .deployment: return "Deployment"
        case .statefulSet: return "StatefulSet"
        case .daemonSet: return "DaemonSet"
        case .job: return "Job"
        case .cronJob: return "CronJob"
        }
    }

    /// The owner's metadata.
    public var metadata: ObjectMeta {
        switch self {
        case .replicaSet(let object): return object.metadata
        case .deployment(let object): return object.metadata
        case .statefulSet(let object): return object.metadata
        case .daemonSet(let object): return object.metadata
        case .job(let object): return object.metadata
        case .cronJob(let object): return object.metadata
        }
    }
}
