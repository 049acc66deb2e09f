/// The head of a streamed response, available as soon as the headers arrive, with the body to read.
public struct HTTPStreamResponse: Sendable {
    /// The final status code.
    public let status: Int
    /// The response headers, in the order the server sent them.
    public let headers: HTTPHeaders
    /// The request URL without user information.
    public let url: String
    /// The body as it arrives; reading it is what keeps the transfer going.
    public let body: HTTPBodyStream

    /// Whether the status is in the 2xx range.
    public var isSuccess: Bool { (200..<300).contains(status) }
}

/// A response body that arrives over time (`follow` logs, watches), as chunks or as lines.
///
/// At most the transport's `streamBufferBytes` wait unread: when the reader is slow the transfer is
/// paused, not buffered without bound. The stream ends when the transfer ends and throws a
/// ``TransportError`` when it is cut (e.g. `.truncatedResponse`). Cancelling the reading task, or
/// dropping every copy of the stream, aborts the transfer.
public struct HTTPBodyStream: AsyncSequence, Sendable {
    /// A chunk of bytes as it came off the wire (after decompression).
    public typealias Element = [UInt8]

    private let lifetime: Lifetime

    /// `owner` (the transport) is kept alive while the stream is.
    init(buffer: StreamBuffer, owner: (any AnyObject & Sendable)? = nil) {
        lifetime = Lifetime(buffer: buffer, owner: owner)
    }

    /// Iterates over the chunks.
    public struct AsyncIterator: AsyncIteratorProtocol {
        fileprivate let lifetime: Lifetime

        /// The next chunk, or `nil` at the end of the body.
        public mutating func next() async throws -> [UInt8]? {
            try await lifetime.buffer.next()
        }
    }

    /// Makes an iterator over the chunks.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(lifetime: lifetime)
    }

    /// The body split into lines (without the `\n`, and without a `\r` before it); a last line
    /// without a newline is yielded too. A line longer than `maxLineBytes` throws.
    public func lines(maxLineBytes: Int = 16 << 20) -> HTTPBodyLines {
        HTTPBodyLines(chunks: self, maxLineBytes: maxLineBytes)
    }

    /// Reads the rest of the body, up to `limit` bytes (what is beyond is dropped and the transfer aborted).
    public func collect(upTo limit: Int) async throws -> [UInt8] {
        var result: [UInt8] = []
        for try await chunk in self {
            result.append(contentsOf: chunk.prefix(limit - result.count))
            if result.count >= limit { break }
        }
        return result
    }

    /// Stops reading: aborts the transfer if it is still running.
    public func cancel() {
        lifetime.buffer.abandon()
    }

    /// Aborts the transfer when the last copy of the stream goes away.
    fileprivate final class Lifetime: Sendable {
        let buffer: StreamBuffer
        let owner: (any AnyObject & Sendable)?
        init(buffer: StreamBuffer, owner: (any AnyObject & Sendable)?) {
            self.buffer = buffer
            self.owner = owner
        }
        deinit { buffer.abandon() }
    }
}

/// The lines of an ``HTTPBodyStream``; see ``HTTPBodyStream/lines(maxLineBytes:)``.
public struct HTTPBodyLines: AsyncSequence, Sendable {
    /// One line's bytes, without its line ending.
    public typealias Element = [UInt8]

    let chunks: HTTPBodyStream
    let maxLineBytes: Int

    /// Iterates over the lines.
    public struct AsyncIterator: AsyncIteratorProtocol {
        var chunks: HTTPBodyStream.AsyncIterator
        let maxLineBytes: Int
        var pending: [UInt8] = []
        var lineStart = 0
        var scanFrom = 0
        var ended = false

        /// The next line, or `nil` at the end of the body.
        public mutating func next() async throws -> [UInt8]? {
            while true {
                if let newline = pending[scanFrom...].firstIndex(of: UInt8(ascii: "\n")) {
                    var line = Array(pending[lineStart..<newline])
                    lineStart = newline + 1
                    scanFrom = lineStart
                    if line.last == UInt8(ascii: "\r") { line.removeLast() }
                    return line
                }
                scanFrom = pending.count
                if ended {
                    guard lineStart < pending.count else { return nil }
                    defer { pending = []; lineStart = 0; scanFrom = 0 }
                    return Array(pending[lineStart...])
                }
                if pending.count - lineStart > maxLineBytes {
                    throw TransportError(
                        kind: .other, detail: "a line of the response exceeded \(maxLineBytes) bytes",
                        hint: "The stream is not line-oriented, or a single object is unexpectedly large"
                    )
                }
                if lineStart > 0 {
                    pending.removeFirst(lineStart)
                    scanFrom -= lineStart
                    lineStart = 0
                }
                if let chunk = try await chunks.next() {
                    pending.append(contentsOf: chunk)
                } else {
                    ended = true
                }
            }
        }
    }

    /// Makes an iterator over the lines.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(chunks: chunks.makeAsyncIterator(), maxLineBytes: maxLineBytes)
    }
}
