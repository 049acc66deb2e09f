import Foundation
import KubeModel
import PodDiagnosis

/// The logs `watch` read of failing containers, kept while they fail and read again only when a
/// container's failure changes (``LogPlan/signature(of:)``): a container that keeps crashing the
/// same way costs one read of each of its instances' logs, not one per restart.
final class LogCache: @unchecked Sendable {
    /// What was read of one container for one failure signature.
    struct Entry: Sendable {
        /// The failure the logs belong to.
        var signature: String
        /// The instances asked for (`true`: the previous one), read or found absent.
        var asked: Set<Bool> = []
        /// The text of each instance read.
        var logs: [Bool: String] = [:]
        /// Why the logs could not be read (forbidden), kept so later diagnoses still say so.
        var unreadable: String?
    }

    private let lock = NSLock()
    private var entries: [String: [String: Entry]] = [:]

    /// The reads `pod` needs that were not asked for its containers' current failures, each with the
    /// failure's signature.
    func missing(for pod: Pod, uid: String) -> [(signature: String, read: LogPlan.Read)] {
        guard pod.spec?.nodeName != nil else { return [] }
        let held = lock.withLock { entries[uid] ?? [:] }
        var missing: [(String, LogPlan.Read)] = []
        for status in LogPlan.statuses(of: pod) {
            guard let name = status.name, let signature = LogPlan.signature(of: status) else { continue }
            let entry = held[name].flatMap { $0.signature == signature ? $0 : nil }
            for read in LogPlan.reads(for: status) where entry?.asked.contains(read.previous) != true {
                missing.append((signature, read))
            }
        }
        return missing
    }

    /// Keeps what one read gave for `signature`: the text, or `nil` when the instance has no log
    /// (absent), and why it could not be read (forbidden). A new signature replaces what was held.
    func store(uid: String, read: LogPlan.Read, signature: String, text: String?, unreadable: String? = nil) {
        lock.withLock {
            var entry = entries[uid]?[read.container].flatMap { $0.signature == signature ? $0 : nil } ?? Entry(signature: signature)
            entry.asked.insert(read.previous)
            entry.logs[read.previous] = text
            if let unreadable { entry.unreadable = unreadable }
            entries[uid, default: [:]][read.container] = entry
        }
    }

    /// The logs held for `pod`, for its containers that still fail (the others' are dropped), and why
    /// some could not be read.
    func logs(for pod: Pod, uid: String) -> (logs: [ObjectSet.LogKey: String], unreadable: [String: String]) {
        let failing = Set(LogPlan.statuses(of: pod).filter { LogPlan.signature(of: $0) != nil }.compactMap(\.name))
        let namespace = pod.metadata.namespace ?? "default", name = pod.metadata.name ?? ""
        return lock.withLock {
            entries[uid] = entries[uid]?.filter { failing.contains($0.key) }
            var logs: [ObjectSet.LogKey: String] = [:]
            var unreadable: [String: String] = [:]
            for (container, entry) in entries[uid] ?? [:] {
                for (previous, text) in entry.logs {
                    logs[ObjectSet.LogKey(namespace: namespace, pod: name, container: container, previous: previous)] = text
                }
                if let reason = entry.unreadable { unreadable["logs/\(namespace)/\(name)"] = reason }
            }
            return (logs, unreadable)
        }
    }

    /// Drops a pod's logs (it is healthy again, or gone).
    func forget(_ uid: String) {
        _ = lock.withLock { entries.removeValue(forKey: uid) }
    }
}
