import Foundation
import KubeModel

/// The objects of one kind as a watch last saw them, keyed by `namespace/name`, with indexes
/// (client-go's thread-safe store with indexers): the pods of a controller, the events about a pod.
/// Safe to read from any task while the watch writes.
final class ObjectCache<Object: HasMetadata>: WatchCache, @unchecked Sendable {
    /// Index values of an object (none when it is not indexed under that name).
    typealias IndexFunction = @Sendable (Object) -> [String]

    private let lock = NSLock()
    private var objects: [String: Object] = [:]
    private let indexers: [String: IndexFunction]
    private var indexes: [String: [String: Set<String>]] = [:]
    private var isSynced = false
    private var failure: String?

    /// An empty cache maintaining the given indexes.
    init(indexers: [String: IndexFunction] = [:]) {
        self.indexers = indexers
    }

    /// The key of an object: `namespace/name`, or `name` for cluster-scoped kinds.
    static func key(_ object: Object) -> String {
        key(namespace: object.metadata.namespace, name: object.metadata.name ?? "")
    }

    /// The key of `name` in `namespace` (`nil`: a cluster-scoped object).
    static func key(namespace: String?, name: String) -> String {
        namespace.map { "\($0)/\(name)" } ?? name
    }

    /// Replaces everything with a fresh list; returns the objects that are gone and the keys of the
    /// objects that are new or changed (by resource version).
    @discardableResult
    func replace(with items: [Object]) -> (removed: [Object], changed: [String]) {
        lock.withLock {
            var fresh: [String: Object] = [:]
            fresh.reserveCapacity(items.count)
            var changed: [String] = []
            for item in items {
                let key = Self.key(item)
                if objects[key].map({ $0.metadata.resourceVersion != item.metadata.resourceVersion }) ?? true { changed.append(key) }
                fresh[key] = item
            }
            let removed = objects.filter { fresh[$0.key] == nil }.map(\.value)
            objects = fresh
            indexes = [:]
            for (key, object) in objects { index(object, key: key) }
            isSynced = true
            failure = nil
            return (removed, changed)
        }
    }

    /// Adds or replaces one object.
    func upsert(_ object: Object) {
        lock.withLock {
            let key = Self.key(object)
            if let old = objects[key] { unindex(old, key: key) }
            objects[key] = object
            index(object, key: key)
        }
    }

    /// Removes one object.
    func remove(_ object: Object) {
        lock.withLock {
            let key = Self.key(object)
            guard let old = objects.removeValue(forKey: key) else { return }
            unindex(old, key: key)
        }
    }

    /// The object named `name` in `namespace`.
    func get(namespace: String?, name: String) -> Object? {
        lock.withLock { objects[Self.key(namespace: namespace, name: name)] }
    }

    /// The object under `key`.
    func get(key: String) -> Object? {
        lock.withLock { objects[key] }
    }

    /// The objects an index lists under `value`, in key order.
    func byIndex(_ name: String, _ value: String) -> [Object] {
        lock.withLock {
            (indexes[name]?[value] ?? []).sorted().compactMap { objects[$0] }
        }
    }

    /// Every object, in key order.
    var all: [Object] {
        lock.withLock { objects.keys.sorted().compactMap { objects[$0] } }
    }

    /// How many objects are held.
    var count: Int { lock.withLock { objects.count } }

    /// Whether a list has filled the cache (or its watch could not start, see ``failure``).
    var synced: Bool { lock.withLock { isSynced } }

    /// Why the cache could not be filled (forbidden...), when it could not; lookups are then unknown.
    var unreadable: String? { lock.withLock { failure } }

    /// Whether the cache holds the kind completely: synced, and not failed.
    var isComplete: Bool { lock.withLock { isSynced && failure == nil } }

    /// The watch could not fill the cache: it is emptied, and counts as synced (nothing to wait for).
    func fail(_ reason: String) {
        lock.withLock {
            objects = [:]
            indexes = [:]
            failure = reason
            isSynced = true
        }
    }

    private func index(_ object: Object, key: String) {
        for (name, function) in indexers {
            for value in function(object) { indexes[name, default: [:]][value, default: []].insert(key) }
        }
    }

    private func unindex(_ object: Object, key: String) {
        for (name, function) in indexers {
            for value in function(object) {
                indexes[name]?[value]?.remove(key)
                if indexes[name]?[value]?.isEmpty == true { indexes[name]?[value] = nil }
            }
        }
    }
}
