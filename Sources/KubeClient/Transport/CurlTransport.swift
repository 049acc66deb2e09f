import Synchronization

/// HTTPS to one API server through libcurl: the transport every PodDoctor request goes through.
///
/// One transport owns one driver thread and one libcurl multi handle, so concurrent requests from
/// any task share connections: HTTP/2 multiplexes them over one connection when the server offers
/// it, HTTP/1.1 reuses a small pool. Create one per cluster and keep it; it stops its thread when
/// the last reference goes away.
///
/// ```swift
/// let transport = try CurlTransport(configuration: TransportConfiguration(
///     tls: TLSConfiguration(certificateAuthorityPEM: caPEM)))
/// let response = try await transport.send(HTTPRequest(url: "https://10.0.0.1:6443/version"))
/// for try await line in try await transport.stream(HTTPRequest(url: watchURL)).body.lines() { … }
/// ```
public final class CurlTransport: Sendable {
    /// The configuration every request of this transport uses.
    public let configuration: TransportConfiguration
    private let driver: CurlDriver
    private let nextID = Atomic<UInt64>(1)

    /// Starts a transport (and its driver thread).
    public init(configuration: TransportConfiguration = TransportConfiguration()) throws(TransportError) {
        self.configuration = configuration
        driver = try CurlDriver(configuration: configuration)
    }

    deinit {
        driver.shutdown()
    }

    /// Stops the transport now: pending requests and open streams fail with
    /// ``TransportError/Kind/shutdown`` and later requests fail at once. Dropping the last reference
    /// (including the streams it returned) does the same.
    public func shutdown() {
        driver.shutdown()
    }

    /// Sends a request and returns the whole response, whatever its status.
    ///
    /// Throws a ``TransportError`` when no complete response arrived (and `.cancelled` when the
    /// calling task is cancelled, within a moment). Use ``HTTPResponse/checkSuccess()`` to turn a
    /// non-2xx status into an error.
    public func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        try await run(request) { .buffered($0) }
    }

    /// Starts a streaming request and returns as soon as the response headers arrive; the body is
    /// read from ``HTTPStreamResponse/body`` as it comes. Streams have no total timeout unless
    /// the request sets one.
    public func stream(_ request: HTTPRequest) async throws(TransportError) -> HTTPStreamResponse {
        try await run(request) { .streaming($0) }
    }

    /// Submits a transfer and waits for its result; cancelling the task aborts the transfer.
    private func run<Result: Sendable>(
        _ request: HTTPRequest,
        completion: @escaping (CheckedContinuation<Result, any Error>) -> Transfer.Completion
    ) async throws(TransportError) -> Result {
        let transfer = makeTransfer(request)
        do {
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    transfer.completion = completion(continuation)
                    driver.submit(transfer)
                }
            } onCancel: {
                requestCancel(transfer)
            }
        } catch {
            throw Self.transportError(error, transfer)
        }
    }

    /// How many transfers are running or queued right now (as of the driver's last pass).
    public var activeTransfers: Int {
        driver.transferCount.load(ordering: .relaxed)
    }

    private func makeTransfer(_ request: HTTPRequest) -> Transfer {
        let id = nextID.wrappingAdd(1, ordering: .relaxed).oldValue
        // The completion is filled in before submission, on the caller's thread.
        return Transfer(id: id, request: request, configuration: configuration, completion: nil, owner: self)
    }

    private func requestCancel(_ transfer: Transfer) {
        transfer.cancelRequested.store(true, ordering: .relaxed)
        driver.cancel(transfer.id)
    }

    private static func transportError(_ error: any Error, _ transfer: Transfer) -> TransportError {
        if let error = error as? TransportError { return error }
        return TransportError(kind: .cancelled, url: transfer.redactedURL, detail: "the request was cancelled")
    }
}

extension HTTPResponse {
    /// Returns `self` for a 2xx status; otherwise throws ``TransportError/Kind/httpStatus`` with the
    /// server's message (a Kubernetes `Status` message when the body is one).
    @discardableResult
    public func checkSuccess() throws(TransportError) -> HTTPResponse {
        guard !isSuccess else { return self }
        throw TransportError(
            kind: .httpStatus, url: metrics.url, detail: ServerMessage.extract(from: body, contentType: headers["Content-Type"]),
            status: status, hint: ServerMessage.hint(forStatus: status)
        )
    }
}
