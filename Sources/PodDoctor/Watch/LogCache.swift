import Foundation
import KubeModel
import PodDiagnosis

/// The logs `watch` read of failing containers, kept while they fail and read again only when a
/// container's failure changes (``LogPlan/signature(of:)``): a container that keeps crashing the
/// same way costs one read of its logs, not one per restart.
final class LogCache: @unchecked Sendable {
    /// What was read of one container, for one signature.
    struct Entry: Sendable {
        var signature: String
        var logs: [Bool: String]
    }

    private let lock = NSLock()
    private var entries: [String: [String: Entry]] = [:]

    /// The reads `pod` needs that are not held for its containers' current failure, by container,
    /// with that failure's signature.
    func missing(for pod: Pod, uid: String) -> [(signature: String, reads: [LogPlan.Read])] {
        let held = lock.withLock { entries[uid] ?? [:] }
        var missing: [(String, [LogPlan.Read])] = []
        for status in LogPlan.statuses(of: pod) {
            guard pod.spec?.nodeName != nil, let name = status.name, let signature = LogPlan.signature(of: status) else { continue }
            if held[name]?.signature == signature { continue }
            missing.append((signature, LogPlan.reads(for: status)))
        }
        return missing
    }

    /// Keeps what was read of `container` for `signature`.
    func store(uid: String, container: String, signature: String, logs: [Bool: String]) {
        lock.withLock { entries[uid, default: [:]][container] = Entry(signature: signature, logs: logs) }
    }

    /// The logs held for `pod`, for its containers that still fail (the others' are dropped).
    func logs(for pod: Pod, uid: String) -> [ObjectSet.LogKey: String] {
        let failing = Set(LogPlan.statuses(of: pod).filter { LogPlan.signature(of: $0) != nil }.compactMap(\.name))
        return lock.withLock {
            entries[uid] = entries[uid]?.filter { failing.contains($0.key) }
            var logs: [ObjectSet.LogKey: String] = [:]
            for (container, entry) in entries[uid] ?? [:] {
                for (previous, text) in entry.logs {
                    logs[ObjectSet.LogKey(namespace: pod.metadata.namespace ?? "default", pod: pod.metadata.name ?? "", container: container, previous: previous)] = text
                }
            }
            return logs
        }
    }

    /// Drops a pod's logs (it is healthy again, or gone).
    func forget(_ uid: String) {
        _ = lock.withLock { entries.removeValue(forKey: uid) }
    }

    /// How many bytes of log are held (for the memory figures).
    var bytes: Int {
        lock.withLock { entries.values.reduce(0) { $0 + $1.values.reduce(0) { $0 + $1.logs.values.reduce(0) { $0 + $1.utf8.count } } } }
    }
}
