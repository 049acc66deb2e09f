import Foundation
import KubeModel

/// The pods as `watch` last saw them: whole while they need evidence, as ``SiblingPod``s while they
/// run well (the sibling form ``ClusterCache/sibling(_:)`` arrives from the watch's transform), indexed
/// by their controller's uid. Pods of one workload share one array of owner references.
final class PodCache: WatchCache, @unchecked Sendable {
    private let lock = NSLock()
    private var full: [String: Pod] = [:]
    private var siblings: [String: SiblingPod] = [:]
    private var byController: [String: Set<String>] = [:]
    /// One array of owner references per distinct set of owners, shared by the pods that have it.
    private var owners: [[OwnerReference]: [OwnerReference]] = [:]
    private var isSynced = false
    private var failure: String?

    /// An empty cache.
    init() {}

    func replace(with items: [Pod]) -> (removed: [Pod], changed: [String]) {
        lock.withLock {
            var previous: [String: String?] = [:]
            previous.reserveCapacity(full.count + siblings.count)
            for (key, pod) in full { previous[key] = pod.metadata.resourceVersion }
            for (key, pod) in siblings { previous[key] = pod.resourceVersion }
            var removedKeys = Set(previous.keys)
            let old = (full, siblings)
            full = [:]
            siblings = [:]
            byController = [:]
            owners = [:]
            var changed: [String] = []
            for item in items {
                let key = ObjectCache<Pod>.key(item)
                removedKeys.remove(key)
                if previous[key].map({ $0 != item.metadata.resourceVersion }) ?? true { changed.append(key) }
                store(item, key: key)
            }
            let removed = removedKeys.sorted().compactMap { old.0[$0] ?? old.1[$0]?.pod }
            isSynced = true
            failure = nil
            return (removed, changed)
        }
    }

    func upsert(_ pod: Pod) {
        lock.withLock {
            let key = ObjectCache<Pod>.key(pod)
            drop(key)
            store(pod, key: key)
        }
    }

    func remove(_ pod: Pod) {
        lock.withLock { drop(ObjectCache<Pod>.key(pod)) }
    }

    func get(key: String) -> Pod? {
        lock.withLock { full[key] ?? siblings[key]?.pod }
    }

    /// The pod named `name` in `namespace`.
    func get(namespace: String?, name: String) -> Pod? {
        get(key: ObjectCache<Pod>.key(namespace: namespace, name: name))
    }

    /// The pods whose controller has `uid`, in key order.
    func controlled(by uid: String) -> [Pod] {
        lock.withLock {
            (byController[uid] ?? []).sorted().compactMap { full[$0] ?? siblings[$0]?.pod }
        }
    }

    var count: Int { lock.withLock { full.count + siblings.count } }

    /// How many pods are held whole (they need evidence).
    var wholeCount: Int { lock.withLock { full.count } }

    var synced: Bool { lock.withLock { isSynced } }

    var unreadable: String? { lock.withLock { failure } }

    func fail(_ reason: String) {
        lock.withLock {
            full = [:]
            siblings = [:]
            byController = [:]
            owners = [:]
            failure = reason
            isSynced = true
        }
    }

    private func store(_ pod: Pod, key: String) {
        if ClusterCache.isSibling(pod) {
            let references = pod.metadata.ownerReferences.map { references in
                if let shared = owners[references] { return shared }
                owners[references] = references
                return references
            }
            siblings[key] = SiblingPod(pod, owners: references)
        } else {
            full[key] = pod
        }
        if let uid = pod.metadata.controller?.uid, !uid.isEmpty { byController[uid, default: []].insert(key) }
    }

    private func drop(_ key: String) {
        let old = full.removeValue(forKey: key)?.metadata.controller?.uid
            ?? siblings.removeValue(forKey: key)?.owners?.first { $0.controller == true }?.uid
        if let uid = old {
            byController[uid]?.remove(key)
            if byController[uid]?.isEmpty == true { byController[uid] = nil }
        }
    }
}
