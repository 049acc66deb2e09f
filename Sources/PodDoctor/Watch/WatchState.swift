import Foundation
import KubeModel
import PodDiagnosis

/// What the watcher knows about each pod: its last diagnosis, and pods to look at again.
actor WatchState {
    /// What a diagnosis leads to.
    enum Outcome {
        /// Nothing to say: not failing, or failing as already reported.
        case quiet
        /// A new or changed failure, or a recovery: reported.
        case report
        /// The pod changed, recovered or went away while it was diagnosed: the result is dropped.
        case stale
    }

    private var entries: [String: (key: String, status: String, at: Date)] = [:]
    private var pending: [String: Pod] = [:]
    /// The pods queued for a diagnosis and not forgotten since (healthy again, or gone).
    private var tracked = Set<String>()

    /// Forgets a pod (healthy, or gone): its diagnosis, its rechecks and retries.
    func forget(_ uid: String) {
        entries[uid] = nil
        pending[uid] = nil
        failures[uid] = nil
        tracked.remove(uid)
    }

    /// A pod is queued for a diagnosis.
    func track(_ uid: String) {
        tracked.insert(uid)
    }

    /// Looks at a pod again at the next recheck (one being deleted, which may get stuck).
    func lookAgain(_ uid: String, _ pod: Pod) { pending[uid] = pod }

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

    /// A pod's reads succeeded: no back-off.
    func succeeded(_ uid: String) { failures[uid] = nil }

    /// Whether a pod whose read failed may be tried again.
    func isDue(_ uid: String) -> Bool { failures[uid].map { Date() >= $0.retryAt } ?? true }

    /// The pods to look at again: not (yet) failing, being deleted, or with a read to retry.
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

    /// Records a diagnosis of `pod`; it is reported when failing and new or changed, or well again
    /// after it was reported failing (a recovery, said once). A diagnosis of a pod forgotten since it
    /// was queued (healthy again, or gone) is dropped.
    func record(_ uid: String, key: String, status: String, pod: Pod, failing: Bool) -> Outcome {
        guard tracked.contains(uid) else { return .stale }
        let wasFailing = entries[uid].map { $0.key != "healthy" } ?? false
        let changed = entries[uid]?.key != key
        entries[uid] = (key, status, Date())
        // Looked at again later: a pod not (yet) failing, and one with a read to retry.
        if failing && failures[uid] == nil { pending[uid] = nil } else { pending[uid] = pod }
        return changed && (failing || wasFailing) ? .report : .quiet
    }
}
