/// The frames of an ``HTTPBodyStream`` whose body is a sequence of length-prefixed records: a
/// 4-byte big-endian length, then that many bytes (the API server's protobuf watch framing).
public struct HTTPBodyFrames: AsyncSequence, Sendable {
    /// One frame's bytes, without its length.
    public typealias Element = [UInt8]

    let chunks: HTTPBodyStream
    let maxFrameBytes: Int

    /// Iterates over the frames.
    public struct AsyncIterator: AsyncIteratorProtocol {
        var chunks: HTTPBodyStream.AsyncIterator
        let maxFrameBytes: Int
        var pending: [UInt8] = []
        var start = 0

        /// The next frame, or `nil` at the end of the body; a body cut inside a frame throws.
        public mutating func next() async throws -> [UInt8]? {
            while true {
                let available = pending.count - start
                if available >= 4 {
                    let length = pending[start..<(start + 4)].reduce(0) { $0 << 8 | Int($1) }
                    guard length <= maxFrameBytes else {
                        throw TransportError(kind: .other, detail: "a frame of the stream announced \(length) bytes (more than \(maxFrameBytes))",
                                             hint: "The stream is not length-prefixed protobuf, or a single object is unexpectedly large")
                    }
                    if available >= 4 + length {
                        let frame = Array(pending[(start + 4)..<(start + 4 + length)])
                        start += 4 + length
                        return frame
                    }
                }
                if start > 0 {
                    pending.removeFirst(start)
                    start = 0
                }
                guard let chunk = try await chunks.next() else {
                    guard pending.isEmpty else {
                        throw TransportError(kind: .truncatedResponse, detail: "the stream ended inside a frame (\(pending.count) bytes of it)")
                    }
                    return nil
                }
                pending.append(contentsOf: chunk)
            }
        }
    }

    /// Makes an iterator over the frames.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(chunks: chunks.makeAsyncIterator(), maxFrameBytes: maxFrameBytes)
    }
}

extension HTTPBodyStream {
    /// The body split into length-prefixed frames; a frame longer than `maxFrameBytes` throws.
    public func frames(maxFrameBytes: Int = 16 << 20) -> HTTPBodyFrames {
        HTTPBodyFrames(chunks: self, maxFrameBytes: maxFrameBytes)
    }
}
