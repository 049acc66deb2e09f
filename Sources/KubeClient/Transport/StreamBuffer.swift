import Synchronization

/// The bounded hand-over between a streaming transfer (producer, on the driver thread) and the task
/// reading it (consumer, anywhere).
///
/// When `capacity` bytes wait unread, the producer is told to pause the transfer; once the consumer
/// has drained half of them, `onResume` asks the driver to continue it. A consumer that is cancelled
/// or drops the stream calls `onAbandon`, which aborts the transfer.
final class StreamBuffer: Sendable {
    /// What the producer should tell libcurl about the bytes it offered.
    enum OfferResult {
        /// The bytes were taken.
        case accepted
        /// Nothing was taken: pause the transfer and offer them again later.
        case pause
        /// The consumer is gone: abort the transfer.
        case abort
    }

    private struct State {
        var chunks: [[UInt8]] = []
        var head = 0
        var bufferedBytes = 0
        var paused = false
        var finished = false
        var failure: (any Error)?
        var waiter: CheckedContinuation<[UInt8]?, any Error>?
        var abandoned = false

        mutating func pop() -> [UInt8] {
            let chunk = chunks[head]
            chunks[head] = []
            head += 1
            bufferedBytes -= chunk.count
            if head == chunks.count {
                chunks.removeAll(keepingCapacity: true)
                head = 0
            } else if head >= 64 && head * 2 >= chunks.count {
                chunks.removeFirst(head)
                head = 0
            }
            return chunk
        }
    }

    private let state = Mutex(State())
    private let capacity: Int
    private let onResume: @Sendable () -> Void
    private let onAbandon: @Sendable () -> Void

    init(capacity: Int, onResume: @escaping @Sendable () -> Void, onAbandon: @escaping @Sendable () -> Void) {
        self.capacity = max(1, capacity)
        self.onResume = onResume
        self.onAbandon = onAbandon
    }

    // MARK: Producer (driver thread)

    /// Offers bytes that just arrived.
    func offer(_ bytes: UnsafeRawBufferPointer) -> OfferResult {
        enum Action { case deliver(CheckedContinuation<[UInt8]?, any Error>), result(OfferResult) }
        let action: Action = state.withLock { state in
            if state.abandoned { return .result(.abort) }
            if let waiter = state.waiter {
                state.waiter = nil
                return .deliver(waiter)
            }
            if state.bufferedBytes >= capacity {
                state.paused = true
                return .result(.pause)
            }
            state.chunks.append(Array(bytes))
            state.bufferedBytes += bytes.count
            return .result(.accepted)
        }
        switch action {
        case .deliver(let waiter):
            waiter.resume(returning: Array(bytes))
            return .accepted
        case .result(let result):
            return result
        }
    }

    /// Ends the stream: `nil` for a clean end, or the error that cut it.
    func finish(_ error: (any Error)?) {
        let waiter: CheckedContinuation<[UInt8]?, any Error>? = state.withLock { state in
            guard !state.finished else { return nil }
            state.finished = true
            state.failure = error
            // A waiter exists only when no chunk is buffered.
            defer { state.waiter = nil }
            return state.waiter
        }
        if let error { waiter?.resume(throwing: error) } else { waiter?.resume(returning: nil) }
    }

    // MARK: Consumer

    /// The next chunk, or `nil` at the end; throws the transfer's error, or `CancellationError`.
    func next() async throws -> [UInt8]? {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<[UInt8]?, any Error>) in
                enum Action { case chunk([UInt8], resume: Bool), end((any Error)?), cancelled, wait }
                let action: Action = state.withLock { state in
                    if state.head < state.chunks.count {
                        let chunk = state.pop()
                        let resume = state.paused && state.bufferedBytes <= capacity / 2
                        if resume { state.paused = false }
                        return .chunk(chunk, resume: resume)
                    }
                    if state.finished { return .end(state.failure) }
                    if state.abandoned { return .cancelled }
                    state.waiter = continuation
                    return .wait
                }
                switch action {
                case .chunk(let chunk, let resume):
                    if resume { onResume() }
                    continuation.resume(returning: chunk)
                case .end(let error?):
                    continuation.resume(throwing: error)
                case .end(nil):
                    continuation.resume(returning: nil)
                case .cancelled:
                    continuation.resume(throwing: CancellationError())
                case .wait:
                    break
                }
            }
        } onCancel: {
            abandon(error: CancellationError())
        }
    }

    /// The consumer stopped (cancelled or dropped the stream): wake it, drop the data, abort the transfer.
    func abandon(error: any Error = CancellationError()) {
        let waiter: CheckedContinuation<[UInt8]?, any Error>? = state.withLock { state in
            guard !state.abandoned else { return nil }
            state.abandoned = true
            state.chunks = []
            state.head = 0
            state.bufferedBytes = 0
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(throwing: error)
        onAbandon()
    }
}
