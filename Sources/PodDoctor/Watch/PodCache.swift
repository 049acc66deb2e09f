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
    /// One array of owner references per distinct set of owners, shared by the sibling records that
    /// have it, with how many do (dropped with the last).
    private var owners: [[OwnerReference]: (shared: [OwnerReference], users: Int)] = [:]
    private var isSynced = false
    private var failure: String?

    /// An empty cache.
    init() {}

    /// Replaces every pod with a fresh list; returns the pods gone (a pod recreated under its name
    /// counts as gone, and its successor as changed) and the keys of those new or changed.
    func replace(with items: [Pod]) -> (removed: [Pod], changed: [String]) {
        lock.withLock {
            // Each key's uid and version: a pod recreated under its name (a StatefulSet's) is another pod.
            var previous: [String: (uid: String?, version: String?)] = [:]
            previous.reserveCapacity(full.count + siblings.count)
            for (key, pod) in full { previous[key] = (pod.metadata.uid, pod.metadata.resourceVersion) }
            for (key, pod) in siblings { previous[key] = (pod.uid, pod.resourceVersion) }
            var removedKeys = Set(previous.keys)
            let old = (full, siblings)
            full = [:]
            siblings = [:]
            byController = [:]
            owners = [:]
            var changed: [String] = []
            for item in items {
                let key = ObjectCache<Pod>.key(item)
                if let known = previous[key], known.uid == item.metadata.uid {
                    removedKeys.remove(key)
                    if known.version != item.metadata.resourceVersion { changed.append(key) }
                } else {
                    changed.append(key)
                }
                store(item, key: key)
            }
            let removed = removedKeys.sorted().compactMap { old.0[$0] ?? old.1[$0]?.pod }
            isSynced = true
            failure = nil
            return (removed, changed)
        }
    }

    /// Adds or replaces one pod: whole, or as a sibling record when it comes in its sibling form.
    func upsert(_ pod: Pod) {
        lock.withLock {
            let key = ObjectCache<Pod>.key(pod)
            drop(key)
            store(pod, key: key)
        }
    }

    /// Removes one pod.
    func remove(_ pod: Pod) {
        lock.withLock { drop(ObjectCache<Pod>.key(pod)) }
    }

    /// The pod under `key` (`namespace/name`): whole, or in its sibling form.
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

    /// How many pods are held.
    var count: Int { lock.withLock { full.count + siblings.count } }

    /// How many distinct sets of owner references the sibling records share.
    var ownerSets: Int { lock.withLock { owners.count } }

    /// How many pods are held whole (they need evidence).
    var wholeCount: Int { lock.withLock { full.count } }

    /// Whether a list has filled the cache (or its watch could not start).
    var synced: Bool { lock.withLock { isSynced } }

    /// Why the cache could not be filled, when it could not.
    var unreadable: String? { lock.withLock { failure } }

    /// The watch could not fill the cache: it is emptied, and counts as synced.
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
                let shared = owners[references]?.shared ?? references
                owners[references] = (shared, (owners[references]?.users ?? 0) + 1)
                return shared
            }
            siblings[key] = SiblingPod(pod, owners: references)
        } else {
            full[key] = pod
        }
        if let uid = pod.metadata.controller?.uid, !uid.isEmpty { byController[uid, default: []].insert(key) }
    }

    private func drop(_ key: String) {
        var old = full.removeValue(forKey: key)?.metadata.controller?.uid
        if let sibling = siblings.removeValue(forKey: key) {
            old = sibling.owners?.first { $0.controller == true }?.uid
            if let references = sibling.owners, let entry = owners[references] {
                owners[references] = entry.users > 1 ? (entry.shared, entry.users - 1) : nil
            }
        }
        if let uid = old {
            byController[uid]?.remove(key)
            if byController[uid]?.isEmpty == true { byController[uid] = nil }
        }
    }
}
