import Foundation
import KubeClient
import KubeModel
import Logging
import PodDiagnosis

/// What `watch` keeps of a cluster, one cache per kind a diagnosis reads, each filled by its own
/// list+watch (``Informer``): pods (healthy ones slimmed), the events about pods and about nodes,
/// nodes, the owner kinds, ConfigMaps, Secrets (metadata only), Services, Endpoints and claims.
/// A diagnosis then reads its evidence here instead of from the API server.
final class ClusterCache: Sendable {
    /// The namespace watched, or `nil` for all of them (nodes and their events are cluster-wide either way).
    let namespace: String?

    let pods = PodCache()
    let podEvents = ObjectCache<Event>(indexers: ["pod": ClusterCache.podKeys])
    let nodeEvents = ObjectCache<Event>(indexers: ["node": { [$0.involvedObject.name].compactMap { $0 } }])
    let nodes = ObjectCache<Node>()
    let replicaSets = ObjectCache<ReplicaSet>(indexers: ["owner": { [$0.metadata.controller?.uid].compactMap { $0 } }])
    let deployments = ObjectCache<Deployment>()
    let statefulSets = ObjectCache<StatefulSet>()
    let daemonSets = ObjectCache<DaemonSet>()
    let jobs = ObjectCache<Job>()
    let cronJobs = ObjectCache<CronJob>()
    let configMaps = ObjectCache<ConfigMap>(indexers: ["name": { [$0.metadata.name].compactMap { $0 } }])
    let secrets = ObjectCache<PartialObjectMetadata>(indexers: ["name": { [$0.metadata.name].compactMap { $0 } }])
    let services = ObjectCache<Service>()
    let endpoints = ObjectCache<Endpoints>()
    let claims = ObjectCache<PersistentVolumeClaim>()

    /// Every cache, each kept by one watch.
    private var caches: [any WatchCache] {
        [pods, podEvents, nodeEvents, nodes, replicaSets, deployments, statefulSets, daemonSets, jobs, cronJobs, configMaps, secrets,
         services, endpoints, claims]
    }

    /// The watches kept open: one per cache.
    static let watchCount = ClusterCache(namespace: nil).caches.count

    /// Empty caches for `namespace` (all namespaces when `nil`).
    init(namespace: String?) {
        self.namespace = namespace
    }

    /// The index values of an event about a pod: `uid:UID` when it names one, and `name:NS/NAME`.
    static func podKeys(_ event: Event) -> [String] {
        let involved = event.involvedObject
        guard involved.kind == nil || involved.kind == "Pod" else { return [] }
        var keys: [String] = []
        if let uid = involved.uid, !uid.isEmpty { keys.append("uid:\(uid)") }
        if let name = involved.name, let namespace = involved.namespace ?? event.metadata.namespace { keys.append("name:\(namespace)/\(name)") }
        return keys
    }

    /// Whether every cache has been filled by its first list (or found it cannot be).
    var synced: Bool { caches.allSatisfy(\.synced) }

    /// Waits until every cache is filled, or `timeout` has passed; returns whether they all are.
    func waitForSync(timeout: Duration) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while !synced {
            if clock.now >= deadline || Task.isCancelled { return false }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return true
    }

    /// Keeps every cache filled until the task is cancelled. `pod` hears of each change to the pods,
    /// `podEvent` of each event about a pod that arrives or changes. Throws when the pods cannot be
    /// watched (403, 404, an object that does not decode); other kinds that cannot be watched are
    /// noted in their cache, logged, and tried again later.
    func run(
        client: KubernetesClient, logger: Logger, monitor: WatchMonitor?,
        pod: @escaping @Sendable (CacheChange<Pod>) async -> Void, podEvent: @escaping @Sendable (Event) async -> Void
    ) async throws {
        let namespace = namespace
        let pods = Informer(kind: "Pod", cache: self.pods, watch: { restart in
            client.watch(Pod.self, namespace: namespace, transform: { ClusterCache.kept(pod: $0, now: client.serverTime() ?? Date()) }, onRestart: restart)
        }, essential: true)
        let podEvents = Informer(kind: "Event", cache: self.podEvents, watch: { restart in
            client.watch(Event.self, namespace: namespace, options: ListOptions(fieldSelector: "involvedObject.kind=Pod"), onRestart: restart)
        })
        let nodeEvents = Informer(kind: "NodeEvent", cache: self.nodeEvents, watch: { restart in
            client.watch(Event.self, options: ListOptions(fieldSelector: "involvedObject.kind=Node"), onRestart: restart)
        })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await pods.run(logger: logger, monitor: monitor, changed: pod)
            }
            group.addTask {
                try await podEvents.run(logger: logger, monitor: monitor) { change in
                    switch change {
                    case .upserted(let event): await podEvent(event)
                    case .listed(let changed, _):
                        // Events that arrived while the watch was away.
                        for key in changed { if let event = self.podEvents.get(key: key) { await podEvent(event) } }
                    case .deleted: break
                    }
                }
            }
            group.addTask { try await nodeEvents.run(logger: logger, monitor: monitor) { _ in } }
            func add<T: KubernetesObject>(_ kind: T.Type, _ cache: ObjectCache<T>, clusterScoped: Bool = false) {
                let informer = Informer(kind: T.kind, cache: cache, watch: { restart in
                    client.watch(T.self, namespace: clusterScoped ? nil : namespace, transform: ClusterCache.kept, onRestart: restart)
                })
                group.addTask { try await informer.run(logger: logger, monitor: monitor) { _ in } }
            }
            add(Node.self, nodes, clusterScoped: true)
            add(ReplicaSet.self, replicaSets)
            add(Deployment.self, deployments)
            add(StatefulSet.self, statefulSets)
            add(DaemonSet.self, daemonSets)
            add(Job.self, jobs)
            add(CronJob.self, cronJobs)
            add(ConfigMap.self, configMaps)
            add(Service.self, services)
            add(Endpoints.self, endpoints)
            add(PersistentVolumeClaim.self, claims)
            var secrets = Informer(kind: "Secret", cache: self.secrets, watch: { restart in
                client.watchMetadata(Secret.self, namespace: namespace, transform: SecretMetadata.kept, onRestart: restart)
            })
            // PodDoctor's default role grants no Secrets, on purpose.
            secrets.refusal = (.info, "the role grants no Secrets; findings about missing Secrets rest on the kubelet's messages")
            group.addTask { try await secrets.run(logger: logger, monitor: monitor) { _ in } }
            try await group.next()
            group.cancelAll()
        }
    }

    /// What the cache keeps of an object: all of it but kubectl's last applied configuration, which
    /// repeats the whole object (a ConfigMap's data again) in an annotation.
    @Sendable static func kept<T: KubernetesObject>(_ object: T) -> T {
        guard object.metadata.annotations?[lastApplied] != nil else { return object }
        var copy = object
        copy.metadata.annotations?[lastApplied] = nil
        return copy
    }

    /// What the cache keeps of a pod: whole while it needs evidence or is being deleted (it may get
    /// stuck); while it runs well, only what the diagnoses of its failing siblings read (``sibling(_:)``).
    static func kept(pod: Pod, now: Date) -> Pod {
        PodHealth(pod: pod, now: now).needsEvidence || pod.metadata.deletionTimestamp != nil ? kept(pod) : sibling(pod)
    }

    /// Whether a cached pod is the sibling form of a healthy pod (a real pod has containers).
    static func isSibling(_ pod: Pod) -> Bool {
        pod.spec?.containers.isEmpty ?? true
    }

    /// A healthy pod as a sibling: its names and owners, node, phase, and each container's readiness
    /// and state (without messages or times), which is what the rules that compare a failing pod with
    /// its workload's other pods read (NodeSpreadRule, RolloutRule). A 50,000-pod cluster is mostly these.
    static func sibling(_ pod: Pod) -> Pod {
        SiblingPod(pod, owners: pod.metadata.ownerReferences).pod
    }

    static let lastApplied = "kubectl.kubernetes.io/last-applied-configuration"
}
