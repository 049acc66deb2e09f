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
        /// Cheap decisions on each change; a diagnosis is queued for the workers.
        @Sendable func consider(_ pod: Pod) async {
            guard let uid = pod.metadata.uid ?? pod.metadata.name else { return }
            let status = PodStatusColumn.status(of: pod)
            // The same health model as a diagnosis, as of the API server's clock (a pod the cache
            // keeps as a sibling was judged healthy as it arrived).
            guard !ClusterCache.isSibling(pod), PodHealth(pod: pod, now: client.serverTime() ?? Date()).needsEvidence else {
                // Healthy again after it was reported failing: said once, as recovered.
                if let recovered = await state.recovered(uid, status: status, pod: pod) { await report(recovered) }
                monitor?.cleared(uid: uid)
                await state.forget(uid)
                logs.forget(uid)
                return
            }
            // A pod already reported as failing is not diagnosed again within the interval unless its
            // status changes; a pod not (yet) failing is looked at on every change and every recheck.
            if await state.isRecentlyReported(uid, status: status, within: minimumInterval) { return }
            guard pod.metadata.name != nil else { return }
            if await !state.isDue(uid) { return }
            await queue.add(uid, pod)
        }
        @Sendable func forget(_ pod: Pod) async {
            let uid = pod.metadata.uid ?? pod.metadata.name ?? ""
            monitor?.cleared(uid: uid)
            await state.forget(uid)
            logs.forget(uid)
        }
        /// Reads the logs `pod` needs that are not held for its containers' current failures; returns
        /// what could not be read, and how many logs were asked for (`nil`: the watch is ending).
        @Sendable func readMissingLogs(_ pod: Pod, uid: String) async -> (unreadable: [String: String], count: Int)? {
            let namespace = pod.metadata.namespace ?? "default", name = pod.metadata.name ?? ""
            var unreadable: [String: String] = [:]
            var count = 0
            for (signature, reads) in logs.missing(for: pod, uid: uid) {
                count += reads.count
                var read: [Bool: String] = [:]
                var complete = true
                for item in reads {
                    let options = LogOptions(container: item.container, previous: item.previous, tailLines: tailLines, limitBytes: limitBytes)
                    do {
                        read[item.previous] = try await client.logs(namespace: namespace, pod: name, options: options)
                    } catch where Task.isCancelled {
                        return nil  // the watch is ending: not the pod's fault, nothing to retry
                    } catch let error as APIError where error.isForbidden {
                        unreadable["logs/\(namespace)/\(name)"] = "reading pod logs is forbidden in namespace \(namespace): log-based findings are missing"
                    } catch let error as APIError where error.code == 400 || error.isNotFound {
                        // No previous instance (yet): the log is simply absent.
                    } catch {
                        // Never swallowed: said, diagnosed without it, and read again later with back-off.
                        complete = false
                        unreadable["logs/\(namespace)/\(name)"] = "reading the log of container \(item.container) failed: \(Failure(error).message)"
                        let delay = await state.failed(uid, pod)
                        logger.warning("reading a log failed; trying again later", metadata: [
                            "pod": "\(namespace)/\(name)", "container": "\(item.container)", "error": "\(Failure(error).message)", "retryIn": "\(Int(delay))s",
                        ])
                    }
                }
                if complete, let container = reads.first?.container { logs.store(uid: uid, container: container, signature: signature, logs: read) }
            }
            if unreadable.isEmpty { await state.succeeded(uid) }
            return (unreadable, count)
        }
        /// The diagnosis of `pod` from the caches and the logs held for it.
        @Sendable func judge(_ pod: Pod, uid: String, unreadable: [String: String]) -> PodReport? {
            var objects = cache.objects(for: pod, logs: logs.logs(for: pod, uid: uid))
            objects.unreadable.merge(unreadable) { first, _ in first }
            let server = client.serverTime()
            let moment = Moment(server ?? Date(), source: server == nil ? .localClock : .apiServer)
            return Doctor.diagnose(objects, moment: moment, namespace: pod.metadata.namespace ?? "default", podName: pod.metadata.name)
                .pods.first { $0.name == pod.metadata.name }
        }
        /// A worker's diagnosis of one pod, from the caches. Logs are read only when the pod is failing
        /// and a container's failure is new or changed: a pod that is only starting costs no request.
        @Sendable func diagnose(_ uid: String, _ queued: Pod) async {
            guard let name = queued.metadata.name else { return }
            let namespace = queued.metadata.namespace ?? "default"
            // The latest object (it may have changed, or gone, while it waited).
            guard let pod = cache.pods.get(namespace: namespace, name: name), (pod.metadata.uid ?? name) == uid else { return }
            let status = PodStatusColumn.status(of: pod)
            guard var result = judge(pod, uid: uid, unreadable: [:]) else { return }
            var readCount = 0
            if result.isFailing, !logs.missing(for: pod, uid: uid).isEmpty {
                guard let (unreadable, count) = await readMissingLogs(pod, uid: uid) else { return }
                readCount = count
                guard let again = judge(pod, uid: uid, unreadable: unreadable) else { return }
                result = again
            }
            let first = result.findings.first { $0.severity == .critical }
            let key = first.map { "\($0.cause.rawValue)/\($0.container ?? "")" } ?? "healthy"
            logger.debug("diagnosed", metadata: [
                "pod": "\(namespace)/\(name)", "status": "\(status)", "restarts": "\(PodStatusColumn.restarts(of: pod))", "cause": "\(key)",
                "logsRead": "\(readCount)",
            ])
            if await state.record(uid, key: key, status: status, pod: pod, failing: result.isFailing) {
                await report(result)
            }
            if result.isFailing { monitor?.reported(result, uid: uid) } else { monitor?.cleared(uid: uid) }
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
                        for pod in removed { await forget(pod) }
                        for key in changed {
                            if let pod = cache.pods.get(key: key) { await consider(pod) }
                        }
                        // The list's pages and full objects are gone: their memory goes back to the system.
                        MemoryTrim.returnFreeMemory()
                    case .upserted(let pod):
                        await consider(pod)
                    case .deleted(let pod):
                        await forget(pod)
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
                if await !cache.waitForSync(timeout: syncTimeout) {
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
                        if let latest = cache.pods.get(namespace: pod.metadata.namespace, name: pod.metadata.name ?? "") { await consider(latest) }
                    }
                }
            }
            try await group.next()
            group.cancelAll()
            await queue.close()
        }
    }
}

/// What the watcher knows about each pod: its last diagnosis, and pods to look at again.
actor WatchState {
    private var entries: [String: (key: String, status: String, at: Date)] = [:]
    private var pending: [String: Pod] = [:]

    func forget(_ uid: String) {
        entries[uid] = nil
        pending[uid] = nil
        failures[uid] = nil
    }

    /// Failed log reads by pod: how many in a row, and not before when to try again.
    private var failures: [String: (count: Int, retryAt: Date)] = [:]

    /// Records a failed read; returns the back-off before the next try (5 s doubling to 5 min).
    func failed(_ uid: String, _ pod: Pod) -> TimeInterval {
        let count = (failures[uid]?.count ?? 0) + 1
        let delay = min(300, 5 * pow(2, Double(min(count - 1, 10))))
        failures[uid] = (count, Date().addingTimeInterval(delay))
        pending[uid] = pod
        return delay
    }

    func succeeded(_ uid: String) { failures[uid] = nil }

    /// Whether a pod whose read failed may be tried again.
    func isDue(_ uid: String) -> Bool { failures[uid].map { Date() >= $0.retryAt } ?? true }

    func pendingPods() -> [Pod] { pending.keys.sorted().compactMap { pending[$0] } }

    /// Whether a failing pod was reported within `interval` with this status (then it is not
    /// diagnosed again yet); a pod with a read to retry is not held back.
    func isRecentlyReported(_ uid: String, status: String, within interval: TimeInterval) -> Bool {
        guard failures[uid] == nil, let previous = entries[uid], previous.key != "healthy", previous.status == status else { return false }
        return Date().timeIntervalSince(previous.at) < interval
    }

    /// A pod reported failing before that is healthy now: the report that says so (once).
    func recovered(_ uid: String, status: String, pod: Pod) -> PodReport? {
        guard let previous = entries[uid], previous.key != "healthy" else { return nil }
        entries[uid] = ("healthy", status, Date())
        return PodReport(namespace: pod.metadata.namespace ?? "default", name: pod.metadata.name ?? "", status: status,
                         restarts: PodStatusColumn.restarts(of: pod), owner: nil, findings: [])
    }

    /// Records a diagnosis; returns whether it is worth reporting: failing, and new or changed; or
    /// well again after it was reported failing (a recovery, said once).
    func record(_ uid: String, key: String, status: String, pod: Pod, failing: Bool) -> Bool {
        let wasFailing = entries[uid].map { $0.key != "healthy" } ?? false
        let changed = entries[uid]?.key != key
        entries[uid] = (key, status, Date())
        // Looked at again later: a pod not (yet) failing, and one with a read to retry.
        if failing && failures[uid] == nil { pending[uid] = nil } else { pending[uid] = pod }
        return changed && (failing || wasFailing)
    }
}
