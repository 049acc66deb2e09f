import Foundation
import KubeClient
import KubeModel
import PodDiagnosis

/// What to diagnose.
public enum DiagnosisScope: Sendable, Equatable {
    /// One pod.
    case pod(name: String, namespace: String)
    /// The pods of a workload: `deployment`, `statefulset`, `daemonset`, `job` (or `replicaset`).
    case workload(kind: String, name: String, namespace: String)
    /// Pods matching a label selector, in a namespace or in all (`nil`).
    case selector(String, namespace: String?)
    /// Every pod of a namespace.
    case namespace(String)
    /// Every pod of the cluster.
    case allNamespaces

    /// kubectl's spellings of a workload kind (`deploy`, `sts`, `ds`, `rs`, `cj`, plurals) as the
    /// kind in lower case (`deployment`...); other words are returned lower-cased.
    public static func workloadKind(_ kind: String) -> String {
        switch kind.lowercased() {
        case "po", "pods": return "pod"
        case "deploy", "deployments": return "deployment"
        case "sts", "statefulsets": return "statefulset"
        case "ds", "daemonsets": return "daemonset"
        case "rs", "replicasets": return "replicaset"
        case "jobs": return "job"
        case "cj", "cronjobs": return "cronjob"
        default: return kind.lowercased()
        }
    }

    /// Whether the scope spans every namespace (then context is listed cluster-wide, once).
    var isClusterWide: Bool {
        switch self {
        case .allNamespaces, .selector(_, namespace: nil): return true
        default: return false
        }
    }
}

/// Reads what a diagnosis needs from the cluster, with as few requests as it can: the pods, then,
/// for failing pods only and concurrently, their events, logs (bounded), owners, node and the
/// ConfigMaps and Secrets they reference (Secrets as metadata only). Only GET requests.
/// A read that is forbidden is noted and the diagnosis goes on without it.
public struct EvidenceGatherer: Sendable {
    /// Lines of log read per container instance.
    public var tailLines = 200
    /// Bytes of log read per container instance.
    public var limitBytes = 256 << 10
    /// Pods gathered at once.
    public var concurrency = 16
    /// Whether to keep only what the diagnosis reads of healthy pods in a scan (names, owner, node,
    /// images, status), so a large cluster takes less memory. Snapshots keep them whole.
    public var slimHealthyPods = true

    let client: KubernetesClient

    /// Creates a gatherer reading through `client`.
    public init(client: KubernetesClient) {
        self.client = client
    }

    /// What a gathering read, and the moment it speaks of.
    public struct Gathered: Sendable {
        /// The objects and logs.
        public var objects: ObjectSet
        /// The moment: the API server's clock when its responses carried a `Date` header.
        public var moment: Moment
    }

    /// Gathers the objects and logs for `scope`, judging which pods need evidence as of `now`.
    public func gather(_ scope: DiagnosisScope, now: Date) async throws -> ObjectSet {
        try await gather(scope, at: now).objects
    }

    /// Gathers the objects and logs for `scope`. The moment is `given` when set, else the API
    /// server's clock (the `Date` header of its responses), else this machine's clock.
    public func gather(_ scope: DiagnosisScope, at given: Date? = nil) async throws -> Gathered {
        let collector = Collector(client: client, gatherer: self)
        if case .pod = scope { return try await gatherOnePod(scope, at: given, collector) }
        // A scan streams: each page of pods is judged as it arrives, and the reads its failing pods
        // need (their logs, the namespace's events and Services, the owners' kinds) start at once,
        // while the next pages download, instead of after the last page.
        await collector.preferBulkOwners()
        let (failingPods, failingSink) = AsyncStream.makeStream(of: Pod.self)
        let (contextReads, readSink) = AsyncStream.makeStream(of: ContextRead.self)
        async let scanned = collector.pods(for: scope, at: given) { failing, reads in
            for read in reads { readSink.yield(read) }
            for pod in failing { failingSink.yield(pod) }
        } finished: {
            readSink.finish()
            failingSink.finish()
        }
        async let context: Void = withTaskGroup(of: Void.self) { group in
            for await read in contextReads { group.addTask { await collector.perform(read) } }
        }
        async let details: Void = withTaskGroup(of: Void.self) { group in
            var running = 0
            for await pod in failingPods {
                if running >= concurrency, await group.next() != nil { running -= 1 }
                group.addTask { await collector.details(for: pod) }
                running += 1
            }
        }
        let (pods, moment) = try await scanned
        _ = await (context, details)
        await collector.add(pods: pods.all)
        // Outside a cluster-wide scan, Services are read per namespace (a namespaced Role suffices), and
        // only those the logs name beyond that (another namespace, a namesake elsewhere).
        if !scope.isClusterWide { await collector.dependencyLookups() }
        return Gathered(objects: await collector.objects, moment: moment)
    }

    /// One pod: the pod, then everything it needs at once (its node, events, logs, owners, references).
    private func gatherOnePod(_ scope: DiagnosisScope, at given: Date?, _ collector: Collector) async throws -> Gathered {
        let (pods, moment) = try await collector.pods(for: scope, at: given)
        await collector.add(pods: pods.all)
        guard let pod = pods.failing.first else { return Gathered(objects: await collector.objects, moment: moment) }
        let namespace = pod.metadata.namespace ?? "default"
        async let node: Void = collector.node(of: pod)
        async let events: Void = collector.events(of: pod)
        // The namespace's Services go out with the rest, in the same round trip; they are taken only
        // when the pod's logs name a dependency.
        async let services = collector.readServices(in: namespace)
        await collector.details(for: pod)
        _ = await (node, events)
        await collector.servicesIfLogsNameDependencies(namespace: namespace, readAhead: await services)
        await collector.dependencyLookups()
        return Gathered(objects: await collector.objects, moment: moment)
    }

    /// Whether a pod needs more than its own status (``PodHealth/needsEvidence``): anything but a
    /// finished pod, one being deleted within its grace period, or one whose containers all run and
    /// are ready with no death in the last hour.
    public static func needsEvidence(_ pod: Pod, now: Date) -> Bool {
        PodHealth(pod: pod, now: now).needsEvidence
    }
}

/// The shared, mutable state of one gathering: what was read, and caches.
actor Collector {
    let client: KubernetesClient
    let gatherer: EvidenceGatherer
    var objects = ObjectSet()
    private var seen = Set<String>()
    /// The context reads started (``ContextRead``).
    var started = Set<ContextRead>()

    init(client: KubernetesClient, gatherer: EvidenceGatherer) {
        self.client = client
        self.gatherer = gatherer
    }

    func add(pods: [Pod]) { objects.pods += pods }

    /// Starts from objects read elsewhere (a watch's caches), for the lookups that go beyond them.
    func seed(_ objects: ObjectSet) { self.objects = objects }


    // MARK: - Pods

    /// The pods of `scope`, each judged once against the moment: those that need more evidence,
    /// and all of them with the healthy ones slimmed (page by page in a cluster-wide scan, so the full
    /// objects of healthy pods do not outlive their page). `found` hears of failing pods as each page is
    /// judged, with the context reads they need that have not started yet; `finished` is called once,
    /// whatever happens.
    func pods(
        for scope: DiagnosisScope, at given: Date?,
        found: @Sendable ([Pod], [ContextRead]) -> Void = { _, _ in }, finished: @Sendable () -> Void = {}
    ) async throws -> (ScopePods, Moment) {
        defer { finished() }
        var pods = ScopePods(slim: gatherer.slimHealthyPods)
        var announced = Set<String>()
        func add(_ items: [Pod]) {
            let failing = pods.add(items, now: moment(given).date).filter { pod in
                announced.insert(pod.metadata.uid ?? "\(pod.metadata.namespace ?? "")/\(pod.metadata.name ?? "")").inserted
            }
            if !failing.isEmpty { found(failing, newReads(for: failing, clusterWide: scope.isClusterWide)) }
        }
        switch scope {
        case .pod(let name, let namespace):
            pods.add([try await client.get(Pod.self, name: name, namespace: namespace)], now: moment(given).date)
        case .namespace(let namespace):
            add(try await client.list(Pod.self, namespace: namespace).items)
        case .allNamespaces:
            for try await page in client.pages(Pod.self) {
                if page.restarted { pods = ScopePods(slim: pods.slim) }
                add(page.list.items)
            }
        case .selector(let selector, let namespace):
            add(try await client.list(Pod.self, namespace: namespace, options: ListOptions(labelSelector: selector)).items)
        case .workload(let kind, let name, let namespace):
            let selector = try await workloadSelector(kind: kind, name: name, namespace: namespace)
            add(try await client.list(Pod.self, namespace: namespace, options: ListOptions(labelSelector: selector)).items)
        }
        return (pods, moment(given))
    }

    /// The moment of the diagnosis: `given` when set, else the API server's clock (the `Date`
    /// header of its latest response), else this machine's clock.
    private func moment(_ given: Date?) -> Moment {
        if let given { return Moment(given, source: .given) }
        if let server = client.serverTime() { return Moment(server, source: .apiServer) }
        return Moment(Date(), source: .localClock)
    }

    private func workloadSelector(kind: String, name: String, namespace: String) async throws -> String {
        let selector: LabelSelector?
        switch DiagnosisScope.workloadKind(kind) {
        case "deployment":
            let object = try await client.get(Deployment.self, name: name, namespace: namespace)
            objects.deployments.append(object)
            selector = object.spec?.selector
        case "statefulset":
            let object = try await client.get(StatefulSet.self, name: name, namespace: namespace)
            objects.statefulSets.append(object)
            selector = object.spec?.selector
        case "daemonset":
            let object = try await client.get(DaemonSet.self, name: name, namespace: namespace)
            objects.daemonSets.append(object)
            selector = object.spec?.selector
        case "replicaset":
            let object = try await client.get(ReplicaSet.self, name: name, namespace: namespace)
            objects.replicaSets.append(object)
            selector = object.spec?.selector
        case "job":
            let object = try await client.get(Job.self, name: name, namespace: namespace)
            objects.jobs.append(object)
            return "job-name=\(name)"
        case "cronjob":
            // A CronJob's pods are its Jobs' pods: the Jobs it owns, by their job-name label.
            let object = try await client.get(CronJob.self, name: name, namespace: namespace)
            objects.cronJobs.append(object)
            let jobs = try await client.list(Job.self, namespace: namespace).items.filter { $0.metadata.controller?.uid == object.metadata.uid }
            objects.jobs += jobs
            let names = jobs.compactMap(\.metadata.name).sorted()
            guard !names.isEmpty else { throw UsageError("cronjob/\(name) has no Jobs (none ran yet, or their history was removed)") }
            return "job-name in (\(names.joined(separator: ",")))"
        default:
            throw UsageError("unknown workload kind \"\(kind)\": use pod, deployment, statefulset, daemonset, replicaset, job or cronjob")
        }
        // matchLabels and matchExpressions, as kubectl selects a workload's pods.
        let text = selector.map(SelectorMatcher.string) ?? ""
        guard !text.isEmpty else { throw UsageError("\(kind)/\(name) has no selector to find its pods") }
        return text
    }

    // MARK: - Shared context

    /// The node of one pod.
    func node(of pod: Pod?) async {
        guard let name = pod?.spec?.nodeName else { return }
        async let events = attempt("events:nodes", { try await self.client.nodeEvents(name: name) })
        if let node = await attempt("nodes", { try await self.client.get(Node.self, name: name) }) {
            objects.nodes.append(node)
        }
        objects.events += await events ?? []
    }

    /// The pod's namespace's Services and Endpoints, when a log names a dependency.
    func servicesIfLogsNameDependencies(namespace: String, readAhead: ServicesRead? = nil) async {
        guard objects.logs.values.contains(where: LogHints.mentionsNetworkDependency) else { return }
        if let readAhead, readAhead.namespace == namespace {
            take(readAhead)
        } else {
            await services(in: namespace)
        }
    }

    /// A namespace's Services and Endpoints, read but not yet taken into the evidence (nor their
    /// failures noted): one pod's diagnosis reads them with everything else and keeps them only when
    /// its logs name a dependency.
    struct ServicesRead: Sendable {
        let namespace: String
        let services: Result<[Service], any Error>
        let endpoints: Result<[Endpoints], any Error>
    }

    /// Reads a namespace's Services and Endpoints without taking them.
    nonisolated func readServices(in namespace: String) async -> ServicesRead {
        async let services = Self.outcome { try await self.client.list(Service.self, namespace: namespace).items }
        async let endpoints = Self.outcome { try await self.client.list(Endpoints.self, namespace: namespace).items }
        return ServicesRead(namespace: namespace, services: await services, endpoints: await endpoints)
    }

    /// The Services and Endpoints of one namespace, read completely (then a missing Service there is absent).
    func services(in namespace: String) async {
        if servicesCovered(namespace) { return }
        take(await readServices(in: namespace))
    }

    /// Whether the Services of `namespace` are already held completely.
    private func servicesCovered(_ namespace: String) -> Bool {
        objects.checkedKinds.contains("Service") && (objects.serviceNamespaces.map { $0.contains(namespace) } ?? true)
    }

    /// Takes what ``readServices(in:)`` read into the evidence, failures noted.
    private func take(_ read: ServicesRead) {
        let namespace = read.namespace
        if servicesCovered(namespace) { return }
        if let services = take("services:\(namespace)", read.services) {
            objects.services += services
            objects.checkedKinds.insert("Service")
            objects.serviceNamespaces = (objects.serviceNamespaces ?? []).union([namespace])
        }
        objects.endpoints += take("endpoints:\(namespace)", read.endpoints) ?? []
    }

    /// Beyond the namespaces read: the namespace a host names (`redis.cache`), and namesakes of a
    /// short name that is missing (`redis` exists in namespace cache). Optional context: a read that
    /// is forbidden (a namespaced Role) is left out quietly.
    func dependencyLookups() async {
        guard let covered = objects.serviceNamespaces else { return }
        let hosts = Set(objects.logs.values.flatMap(LogHints.dependencyHosts))
        var looked = Set<String>()
        for host in hosts.sorted() {
            let parts = host.lowercased().split(separator: ".").map(String.init)
            guard let first = parts.first, !parts.allSatisfy({ Int($0) != nil }) else { continue }
            if parts.count >= 2, !covered.contains(parts[1]), parts.count == 2 || parts[2] == "svc" {
                await services(in: parts[1])
            } else if parts.count == 1, !objects.services.contains(where: { $0.metadata.name == first }), looked.insert(first).inserted {
                let namesakes = try? await client.list(Service.self, options: ListOptions(fieldSelector: "metadata.name=\(first)")).items
                objects.services += (namesakes ?? []).filter { service in !objects.services.contains { $0.metadata.uid == service.metadata.uid } }
            }
        }
    }

    /// Appends the objects not already held (a workload target was read before the bulk lists).
    static func add<T: KubernetesObject>(_ new: [T], to list: inout [T]) {
        let held = Set(list.compactMap(\.metadata.uid))
        list += new.filter { $0.metadata.uid.map { !held.contains($0) } ?? true }
    }

    /// Whether owners are listed in bulk (then the per-pod walk reads nothing more).
    var bulkOwners = false

    // MARK: - Per pod

    func details(for pod: Pod) async {
        let namespace = pod.metadata.namespace ?? "default"
        async let logs: Void = logs(for: pod)
        async let owners: Void = owners(of: pod)
        async let references: Void = references(of: pod)
        async let claims: Void = claims(of: pod)
        _ = await (logs, owners, references, claims)
        _ = namespace
    }

    private func logs(for pod: Pod) async {
        let namespace = pod.metadata.namespace ?? "default"
        for read in LogPlan.reads(for: pod) {
            await readLog(namespace: namespace, pod: pod.metadata.name ?? "", container: read.container, previous: read.previous)
        }
    }

    private func readLog(namespace: String, pod: String, container: String, previous: Bool) async {
        let options = LogOptions(container: container, previous: previous, tailLines: gatherer.tailLines, limitBytes: gatherer.limitBytes)
        let key = ObjectSet.LogKey(namespace: namespace, pod: pod, container: container, previous: previous)
        do {
            objects.logs[key] = try await client.logs(namespace: namespace, pod: pod, options: options)
        } catch let error as APIError where error.isForbidden {
            objects.unreadable["logs/\(namespace)/\(pod)"] = "reading pod logs is forbidden in namespace \(namespace): log-based findings are missing"
        } catch {
            // No previous instance, or the kubelet is unreachable: the log is simply absent.
        }
    }

    private func owners(of pod: Pod) async {
        guard !bulkOwners else { return }
        let namespace = pod.metadata.namespace ?? "default"
        var reference = pod.metadata.controller
        while let current = reference {
            let key = "\(current.kind)/\(namespace)/\(current.name)"
            guard seen.insert(key).inserted else { return }
            switch current.kind {
            case "ReplicaSet":
                if let next = await deploymentChain(of: pod, replicaSet: current.name, namespace: namespace) {
                    reference = next
                    continue
                }
                guard let object = await attempt("replicasets:\(namespace)", { try await self.client.get(ReplicaSet.self, name: current.name, namespace: namespace) }) else { return }
                objects.replicaSets.append(object)
                reference = object.metadata.controller
            case "Deployment":
                guard let object = await attempt("deployments:\(namespace)", { try await self.client.get(Deployment.self, name: current.name, namespace: namespace) }) else { return }
                objects.deployments.append(object)
                if seen.insert("replicasets-of/\(namespace)/\(current.name)").inserted,
                   let all = await attempt("replicasets:\(namespace)", { try await self.client.list(ReplicaSet.self, namespace: namespace).items }) {
                    addRevisions(of: object, from: all)
                }
                reference = nil
            case "StatefulSet":
                if let object = await attempt("statefulsets:\(namespace)", { try await self.client.get(StatefulSet.self, name: current.name, namespace: namespace) }) {
                    objects.statefulSets.append(object)
                }
                reference = nil
            case "DaemonSet":
                if let object = await attempt("daemonsets:\(namespace)", { try await self.client.get(DaemonSet.self, name: current.name, namespace: namespace) }) {
                    objects.daemonSets.append(object)
                }
                reference = nil
            case "Job":
                guard let object = await attempt("jobs:\(namespace)", { try await self.client.get(Job.self, name: current.name, namespace: namespace) }) else { return }
                objects.jobs.append(object)
                reference = object.metadata.controller
            case "CronJob":
                if let object = await attempt("cronjobs:\(namespace)", { try await self.client.get(CronJob.self, name: current.name, namespace: namespace) }) {
                    objects.cronJobs.append(object)
                }
                reference = nil
            default:
                reference = nil
            }
        }
    }

    /// A Deployment's pod in one round trip: the namespace's ReplicaSets (the pod's own and the
    /// rollout's other revisions) and, at the same time, the Deployment its ReplicaSet's name implies
    /// (`NAME-<pod-template-hash>`), checked against the ReplicaSet's owner (read again when the guess
    /// was wrong). Returns the owner to read next (`.some(nil)`: none), or `nil` when the ReplicaSet is
    /// not in the list (then it is read alone).
    private func deploymentChain(of pod: Pod, replicaSet name: String, namespace: String) async -> OwnerReference?? {
        let hash = pod.metadata.labels?["pod-template-hash"]
        let guess = hash.flatMap { hash in name.hasSuffix("-\(hash)") && name.count > hash.count + 1 ? String(name.dropLast(hash.count + 1)) : nil }
        async let listed = attempt("replicasets:\(namespace)") { try await self.client.list(ReplicaSet.self, namespace: namespace).items }
        async let guessed: Deployment? = guess == nil ? nil
            : attempt("deployments:\(namespace)") { try await self.client.get(Deployment.self, name: guess ?? "", namespace: namespace) }
        guard let all = await listed, let replicaSet = all.first(where: { $0.metadata.name == name }) else {
            _ = await guessed
            return nil
        }
        objects.replicaSets.append(replicaSet)
        guard let owner = replicaSet.metadata.controller, owner.kind == "Deployment" else {
            _ = await guessed
            return .some(replicaSet.metadata.controller)
        }
        guard seen.insert("Deployment/\(namespace)/\(owner.name)").inserted else {
            _ = await guessed
            return .some(nil)
        }
        var deployment = await guessed
        if deployment?.metadata.name != owner.name {
            deployment = await attempt("deployments:\(namespace)") { try await self.client.get(Deployment.self, name: owner.name, namespace: namespace) }
        }
        guard let deployment else { return .some(nil) }
        objects.deployments.append(deployment)
        if seen.insert("replicasets-of/\(namespace)/\(owner.name)").inserted { addRevisions(of: deployment, from: all) }
        return .some(nil)
    }

    /// The other revisions of a Deployment among a namespace's ReplicaSets, for rollout regressions.
    private func addRevisions(of deployment: Deployment, from replicaSets: [ReplicaSet]) {
        Self.add(replicaSets.filter { $0.metadata.controller?.uid == deployment.metadata.uid }, to: &objects.replicaSets)
    }

    /// ConfigMaps (whole: a config parse error may need the data) and Secrets (metadata only);
    /// when one is absent, where else a namesake exists.
    private func references(of pod: Pod) async {
        let namespace = pod.metadata.namespace ?? "default"
        let references = PodReferences(pod)
        // Each reference is looked up: a 404 means absent (failed reads are noted in `unreadable`).
        objects.checkedKinds.formUnion(["ConfigMap", "Secret"])
        for name in references.configMaps where seen.insert("configmap/\(namespace)/\(name)").inserted {
            do {
                objects.configMaps.append(try await client.get(ConfigMap.self, name: name, namespace: namespace))
            } catch let error as APIError where error.isNotFound {
                // Where else one exists: optional context, left out quietly when forbidden (a namespaced Role).
                let elsewhere = (try? await client.listMetadata(ConfigMap.self, options: ListOptions(fieldSelector: "metadata.name=\(name)")).items) ?? []
                objects.configMaps += elsewhere.map { ConfigMap(metadata: $0.metadata) }
            } catch {
                objects.unreadable["configmaps/\(namespace)/\(name)"] = "ConfigMap \(name) could not be read (\(Self.short(error)))"
            }
        }
        for name in references.secrets where seen.insert("secret/\(namespace)/\(name)").inserted {
            do {
                objects.secrets.append(SecretMetadata.kept(try await client.getMetadata(Secret.self, name: name, namespace: namespace)))
            } catch let error as APIError where error.isNotFound {
                let elsewhere = (try? await client.listMetadata(Secret.self, options: ListOptions(fieldSelector: "metadata.name=\(name)")).items) ?? []
                objects.secrets += elsewhere.map(SecretMetadata.kept)
            } catch let error as APIError where error.isForbidden {
                // The default role grants no Secrets at all: the kubelet's own words are the evidence then.
                objects.unreadable["secrets:\(namespace)"] = SecretMetadata.notAllowed(in: namespace)
            } catch {
                objects.unreadable["secrets/\(namespace)/\(name)"] = "Secret \(name) could not be read (\(Self.short(error)))"
            }
        }
    }

    private func claims(of pod: Pod) async {
        let namespace = pod.metadata.namespace ?? "default"
        objects.checkedKinds.insert("PersistentVolumeClaim")
        for name in (pod.spec?.volumes ?? []).compactMap({ $0.persistentVolumeClaim?.claimName }) where seen.insert("pvc/\(namespace)/\(name)").inserted {
            if let claim = await attempt("persistentvolumeclaims:\(namespace)", { try await self.client.get(PersistentVolumeClaim.self, name: name, namespace: namespace) }) {
                objects.claims.append(claim)
            }
        }
    }

    /// Runs a read; a failure is noted under `key` and gives `nil`.
    func attempt<T: Sendable>(_ key: String, _ read: @Sendable () async throws -> T) async -> T? {
        take(key, await Self.outcome(read))
    }

    /// A read's outcome, kept for later.
    static func outcome<T: Sendable>(_ read: @Sendable () async throws -> T) async -> Result<T, any Error> {
        do {
            return .success(try await read())
        } catch {
            return .failure(error)
        }
    }

    /// The value of a read; a failure is noted under `key` and gives `nil` (a 404 quietly).
    func take<T>(_ key: String, _ outcome: Result<T, any Error>) -> T? {
        switch outcome {
        case .success(let value):
            return value
        case .failure(let error as APIError) where error.isForbidden:
            objects.unreadable[key] = "reading \(key.replacingOccurrences(of: ":", with: " in namespace ")) is forbidden: findings that need it may be missing"
        case .failure(let error as APIError) where error.isNotFound:
            return nil
        case .failure(let error):
            objects.unreadable[key] = "reading \(key.replacingOccurrences(of: ":", with: " in namespace ")) failed: \(Self.short(error))"
        }
        return nil
    }

    static func short(_ error: any Error) -> String {
        let text = "\(error)"
        return text.count > 200 ? String(text.prefix(197)) + "..." : text
    }
}
