import KubeModel

/// A pod that runs well, as `watch` keeps it: only what the diagnoses of its failing siblings read
/// (names and owners, node, phase, and each container's readiness and state), in about a third of the
/// memory of even a slimmed `Pod`. A large cluster is mostly these. ``pod`` gives it back as a `Pod`.
struct SiblingPod: Sendable {
    /// One container's readiness and state, without messages or times.
    struct Container: Sendable {
        /// Which state the container is in.
        enum State: UInt8, Sendable { case unknown, waiting, running, terminated }
        /// The container's name.
        var name: String?
        /// Whether it is ready.
        var ready: Bool?
        /// How many times it restarted.
        var restarts: Int32?
        /// Its state.
        var state: State
        /// The waiting or termination reason.
        var reason: String?
        /// The exit code, when terminated.
        var exitCode: Int32?

        /// The brief of one container's status.
        init(_ status: ContainerStatus) {
            name = status.name
            ready = status.ready
            restarts = status.restartCount.map { Int32(clamping: $0) }
            if let waiting = status.state?.waiting {
                state = .waiting
                reason = waiting.reason
            } else if status.state?.running != nil {
                state = .running
            } else if let terminated = status.state?.terminated {
                state = .terminated
                reason = terminated.reason
                exitCode = terminated.exitCode.map { Int32(clamping: $0) }
            } else {
                state = .unknown
            }
        }

        /// The status again, with what was kept.
        var status: ContainerStatus {
            let state: ContainerState?
            switch self.state {
            case .unknown: state = nil
            case .waiting: state = ContainerState(waiting: ContainerStateWaiting(reason: reason))
            case .running: state = ContainerState(running: ContainerStateRunning())
            case .terminated: state = ContainerState(terminated: ContainerStateTerminated(exitCode: exitCode.map(Int.init), reason: reason))
            }
            return ContainerStatus(name: name, ready: ready, restartCount: restarts.map(Int.init), state: state)
        }
    }

    var name: String?
    var namespace: String?
    var uid: String?
    var resourceVersion: String?
    var owners: [OwnerReference]?
    var deletionTimestamp: Time?
    var node: String?
    var phase: PodPhase?
    var containers: [Container]
    var initContainers: [Container]?

    /// The sibling of `pod`; `owners` is the pod's owner references, shared with its workload's other pods.
    init(_ pod: Pod, owners: [OwnerReference]?) {
        name = pod.metadata.name
        namespace = pod.metadata.namespace
        uid = pod.metadata.uid
        resourceVersion = pod.metadata.resourceVersion
        self.owners = owners
        deletionTimestamp = pod.metadata.deletionTimestamp
        node = pod.spec?.nodeName
        phase = pod.status?.phase
        containers = (pod.status?.containerStatuses ?? []).map(Container.init)
        initContainers = pod.status?.initContainerStatuses?.map(Container.init)
    }

    /// The pod in its sibling form (``ClusterCache/sibling(_:)``): no containers in its spec.
    var pod: Pod {
        var meta = ObjectMeta(name: name, namespace: namespace, uid: uid, resourceVersion: resourceVersion)
        meta.ownerReferences = owners
        meta.deletionTimestamp = deletionTimestamp
        var spec = PodSpec()
        spec.nodeName = node
        var pod = Pod(metadata: meta)
        pod.spec = spec
        pod.status = PodStatus(phase: phase, containerStatuses: containers.map(\.status), initContainerStatuses: initContainers.map { $0.map(\.status) })
        return pod
    }
}
