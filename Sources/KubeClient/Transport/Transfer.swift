import CCurl
import Foundation
import Synchronization

/// One request in flight: its easy handle, what has arrived so far, and who waits for the result.
///
/// Created by the caller's task, then handed to the driver thread, which alone touches everything
/// but ``cancelRequested``. libcurl's callbacks reach it through `Unmanaged` (the driver's table of
/// active transfers keeps it alive while curl may call back).
final class Transfer: @unchecked Sendable {
    /// How the caller receives the result.
    enum Completion {
        /// The whole response at once.
        case buffered(CheckedContinuation<HTTPResponse, any Error>)
        /// The head once headers are in, then the body through a ``StreamBuffer``.
        case streaming(CheckedContinuation<HTTPStreamResponse, any Error>)
    }

    let id: UInt64
    let request: HTTPRequest
    let redactedURL: String
    let configuration: TransportConfiguration
    /// Set from any thread when the caller's task is cancelled or the stream is dropped.
    let cancelRequested = Atomic<Bool>(false)

    // Driver-thread state.
    var handle: EasyHandle?
    var completion: Completion?
    var stream: StreamBuffer?
    var status = 0
    var headers = HTTPHeaders()
    var headersComplete = false
    var body = Data()
    var bodyBytes = 0
    var startedAt = ContinuousClock.now
    let errorBuffer: UnsafeMutablePointer<CChar>
    /// Called by the stream consumer (any thread) to ask the driver to resume a paused transfer.
    var resumeHandler: (@Sendable () -> Void)?
    var cancelHandler: (@Sendable () -> Void)?
    /// Kept alive by the body stream (the transport), so a stream outlives the caller's reference.
    let owner: (any AnyObject & Sendable)?

    init(
        id: UInt64, request: HTTPRequest, configuration: TransportConfiguration, completion: Completion?,
        owner: (any AnyObject & Sendable)? = nil
    ) {
        self.id = id
        self.owner = owner
        self.request = request
        self.redactedURL = RequestURL.redact(request.url)
        self.configuration = configuration
        self.completion = completion
        let size = Int(pd_error_size())
        errorBuffer = .allocate(capacity: size)
        errorBuffer.initialize(repeating: 0, count: size)
        TransportCounters.transfers.add(1, ordering: .relaxed)
    }

    deinit {
        TransportCounters.transfers.subtract(1, ordering: .relaxed)
        errorBuffer.deallocate()
    }

    var isStreaming: Bool {
        if case .streaming = completion { return true }
        return stream != nil
    }

    /// The text libcurl wrote into the error buffer, if any.
    var curlErrorText: String {
        String(cString: errorBuffer)
    }

    // MARK: - Data from libcurl (driver thread)

    /// One header line (status line, field, or the blank line ending a header block).
    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        var end = bytes.count
        while end > 0, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let line = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[..<end]), as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            // A new status line starts a new header block (after 1xx, or a proxy's CONNECT reply).
            let parts = line.split(separator: " ", maxSplits: 2)
            status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            headers = HTTPHeaders()
            headersComplete = false
        } else if line.isEmpty {
            if status >= 200 { headersAreComplete() }
        } else if let colon = line.firstIndex(of: ":") {
            let name = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers.add(name: name, value: value)
        }
    }

    /// Body bytes; returns what to tell libcurl (bytes taken, pause, or 0 to abort).
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Int {
        if !headersComplete, status >= 200 { headersAreComplete() }
        if let stream {
            switch stream.offer(bytes) {
            case .accepted:
                bodyBytes += bytes.count
                return bytes.count
            case .pause:
                return Int(pd_writefunc_pause())
            case .abort:
                return 0
            }
        }
        body.append(bytes.bindMemory(to: UInt8.self))
        bodyBytes += bytes.count
        return bytes.count
    }

    private func headersAreComplete() {
        guard !headersComplete else { return }
        headersComplete = true
        guard case .streaming(let continuation) = completion else { return }
        let buffer = StreamBuffer(
            capacity: configuration.streamBufferBytes,
            onResume: resumeHandler ?? {},
            onAbandon: cancelHandler ?? {}
        )
        stream = buffer
        completion = nil
        let head = HTTPStreamResponse(
            status: status, headers: headers, url: redactedURL,
            body: HTTPBodyStream(buffer: buffer, owner: owner)
        )
        continuation.resume(returning: head)
    }

    // MARK: - Completion (driver thread)

    /// Finishes the transfer: resumes whoever waits, exactly once.
    func finish(_ result: Result<Void, TransportError>, metrics: TransferMetrics) {
        configuration.observer?(metrics)
        switch completion {
        case .buffered(let continuation):
            completion = nil
            switch result {
            case .success:
                continuation.resume(returning: HTTPResponse(status: status, headers: headers, body: body, metrics: metrics))
            case .failure(let error):
                continuation.resume(throwing: error)
            }
        case .streaming(let continuation):
            // Ended before any headers: the caller still waits for the head.
            completion = nil
            switch result {
            case .success:
                // No final header block seen (e.g. an empty reply): present what there is.
                let buffer = StreamBuffer(capacity: 0, onResume: {}, onAbandon: {})
                buffer.finish(nil)
                continuation.resume(returning: HTTPStreamResponse(
                    status: status, headers: headers, url: redactedURL, body: HTTPBodyStream(buffer: buffer)))
            case .failure(let error):
                continuation.resume(throwing: error)
            }
        case nil:
            if case .failure(let error) = result {
                stream?.finish(error)
            } else {
                stream?.finish(nil)
            }
        }
    }
}
