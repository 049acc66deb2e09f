import Foundation
import KubeClient
import Logging
import KubeModel
import PodDiagnosis

/// Watches pods and diagnoses each one when it starts failing or its cause changes. Survives API
/// server restarts and expired watches (the watch reconnects and lists again; nothing is missed).
public struct PodWatcher: Sendable {
    let client: KubernetesClient
    let namespace: String?
    /// The shortest time between two diagnoses of one failing pod whose status did not change.
    public var minimumInterval: TimeInterval = 10
    /// How often pods that are not running well but not (yet) failing are looked at again: some
    /// failures (a volume that never mounts) arrive as events only, without a change to the pod.
    public var recheckInterval: TimeInterval = 30
    /// Where the watcher says what went wrong (a diagnosis that failed and will be retried).
    public var logger = Logger(label: "poddoctor.watch")
    /// Metrics and health for `/metrics`, `/healthz` and `/readyz`, when served.
    public var monitor: WatchMonitor?
    /// Pods diagnosed at once. The watch loop never waits for them: changes queue, and repeated
    /// changes to one pod coalesce into one diagnosis.
    public var workers = 4

    /// Watches `namespace`, or every namespace when `nil`.
    public init(client: KubernetesClient, namespace: String?) {
        self.client = client
        self.namespace = namespace
    }

    /// Runs until the task is cancelled; `report` is called for each new or changed diagnosis. A pod
    /// whose diagnosis failed is logged (warning) and tried again with back-off: 5 s doubling to 5 min.
    public func run(report: @escaping @Sendable (PodReport) async -> Void) async throws {
        let logger = logger
        let monitor = monitor
        let state = WatchState()
        let doctor = Doctor(client: client)
        let minimumInterval = minimumInterval
        let queue = WorkQueue()
        /// Cheap decisions in the watch loop; a diagnosis is queued for the workers.
        @Sendable func consider(_ pod: Pod) async {
            guard let uid = pod.metadata.uid ?? pod.metadata.name else { return }
            let status = PodStatusColumn.status(of: pod)
            // The same health model as a diagnosis, as of the API server's clock.
            guard PodHealth(pod: pod, now: client.serverTime() ?? Date()).needsEvidence else {
                // Healthy again after it was reported failing: said once, as recovered.
                if let recovered = await state.recovered(uid, status: status, pod: pod) { await report(recovered) }
                monitor?.cleared(uid: uid)
                await state.forget(uid)
                return
            }
            // A pod already reported as failing is not diagnosed again within the interval unless its
            // status changes; a pod not (yet) failing is looked at on every change and every recheck.
            if await state.isRecentlyReported(uid, status: status, within: minimumInterval) { return }
            guard pod.metadata.name != nil else { return }
            if await !state.isDue(uid) { return }
            await queue.add(uid, pod)
        }
        /// A worker's diagnosis of one pod.
        @Sendable func diagnose(_ uid: String, _ pod: Pod) async {
            guard let name = pod.metadata.name else { return }
            let status = PodStatusColumn.status(of: pod)
            let result: PodReport
            do {
                guard let first = try await doctor.diagnose(.pod(name: name, namespace: pod.metadata.namespace ?? "default")).pods.first else {
                    await state.keepPending(uid, pod)
                    return
                }
                result = first
                await state.succeeded(uid)
            } catch where Task.isCancelled {
                // The watch is ending: the request failed because it was cancelled (the transport says
                // so with its own error), not because of the pod. Nothing to warn about or retry.
                return
            } catch is CancellationError {
                return
            } catch let error as APIError where error.isNotFound {
                await state.forget(uid)  // deleted meanwhile
                return
            } catch {
                // Never swallowed: said, and tried again later with back-off.
                let delay = await state.failed(uid, pod)
                logger.warning("diagnosis failed; trying again later", metadata: [
                    "pod": "\(pod.metadata.namespace ?? "default")/\(name)", "error": "\(Failure(error).message)", "retryIn": "\(Int(delay))s",
                ])
                return
            }
            let first = result.findings.first { $0.severity == .critical }
            let key = first.map { "\($0.cause.rawValue)/\($0.container ?? "")" } ?? "healthy"
            if await state.record(uid, key: key, status: status, pod: pod, failing: result.isFailing) {
                await report(result)
            }
            if result.isFailing { monitor?.reported(result, uid: uid) } else { monitor?.cleared(uid: uid) }
        }
        let interval = recheckInterval
        let workers = max(1, workers)
        try await withThrowingTaskGroup(of: Void.self) { group in
            defer { Task { await queue.close() } }
            for _ in 0..<workers {
                group.addTask {
                    while let (uid, pod) = await queue.next() {
                        await diagnose(uid, pod)
                        await queue.done(uid)
                    }
                }
            }
            group.addTask {
                for try await event in client.watch(Pod.self, namespace: namespace, onRestart: { monitor?.watchRestarted($0) }) {
                    switch event {
                    case .listed(let pods, _):
                        monitor?.listed()
                        await state.keepOnly(Set(pods.compactMap { $0.metadata.uid ?? $0.metadata.name }))
                        for pod in pods { await consider(pod) }
                    case .added(let pod), .modified(let pod):
                        monitor?.synced()
                        await consider(pod)
                    case .deleted(let pod):
                        monitor?.synced()
                        monitor?.cleared(uid: pod.metadata.uid ?? pod.metadata.name ?? "")
                        await state.forget(pod.metadata.uid ?? pod.metadata.name ?? "")
                    case .bookmark:
                        monitor?.synced()
                    }
                }
            }
            group.addTask {
                while !Task.isCancelled {
                    try await Task.sleep(for: .seconds(max(0.1, interval)))
                    for pod in await state.pendingPods() { await consider(pod) }
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

    func keepOnly(_ uids: Set<String>) {
        entries = entries.filter { uids.contains($0.key) }
        pending = pending.filter { uids.contains($0.key) }
        failures = failures.filter { uids.contains($0.key) }
    }

    func keepPending(_ uid: String, _ pod: Pod) { pending[uid] = pod }

    /// Failed diagnoses by pod: how many in a row, and not before when to try again.
    private var failures: [String: (count: Int, retryAt: Date)] = [:]

    /// Records a failed diagnosis; returns the back-off before the next try (5 s doubling to 5 min).
    func failed(_ uid: String, _ pod: Pod) -> TimeInterval {
        let count = (failures[uid]?.count ?? 0) + 1
        let delay = min(300, 5 * pow(2, Double(min(count - 1, 10))))
        failures[uid] = (count, Date().addingTimeInterval(delay))
        pending[uid] = pod
        return delay
    }

    func succeeded(_ uid: String) { failures[uid] = nil }

    /// Whether a pod whose diagnosis failed may be tried again.
    func isDue(_ uid: String) -> Bool { failures[uid].map { Date() >= $0.retryAt } ?? true }

    func pendingPods() -> [Pod] { pending.keys.sorted().compactMap { pending[$0] } }

    func isRecentlyReported(_ uid: String, status: String, within interval: TimeInterval) -> Bool {
        guard let previous = entries[uid], previous.key != "healthy", previous.status == status else { return false }
        return Date().timeIntervalSince(previous.at) < interval
    }

    /// A pod reported failing before that is healthy now: the report that says so (once).
    func recovered(_ uid: String, status: String, pod: Pod) -> PodReport? {
        guard let previous = entries[uid], previous.key != "healthy" else { return nil }
        entries[uid] = ("healthy", status, Date())
        return PodReport(namespace: pod.metadata.namespace ?? "default", name: pod.metadata.name ?? "", status: status,
                         restarts: PodStatusColumn.restarts(of: pod), owner: nil, findings: [])
    }

    /// Records a diagnosis; returns whether it is worth reporting (failing, and new or changed).
    func record(_ uid: String, key: String, status: String, pod: Pod, failing: Bool) -> Bool {
        let changed = entries[uid]?.key != key
        entries[uid] = (key, status, Date())
        if failing { pending[uid] = nil } else { pending[uid] = pod }
        return changed && failing
    }
}
