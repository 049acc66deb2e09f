import Foundation
import KubeClient
import KubeModel
import Logging

/// What an informer changed in its cache.
enum CacheChange<Object: HasMetadata>: Sendable {
    /// A list (the first, or after the watch expired) replaced the cache: the objects that are new or
    /// changed since the cache last held them, and those that are gone.
    case listed(changed: [Object], removed: [Object])
    /// An object was added or changed.
    case upserted(Object)
    /// An object was deleted (its last state).
    case deleted(Object)
}

/// Keeps one kind's ``ObjectCache`` up to date with one list+watch (client-go's reflector): the
/// list fills it, then each watch event changes it, with the resource version and bookmarks
/// tracked by ``WatchStream``, which reconnects and lists again by itself.
struct Informer<Object: HasMetadata>: Sendable {
    /// The kind, for logs and metrics (`Pod`, `ConfigMap`...).
    let kind: String
    /// The cache it fills.
    let cache: ObjectCache<Object>
    /// Makes the watch (again after a failure).
    let watch: @Sendable (_ onRestart: @escaping @Sendable (WatchRestart) -> Void) -> WatchStream<Object>
    /// Whether a watch that cannot start ends the run (the pods: without them there is nothing to do);
    /// otherwise the cache is marked unreadable and the watch tried again after ``retryAfter``.
    var essential = false
    /// The wait before a watch that was refused (403, 404) is tried again.
    var retryAfter: Duration = .seconds(300)
    /// The wait before a watch that failed otherwise (an object that does not decode) starts over.
    var restartAfter: Duration = .seconds(10)

    /// Runs until the task is cancelled (or, when ``essential``, a watch that cannot start throws).
    /// `changed` hears of every change after it is in the cache.
    func run(logger: Logger, monitor: WatchMonitor?, changed: @escaping @Sendable (CacheChange<Object>) async -> Void) async throws {
        let kind = kind
        while !Task.isCancelled {
            do {
                for try await event in watch({ monitor?.watchRestarted($0, kind: kind) }) {
                    switch event {
                    case .listed(let items, _):
                        let (removed, keys) = cache.replace(with: items)
                        monitor?.listed(kind: kind, count: items.count)
                        await changed(.listed(changed: keys.compactMap(cache.get(key:)), removed: removed))
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
                cache.fail(reason + ": findings that need them may be missing")
                logger.warning("cannot watch \(kind)s; trying again later", metadata: [
                    "error": "\(Failure(error).message)", "retryIn": "\(retryAfter.components.seconds)s",
                ])
                try await Task.sleep(for: retryAfter)
            } catch {
                if essential { throw error }
                // Never swallowed: said, then the watch starts over with a new list.
                logger.error("the \(kind) watch failed; starting over", metadata: [
                    "error": "\(Failure(error).message)", "retryIn": "\(restartAfter.components.seconds)s",
                ])
                try await Task.sleep(for: restartAfter)
            }
        }
    }
}
