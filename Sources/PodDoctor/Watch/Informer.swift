import Foundation
import KubeClient
import KubeModel
import Logging

/// What an informer changed in its cache.
enum CacheChange<Object: HasMetadata>: Sendable {
    /// A list (the first, or after the watch expired) replaced the cache: the keys of the objects that
    /// are new or changed since the cache last held them (read them from the cache: a first list of
    /// 50,000 pods is not copied again), and the objects that are gone.
    case listed(changed: [String], removed: [Object])
    /// An object was added or changed.
    case upserted(Object)
    /// An object was deleted (its last state).
    case deleted(Object)
}

/// A cache an ``Informer`` keeps: filled by a list, changed by each watch event.
protocol WatchCache<Object>: AnyObject, Sendable {
    /// The kind held.
    associatedtype Object: HasMetadata
    /// Replaces everything with a fresh list; returns the objects that are gone and the keys of the
    /// objects that are new or changed (by resource version).
    func replace(with items: [Object]) -> (removed: [Object], changed: [String])
    /// Adds or replaces one object.
    func upsert(_ object: Object)
    /// Removes one object.
    func remove(_ object: Object)
    /// The object under `key` (`namespace/name`).
    func get(key: String) -> Object?
    /// The watch could not fill the cache: it is emptied, and counts as synced, with the reason.
    func fail(_ reason: String)
    /// How many objects are held.
    var count: Int { get }
    /// Whether a list has filled the cache, or it was found that none can.
    var synced: Bool { get }
}

/// Keeps one kind's cache up to date with one list+watch (client-go's reflector): the
/// list fills it, then each watch event changes it, with the resource version and bookmarks
/// tracked by ``WatchStream``, which reconnects and lists again by itself.
struct Informer<Cache: WatchCache>: Sendable {
    typealias Object = Cache.Object
    /// The kind, for logs and metrics (`Pod`, `ConfigMap`...).
    let kind: String
    /// The cache it fills.
    let cache: Cache
    /// Makes the watch (again after a failure).
    let watch: @Sendable (_ onRestart: @escaping @Sendable (WatchRestart) -> Void) -> WatchStream<Object>
    /// Whether a watch that cannot start ends the run (the pods: without them there is nothing to do);
    /// otherwise the cache is marked unreadable and the watch tried again after ``retryAfter``.
    var essential = false
    /// The wait before a watch that was refused (403, 404) is tried again.
    var retryAfter: Duration = .seconds(300)
    /// The wait before a watch that failed otherwise (an object that does not decode) starts over.
    var restartAfter: Duration = .seconds(10)
    /// What a refused watch means, said once when it is first refused (later refusals are logged at
    /// debug level): the kinds a role may leave out on purpose (Secrets) say so at info level.
    var refusal: (level: Logger.Level, consequence: String) = (.warning, "findings that need them may be missing")

    /// Runs until the task is cancelled (or, when ``essential``, a watch that cannot start throws).
    /// `changed` hears of every change after it is in the cache.
    func run(logger: Logger, monitor: WatchMonitor?, changed: @escaping @Sendable (CacheChange<Object>) async -> Void) async throws {
        let kind = kind
        var refused = false
        var failures = 0
        while !Task.isCancelled {
            do {
                for try await event in watch({ monitor?.watchRestarted($0, kind: kind) }) {
                    switch event {
                    case .listed(let items, _):
                        let (removed, keys) = cache.replace(with: items)
                        monitor?.listed(kind: kind, count: items.count)
                        await changed(.listed(changed: keys, removed: removed))
                    case .added(let object), .modified(let object):
                        cache.upsert(object)
                        monitor?.synced()
                        monitor?.cached(kind: kind, count: cache.count)
                        await changed(.upserted(object))
                    case .deleted(let object):
                        cache.remove(object)
                        monitor?.synced()
                        monitor?.cached(kind: kind, count: cache.count)
                        await changed(.deleted(object))
                    case .bookmark:
                        monitor?.synced()
                    }
                }
                return  // cancelled
            } catch where Task.isCancelled {
                return
            } catch let error as APIError where error.isForbidden || error.isNotFound || error.code == 401 {
                if essential { throw error }
                let reason = error.isForbidden ? "watching \(kind)s is forbidden" : "\(kind)s cannot be watched (\(error.code))"
                cache.fail(reason + ": " + refusal.consequence)
                logger.log(level: refused ? .debug : refusal.level, "cannot watch \(kind)s (\(refusal.consequence)); trying again later", metadata: [
                    "error": "\(Failure(error).message)", "retryIn": "\(retryAfter.components.seconds)s",
                ])
                refused = true
                try await Task.sleep(for: retryAfter)
            } catch {
                if essential { throw error }
                // A cache that still cannot be filled after three tries stops holding up readiness and
                // the diagnoses: its lookups are "unknown" with this reason until a list succeeds.
                failures += 1
                if failures >= 3, !cache.synced { cache.fail("\(kind)s could not be read (\(Failure(error).message))") }
                // Never swallowed: said, then the watch starts over with a new list.
                logger.error("the \(kind) watch failed; starting over", metadata: [
                    "error": "\(Failure(error).message)", "retryIn": "\(restartAfter.components.seconds)s",
                ])
                try await Task.sleep(for: restartAfter)
            }
        }
    }
}
