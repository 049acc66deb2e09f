import Dispatch
import Foundation

/// `map` over the machine's cores, in order: the engine is pure, so pods are independent.
enum ParallelMap {
    /// Below this many items the work is done on the calling thread.
    static let threshold = 64

    /// `items.map(transform)`, the items split in chunks run concurrently.
    static func map<Item: Sendable, Result: Sendable>(_ items: [Item], _ transform: @Sendable (Item) -> Result) -> [Result] {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        guard items.count >= threshold, cores > 1 else { return items.map(transform) }
        let chunks = min(items.count, cores * 4)
        let results = ChunkResults<Result>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let range = (items.count * chunk / chunks)..<(items.count * (chunk + 1) / chunks)
            results.set(chunk, items[range].map(transform))
        }
        return results.joined()
    }
}

/// The results of each chunk, written once from whichever thread ran it.
private final class ChunkResults<Result: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var chunks: [[Result]]

    init(count: Int) { chunks = Array(repeating: [], count: count) }

    func set(_ chunk: Int, _ results: [Result]) {
        lock.withLock { chunks[chunk] = results }
    }

    func joined() -> [Result] {
        lock.withLock { chunks.flatMap { $0 } }
    }
}
