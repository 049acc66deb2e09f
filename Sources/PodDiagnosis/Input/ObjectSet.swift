import Foundation
import KubeModel

/// A set of Kubernetes objects and pod logs held in memory (a snapshot, a fixture, or what a scan
/// read), from which the evidence of each pod is assembled without any further reading.
public struct ObjectSet: Sendable {
    /// Pods.
    public var pods: [Pod] = []
    /// Events (both API groups, read into one model).
    public var events: [Event] = []
    /// ReplicaSets.
    public var replicaSets: [ReplicaSet] = []
    /// Deployments.
    public var deployments: [Deployment] = []
    /// StatefulSets.
    public var statefulSets: [StatefulSet] = []
    /// DaemonSets.
    public var daemonSets: [DaemonSet] = []
    /// Jobs.
    public var jobs: [Job] = []
    /// CronJobs.
    public var cronJobs: [CronJob] = []
    /// Nodes.
    public var nodes: [Node] = []
    /// ConfigMaps.
    public var configMaps: [ConfigMap] = []
    /// Secrets, metadata only (never their data).
    public var secrets: [PartialObjectMetadata] = []
    /// Services.
    public var services: [Service] = []
    /// Endpoints.
    public var endpoints: [Endpoints] = []
    /// PersistentVolumeClaims.
    public var claims: [PersistentVolumeClaim] = []
    /// ResourceQuotas.
    public var quotas: [ResourceQuota] = []
    /// LimitRanges.
    public var limitRanges: [LimitRange] = []
    /// Logs by namespace, pod, container and instance.
    public var logs: [LogKey: String] = [:]
    /// Kinds found that are not used, with counts (for messages).
    public var ignoredKinds: [String: Int] = [:]
    /// The kinds this set holds completely enough that a missing object really is absent
    /// (`ConfigMap`, `Secret`, `Service`, `Node`, `PersistentVolumeClaim`...). A snapshot of pods only
    /// says nothing about ConfigMaps: their lookups are then "unknown", not "absent".
    public var checkedKinds: Set<String> = []
    /// The namespaces whose Services were listed completely, when not all (a namespace-scoped read):
    /// a Service missing from another namespace is unknown there, not absent.
    public var serviceNamespaces: Set<String>?
    /// Reads that failed, by what was read (`configmaps:NAMESPACE`, `secrets:NAMESPACE`, `events:NAMESPACE`,
    /// `nodes`...), with the reason: lookups there are "unknown", not "absent".
    public var unreadable: [String: String] = [:]

    /// Creates an empty set.
    public init() {}

    /// Identifies one log.
    public struct LogKey: Hashable, Sendable {
        /// The namespace.
        public var namespace: String
        /// The pod.
        public var pod: String
        /// The container.
        public var container: String
        /// The previous instance's log.
        public var previous: Bool
        /// Creates a key.
        public init(namespace: String, pod: String, container: String, previous: Bool) {
            self.namespace = namespace
            self.pod = pod
            self.container = container
            self.previous = previous
        }
    }

    /// Adds everything of `other`.
    public mutating func merge(_ other: ObjectSet) {
        pods += other.pods
        events += other.events
        replicaSets += other.replicaSets
        deployments += other.deployments
        statefulSets += other.statefulSets
        daemonSets += other.daemonSets
        jobs += other.jobs
        cronJobs += other.cronJobs
        nodes += other.nodes
        configMaps += other.configMaps
        secrets += other.secrets
        services += other.services
        endpoints += other.endpoints
        quotas += other.quotas
        claims += other.claims
        limitRanges += other.limitRanges
        logs.merge(other.logs) { first, _ in first }
        ignoredKinds.merge(other.ignoredKinds, uniquingKeysWith: +)
        unreadable.merge(other.unreadable) { first, _ in first }
        checkedKinds.formUnion(other.checkedKinds)
        if let theirs = other.serviceNamespaces { serviceNamespaces = serviceNamespaces.map { $0.union(theirs) } }
        else if other.checkedKinds.contains("Service") { serviceNamespaces = nil }
    }

    /// The most log lines the engine reads per instance (live mode asks for the last 200).
    public static let logLines = 1000
    /// The longest log line the engine reads; longer ones are cut (a minified bundle, a binary dump).
    public static let logLineLength = 4096

    /// The last ``logLines`` lines of a log, each cut at ``logLineLength`` characters.
    public static func boundedLog(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let tooMany = lines.count > logLines + 1
        if tooMany { lines = Array(lines.suffix(logLines + 1)) }
        guard tooMany || lines.contains(where: { $0.utf8.count > logLineLength }) else { return text }
        // Cut by bytes (a line of one letter and 200,000 combining marks is one Character).
        return lines.map { line in
            guard line.utf8.count > logLineLength else { return String(line) }
            return String(decoding: line.utf8.prefix(logLineLength), as: UTF8.self) + " …(line cut)"
        }.joined(separator: "\n")
    }

    /// Keeps one copy of each pod (by namespace, name and uid) when the same objects were read twice
    /// (two files of one snapshot, a folder given twice): the first copy wins.
    public mutating func removeDuplicatePods() {
        var seen = Set<String>()
        pods = pods.filter { pod in
            seen.insert("\(pod.metadata.namespace ?? "default")/\(pod.metadata.name ?? "")/\(pod.metadata.uid ?? "")").inserted
        }
    }

    /// The evidence of one pod, from what this set holds.
    /// Whether an event is about `pod` (by uid when both have one, else by name), or about its node
    /// (a reboot, NotReady, a system OOM belong to the pod's evidence too).
    static func isAbout(_ event: Event, _ pod: Pod) -> Bool {
        let involved = event.involvedObject
        if involved.kind == "Node" { return pod.spec?.nodeName != nil && involved.name == pod.spec?.nodeName }
        guard involved.kind == nil || involved.kind == "Pod" else { return false }
        if let uid = pod.metadata.uid, let eventUID = involved.uid, !eventUID.isEmpty { return eventUID == uid }
        return involved.name == (pod.metadata.name ?? "") && (involved.namespace ?? event.metadata.namespace) == (pod.metadata.namespace ?? "default")
    }

    public func evidence(for pod: Pod, now: Date) -> PodEvidence {
        evidence(for: pod, now: now, index: nil)
    }

    /// The evidence of many pods, with the pods grouped by controller once (instead of a scan of
    /// every pod for each one's siblings).
    public func evidence(for pods: [Pod], now: Date) -> [PodEvidence] {
        let index = EvidenceIndex(self)
        return ParallelMap.map(pods) { evidence(for: $0, now: now, index: index) }
    }

    func evidence(for pod: Pod, now: Date, index: EvidenceIndex?) -> PodEvidence {
        let namespace = pod.metadata.namespace ?? "default"
        let name = pod.metadata.name ?? ""
        let uid = pod.metadata.uid
        let nodeName = pod.spec?.nodeName
        let podEvents = index?.events(of: pod, in: events) ?? events.filter { Self.isAbout($0, pod) }
        var logs: [ContainerLogKey: ContainerLog] = [:]
        for key in index?.logKeys(namespace: namespace, pod: name) ?? Array(self.logs.keys) where key.namespace == namespace && key.pod == name {
            guard let text = self.logs[key] else { continue }
            logs[ContainerLogKey(container: key.container, previous: key.previous)] = .text(Self.boundedLog(text))
        }
        var owners: [Owner] = []
        var siblingReplicaSets: [ReplicaSet] = []
        var reference = pod.metadata.controller
        var visited = Set<String>()
        while let current = reference, visited.insert("\(current.kind)/\(current.name)").inserted, visited.count <= 5 {
            var next: OwnerReference?
            switch current.kind {
            case "ReplicaSet":
                if let rs = replicaSets.first(where: { matches($0.metadata, current, namespace) }) {
                    owners.append(.replicaSet(rs))
                    next = rs.metadata.controller
                }
            case "Deployment":
                if let deployment = deployments.first(where: { matches($0.metadata, current, namespace) }) {
                    owners.append(.deployment(deployment))
                    siblingReplicaSets = replicaSets.filter { replicaSet in
                        guard replicaSet.metadata.namespace == namespace, let owner = replicaSet.metadata.controller, owner.kind == "Deployment" else { return false }
                        if let uid = deployment.metadata.uid, !uid.isEmpty, !owner.uid.isEmpty { return owner.uid == uid }
                        return owner.name == deployment.metadata.name
                    }
                }
            case "StatefulSet":
                if let object = statefulSets.first(where: { matches($0.metadata, current, namespace) }) { owners.append(.statefulSet(object)) }
            case "DaemonSet":
                if let object = daemonSets.first(where: { matches($0.metadata, current, namespace) }) { owners.append(.daemonSet(object)) }
            case "Job":
                if let job = jobs.first(where: { matches($0.metadata, current, namespace) }) {
                    owners.append(.job(job))
                    next = job.metadata.controller
                }
            case "CronJob":
                if let object = cronJobs.first(where: { matches($0.metadata, current, namespace) }) { owners.append(.cronJob(object)) }
            default:
                break
            }
            reference = next
        }
        let topUIDs = Set(siblingReplicaSets.compactMap(\.metadata.uid) + [pod.metadata.controller?.uid].compactMap { $0 })
        let siblings: SiblingPods
        if let index, let uid {
            // The workload's pods once, shared by every pod of it; this one left out by position.
            let group = index.siblingGroups.group(namespace: pod.metadata.namespace, uids: topUIDs.sorted()) {
                topUIDs.sorted().flatMap { index.podsByController[$0] ?? [] }.map { pods[$0] }
                    .filter { $0.metadata.namespace == pod.metadata.namespace }
            }
            switch group.positions[uid] ?? [] {
            case []: siblings = SiblingPods(group.pods)
            case let positions where positions.count == 1: siblings = SiblingPods(sharing: group.pods, leavingOut: positions[0])
            default: siblings = SiblingPods(group.pods.filter { $0.metadata.uid != uid })
            }
        } else {
            siblings = SiblingPods(pods.filter { other in
                other.metadata.uid != uid && other.metadata.namespace == pod.metadata.namespace &&
                    (other.metadata.controller.map { topUIDs.contains($0.uid) } ?? false)
            })
        }
        let node: Lookup<Node> = pod.spec?.nodeName.map { nodeName in
            nodes.first { $0.metadata.name == nodeName }.map { .found($0) }
                ?? (checkedKinds.contains("Node") ? .absent(elsewhere: []) : .unknown("no Nodes were read"))
        } ?? .unknown("the pod has no node")
        var configMapLookups: [String: Lookup<ConfigMap>] = [:]
        var secretLookups: [String: Lookup<PartialObjectMetadata>] = [:]
        let references = PodReferences(pod)
        for reference in references.configMaps {
            if let found = configMaps.first(where: { $0.metadata.name == reference && $0.metadata.namespace == namespace }) {
                configMapLookups[reference] = .found(found)
            } else if let reason = unreadable["configmaps:\(namespace)"] ?? unreadable["configmaps/\(namespace)/\(reference)"] {
                configMapLookups[reference] = .unknown(reason)
            } else if !checkedKinds.contains("ConfigMap") {
                configMapLookups[reference] = .unknown("no ConfigMaps were read")
            } else {
                configMapLookups[reference] = .absent(elsewhere: configMaps.filter { $0.metadata.name == reference }.compactMap(\.metadata.namespace).sorted())
            }
        }
        for reference in references.secrets {
            if let found = secrets.first(where: { $0.metadata.name == reference && $0.metadata.namespace == namespace }) {
                secretLookups[reference] = .found(found)
            } else if let reason = unreadable["secrets:\(namespace)"] ?? unreadable["secrets/\(namespace)/\(reference)"] {
                secretLookups[reference] = .unknown(reason)
            } else if !checkedKinds.contains("Secret") {
                secretLookups[reference] = .unknown("no Secrets were read")
            } else {
                secretLookups[reference] = .absent(elsewhere: secrets.filter { $0.metadata.name == reference }.compactMap(\.metadata.namespace).sorted())
            }
        }
        var evidence = PodEvidence(
            pod: pod, events: podEvents, logs: logs, owners: owners, siblingReplicaSets: siblingReplicaSets,
            node: node, nodes: nodes, configMaps: configMapLookups, secrets: secretLookups,
            services: services, endpoints: endpoints,
            quotas: quotas.filter { $0.metadata.namespace == namespace },
            limitRanges: limitRanges.filter { $0.metadata.namespace == namespace },
            unavailable: unreadable.filter { key, _ in !key.contains(":") || key.hasSuffix(":\(namespace)") || key.contains("/\(namespace)/") }
                .map { "\($0.value)" }.sorted(),
            now: now
        )
        evidence.siblings = siblings
        for name in (pod.spec?.volumes ?? []).compactMap({ $0.persistentVolumeClaim?.claimName }) {
            if let reason = unreadable["persistentvolumeclaims:\(namespace)"], !claims.contains(where: { $0.metadata.name == name }) {
                evidence.claims[name] = .unknown(reason)
                continue
            }
            evidence.claims[name] = claims.first { $0.metadata.name == name && $0.metadata.namespace == namespace }.map { .found($0) }
                ?? (checkedKinds.contains("PersistentVolumeClaim") ? .absent(elsewhere: []) : .unknown("no PersistentVolumeClaims were read"))
        }
        evidence.servicesChecked = checkedKinds.contains("Service")
        evidence.serviceNamespaces = serviceNamespaces
        return evidence
    }

    private func matches(_ metadata: ObjectMeta, _ reference: OwnerReference, _ namespace: String) -> Bool {
        metadata.name == reference.name && (metadata.namespace ?? namespace) == namespace
    }
}

/// The ConfigMaps and Secrets a pod references (env, envFrom, volumes, projected volumes, pull secrets).
public struct PodReferences: Sendable, Equatable {
    /// ConfigMap names.
    public var configMaps: [String]
    /// Secret names.
    public var secrets: [String]

    /// Collects the references of `pod`, each name once, in a stable order.
    public init(_ pod: Pod) {
        var configMaps: [String] = []
        var secrets: [String] = []
        let containers = (pod.spec?.initContainers ?? []) + (pod.spec?.containers ?? [])
        for container in containers {
            for env in container.env ?? [] {
                if let name = env.valueFrom?.configMapKeyRef?.name { configMaps.append(name) }
                if let name = env.valueFrom?.secretKeyRef?.name { secrets.append(name) }
            }
            for source in container.envFrom ?? [] {
                if let name = source.configMapRef?.name { configMaps.append(name) }
                if let name = source.secretRef?.name { secrets.append(name) }
            }
        }
        for volume in pod.spec?.volumes ?? [] {
            if let name = volume.configMap?.name { configMaps.append(name) }
            if let name = volume.secret?.secretName { secrets.append(name) }
            for source in volume.projected?.sources ?? [] {
                if let name = source.configMap?.name { configMaps.append(name) }
                if let name = source.secret?.name { secrets.append(name) }
            }
        }
        secrets += (pod.spec?.imagePullSecrets ?? []).compactMap(\.name)
        var seenMaps = Set<String>(), seenSecrets = Set<String>()
        self.configMaps = configMaps.filter { !$0.isEmpty && seenMaps.insert($0).inserted }
        self.secrets = secrets.filter { !$0.isEmpty && seenSecrets.insert($0).inserted }
    }
}
