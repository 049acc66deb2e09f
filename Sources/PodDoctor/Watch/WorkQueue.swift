import KubeModel

/// Pods waiting to be diagnosed by `watch`'s workers: first in, first out; a pod changed again while
/// it waits keeps one place with its latest object (repeated changes coalesce), and one changed while
/// a worker diagnoses it is queued again once that diagnosis ends. The watch loop only adds, never waits.
package actor WorkQueue {
    private var latest: [String: Pod] = [:]
    private var order: [String] = []
    private var head = 0
    private var inFlight = Set<String>()
    private var dirty: [String: Pod] = [:]
    private var waiting: [CheckedContinuation<(String, Pod)?, Never>] = []
    private var closed = false

    /// An empty, open queue.
    package init() {}

    /// Queues `pod` (or replaces the queued object of the same pod).
    package func add(_ uid: String, _ pod: Pod) {
        guard !closed else { return }
        if inFlight.contains(uid) {
            dirty[uid] = pod
            return
        }
        if latest[uid] == nil { order.append(uid) }
        latest[uid] = pod
        wake()
    }

    /// The next pod to diagnose; `nil` once the queue is closed.
    package func next() async -> (String, Pod)? {
        if let item = take() { return item }
        if closed { return nil }
        return await withCheckedContinuation { waiting.append($0) }
    }

    /// A worker finished `uid`: a change that arrived meanwhile is queued again.
    package func done(_ uid: String) {
        inFlight.remove(uid)
        if let pod = dirty.removeValue(forKey: uid) { add(uid, pod) }
    }

    /// Ends the queue: waiting workers get `nil`.
    package func close() {
        closed = true
        waiting.forEach { $0.resume(returning: nil) }
        waiting.removeAll()
    }

    /// How many pods wait (for tests and metrics).
    package var count: Int { latest.count }

    private func take() -> (String, Pod)? {
        while head < order.count {
            let uid = order[head]
            head += 1
            if head > 1024 && head * 2 > order.count {
                order.removeFirst(head)
                head = 0
            }
            guard let pod = latest.removeValue(forKey: uid) else { continue }
            inFlight.insert(uid)
            return (uid, pod)
        }
        return nil
    }

    private func wake() {
        while !waiting.isEmpty, let item = take() {
            waiting.removeFirst().resume(returning: item)
        }
    }
}
