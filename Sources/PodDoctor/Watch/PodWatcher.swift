import Foundation
import KubeClient
import Logging
import KubeModel
import PodDiagnosis

/// Watches pods and diagnoses each one when it starts failing or its cause changes, built like an
/// informer: one list+watch per kind a diagnosis reads keeps a cache (``ClusterCache``), diagnoses
/// run from the caches on a bounded pool of workers, and the only reads beyond the watches are the
/// logs of a container whose failure is new or changed. Survives API server restarts and expired
/// watches (each watch reconnects, or lists again; nothing is missed, and a relist of one kind
/// never holds up the others or the diagnoses).
public struct PodWatcher: Sendable {
    let client: KubernetesClient
    let namespace: String?
    /// The shortest time between two diagnoses of one failing pod whose status did not change.
    public var minimumInterval: TimeInterval = 10
    /// How often pods that are not running well but not (yet) failing are looked at again: some
    /// failures (a volume that never mounts) arrive as events only, without a change to the pod.
    public var recheckInterval: TimeInterval = 30
    /// Where the watcher says what went wrong (a watch that cannot start, a log that cannot be read).
    public var logger = Logger(label: "poddoctor.watch")
    /// Metrics and health for `/metrics`, `/healthz` and `/readyz`, when served.
    public var monitor: WatchMonitor?
    /// Pods diagnosed at once. The watches never wait for them: changes queue, and repeated
    /// changes to one pod coalesce into one diagnosis.
    public var workers = 4
    /// How long diagnoses wait for every cache to be filled before they start without the missing ones.
    public var syncTimeout: Duration = .seconds(60)
    /// Lines of log read per container instance.
    public var tailLines = 200
    /// Bytes of log read per container instance.
    public var limitBytes = 256 << 10

    /// The connections a watcher with `workers` workers keeps busy over HTTP/1.1: one per watched
    /// kind, and one per worker reading logs (over HTTP/2 they all share one). A client allowing
    /// fewer (``KubernetesClient/Options/maxConnectionsPerHost``) makes some watches wait.
    public static func connectionsNeeded(workers: Int = 4) -> Int {
        ClusterCache.watchCount + max(1, workers) + 1
    }

    /// Watches `namespace`, or every namespace when `nil`.
    public init(client: KubernetesClient, namespace: String?) {
        self.client = client
        self.namespace = namespace
    }

    /// Runs until the task is cancelled; `report` is called for each new or changed diagnosis, and
    /// once when a pod reported failing is healthy again. Throws when the pods cannot be watched.
    public func run(report: @escaping @Sendable (PodReport) async -> Void) async throws {
        let logger = logger
        let monitor = monitor
        let state = WatchState()
        let cache = ClusterCache(namespace: namespace)
        let logs = LogCache()
        let namesakes = NamesakeCache()
        let minimumInterval = minimumInterval
        let queue = WorkQueue()
        let client = client
        let (tailLines, limitBytes) = (tailLines, limitBytes)
        if client.maxConnectionsPerHost < Self.connectionsNeeded(workers: workers) {
            logger.warning("the client allows fewer connections than the watch keeps open over HTTP/1.1; some watches and log reads will wait", metadata: [
                "allowed": "\(client.maxConnectionsPerHost)", "needed": "\(Self.connectionsNeeded(workers: workers))",
                "fix": "set KubernetesClient.Options.maxConnectionsPerHost",
            ])
        }
        /// Forgets a pod (healthy again, or gone): its diagnosis, rechecks, retries, logs and gauge.
        @Sendable func forget(_ uid: String) async {
            monitor?.cleared(uid: uid)
            await state.forget(uid)
            logs.forget(uid)
        }
        /// Cheap decisions on each change; a diagnosis is queued for the workers.
        @Sendable func consider(_ pod: Pod) async {
            guard let uid = pod.metadata.uid ?? pod.metadata.name else { return }
            let status = PodStatusColumn.status(of: pod)
            // The same health model as a diagnosis, as of the API server's clock (a pod the cache
            // keeps as a sibling was judged healthy as it arrived).
            guard !ClusterCache.isSibling(pod), PodHealth(pod: pod, now: client.serverTime() ?? Date()).needsEvidence else {
                if pod.metadata.deletionTimestamp != nil {
                    // Being deleted, within its grace period: not a recovery. Looked at again, as it may get stuck.
                    await forget(uid)
                    await state.lookAgain(uid, pod)
                } else {
                    // Healthy again after it was reported failing: said once, as recovered.
                    if let recovered = await state.recovered(uid, status: status, pod: pod) { await report(recovered) }
                    await forget(uid)
                }
                return
            }
            // A pod already reported as failing is not diagnosed again within the interval unless its
            // status changes; a pod not (yet) failing is looked at on every change and every recheck.
            if await state.isRecentlyReported(uid, status: status, within: minimumInterval) { return }
            guard pod.metadata.name != nil else { return }
            if await !state.isDue(uid) { return }
            await state.track(uid)
            await queue.add(uid, pod)
        }
        /// Reads the logs `pod` needs that were not asked for its containers' current failures
        /// (``LogCache/missing(for:uid:)``); returns what could not be read for now (`nil`: the watch
        /// is ending).
        @Sendable func readMissingLogs(_ missing: [(signature: String, read: LogPlan.Read)], of pod: Pod, uid: String) async -> [String: String]? {
            let namespace = pod.metadata.namespace ?? "default", name = pod.metadata.name ?? ""
            var unreadable: [String: String] = [:]
            for (signature, read) in missing {
                let options = LogOptions(container: read.container, previous: read.previous, tailLines: tailLines, limitBytes: limitBytes)
                do {
                    let text = try await client.logs(namespace: namespace, pod: name, options: options)
                    logs.store(uid: uid, read: read, signature: signature, text: text)
                } catch where Task.isCancelled {
                    return nil  // the watch is ending: not the pod's fault, nothing to retry
                } catch let error as APIError where error.isForbidden {
                    // A role without pods/log: said in every diagnosis of this failure, not asked again.
                    logs.store(uid: uid, read: read, signature: signature, text: nil,
                               unreadable: "reading pod logs is forbidden in namespace \(namespace): log-based findings are missing")
                } catch let error as APIError where error.code == 400 || error.isNotFound {
                    // No such instance (yet): the log is simply absent.
                    logs.store(uid: uid, read: read, signature: signature, text: nil)
                } catch {
                    // Never swallowed: diagnosed without it for now, said, and asked again later.
                    unreadable["logs/\(namespace)/\(name)"] = "reading the log of container \(read.container) failed: \(Failure(error).message)"
                    logger.warning("reading a log failed; trying again later", metadata: [
                        "pod": "\(namespace)/\(name)", "container": "\(read.container)", "error": "\(Failure(error).message)",
                    ])
                }
            }
            if unreadable.isEmpty {
                await state.succeeded(uid)
            } else {
                let delay = await state.failed(uid, pod)
                logger.debug("logs to read again", metadata: ["pod": "\(namespace)/\(name)", "retryIn": "\(Int(delay))s"])
            }
            return unreadable
        }
        /// The diagnosis of `pod` from the caches and the logs held for it, with the objects it read.
        @Sendable func judge(_ pod: Pod, uid: String, unreadable: [String: String]) -> (report: PodReport, objects: ObjectSet)? {
            let (held, notes) = logs.logs(for: pod, uid: uid)
            var objects = cache.objects(for: pod, logs: held)
            namesakes.add(for: pod, to: &objects)
            objects.unreadable.merge(unreadable.merging(notes) { first, _ in first }) { first, _ in first }
            let server = client.serverTime()
            let moment = Moment(server ?? Date(), source: server == nil ? .localClock : .apiServer)
            return Doctor.diagnose(objects, moment: moment, namespace: pod.metadata.namespace ?? "default", podName: pod.metadata.name)
                .pods.first { $0.name == pod.metadata.name }.map { ($0, objects) }
        }
        /// A worker's diagnosis of one pod, from the caches. Logs are read only when the pod is failing
        /// and a container's failure is new or changed: a pod that is only starting costs no request.
        /// (Watching one namespace, where else a missing ConfigMap or Secret exists is looked up then too.)
        @Sendable func diagnose(_ uid: String, _ queued: Pod) async {
            guard let name = queued.metadata.name else { return }
            let namespace = queued.metadata.namespace ?? "default"
            // The latest object (it may have changed, or gone, while it waited).
            guard let pod = cache.pods.get(namespace: namespace, name: name), (pod.metadata.uid ?? name) == uid else { return }
            let status = PodStatusColumn.status(of: pod)
            guard var (result, objects) = judge(pod, uid: uid, unreadable: [:]) else { return }
            var readCount = 0
            if result.isFailing {
                let lookups = namesakes.unknown(for: pod, in: cache)
                let missing = logs.missing(for: pod, uid: uid)
                if !missing.isEmpty || !lookups.isEmpty {
                    guard let unreadable = await readMissingLogs(missing, of: pod, uid: uid) else { return }
                    await namesakes.lookUp(lookups, client: client)
                    readCount = missing.count + lookups.count
                    guard let again = judge(pod, uid: uid, unreadable: unreadable) else { return }
                    (result, objects) = again
                }
                // Watching one namespace: Services elsewhere that the logs name are looked up (again
                // when what was found is old).
                if result.isFailing, let hosts = namesakes.unknownDependencies(in: objects, cache: cache) {
                    await namesakes.lookUpDependencies(hosts, objects: objects, client: client)
                    readCount += 1
                    guard let again = judge(pod, uid: uid, unreadable: [:]) else { return }
                    (result, objects) = again
                }
            }
            // The pod as diagnosed must still be the cached one: one that changed meanwhile is queued
            // again by its change, one that recovered or went away was settled by it.
            let latest = cache.pods.get(namespace: namespace, name: name)
            guard latest?.metadata.uid == pod.metadata.uid, latest?.metadata.resourceVersion == pod.metadata.resourceVersion else {
                if latest?.metadata.uid != pod.metadata.uid { await forget(uid) }  // gone: what a read recorded meanwhile goes too
                return
            }
            let first = result.findings.first { $0.severity == .critical }
            let key = first.map { "\($0.cause.rawValue)/\($0.container ?? "")" } ?? "healthy"
            // `.stale`: the pod recovered or went away meanwhile, and that change decided.
            let outcome = await state.record(uid, key: key, status: status, pod: pod, failing: result.isFailing)
            if outcome == .report { await report(result) }
            if outcome != .stale {
                if result.isFailing { monitor?.reported(result, uid: uid) } else { monitor?.cleared(uid: uid) }
            }
            logger.debug("diagnosed", metadata: [
                "pod": "\(namespace)/\(name)", "status": "\(status)", "restarts": "\(PodStatusColumn.restarts(of: pod))", "cause": "\(key)",
                "outcome": "\(outcome)", "requests": "\(readCount)",
            ])
        }
        let interval = recheckInterval
        let workers = max(1, workers)
        let syncTimeout = syncTimeout
        try await withThrowingTaskGroup(of: Void.self) { group in
            defer { Task { await queue.close() } }
            group.addTask {
                try await cache.run(client: client, logger: logger, monitor: monitor, pod: { change in
                    switch change {
                    case .listed(let changed, let removed):
                        for pod in removed { await forget(pod.metadata.uid ?? pod.metadata.name ?? "") }
                        for key in changed {
                            if let pod = cache.pods.get(key: key) { await consider(pod) }
                        }
                        // The list's pages and full objects are gone: their memory goes back to the system.
                        MemoryTrim.returnFreeMemory()
                    case .upserted(let pod):
                        await consider(pod)
                    case .deleted(let pod):
                        await forget(pod.metadata.uid ?? pod.metadata.name ?? "")
                    }
                }, podEvent: { event in
                    // An event can be the only sign of a failure (a volume that never mounts).
                    let involved = event.involvedObject
                    guard let name = involved.name, let pod = cache.pods.get(namespace: involved.namespace ?? event.metadata.namespace, name: name),
                          involved.uid.map({ $0.isEmpty || $0 == pod.metadata.uid }) ?? true else { return }
                    await consider(pod)
                })
            }
            group.addTask {
                // Diagnoses wait for every cache to be filled: a pod failing at the start is then
                // diagnosed once, with all its evidence, instead of again when a late cache arrives.
                if await !cache.waitForSync(timeout: syncTimeout), !Task.isCancelled {
                    logger.warning("some caches are still being filled; diagnosing without them meanwhile", metadata: ["waited": "\(syncTimeout)"])
                }
                await withTaskGroup(of: Void.self) { pool in
                    for _ in 0..<workers {
                        pool.addTask {
                            while let (uid, pod) = await queue.next() {
                                await diagnose(uid, pod)
                                await queue.done(uid)
                            }
                        }
                    }
                    pool.addTask {
                        // Ready (`/readyz`) once every cache is filled.
                        while !cache.synced, !Task.isCancelled { try? await Task.sleep(for: .milliseconds(100)) }
                        if !Task.isCancelled { monitor?.cachesSynced() }
                    }
                }
                try Task.checkCancellation()
            }
            group.addTask {
                while !Task.isCancelled {
                    try await Task.sleep(for: .seconds(max(0.1, interval)))
                    for pod in await state.pendingPods() {
                        let latest = cache.pods.get(namespace: pod.metadata.namespace, name: pod.metadata.name ?? "")
                        if let latest, latest.metadata.uid == pod.metadata.uid {
                            await consider(latest)
                        } else if let uid = pod.metadata.uid ?? pod.metadata.name {
                            await forget(uid)  // gone while a read or a recheck was pending
                        }
                    }
                }
            }
            try await group.next()
            group.cancelAll()
            await queue.close()
        }
    }
}
