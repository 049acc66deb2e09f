import Foundation

/// A complete HTTP response: status, headers and the whole body.
public struct HTTPResponse: Sendable {
    /// The final status code (after any `1xx` and proxy `CONNECT` responses).
    public var status: Int
    /// The response headers, in the order the server sent them.
    public var headers: HTTPHeaders
    /// The body, decompressed when the server used gzip.
    public var body: Data
    /// Facts about how the transfer went (protocol, timing, new connections).
    public var metrics: TransferMetrics

    /// Creates a response.
    public init(status: Int, headers: HTTPHeaders, body: Data, metrics: TransferMetrics) {
        self.status = status
        self.headers = headers
        self.body = body
        self.metrics = metrics
    }

    /// Whether the status is in the 2xx range.
    public var isSuccess: Bool { (200..<300).contains(status) }

    /// The body as UTF-8 text (invalid bytes replaced).
    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// What the transport measured about one transfer; what `--verbose` prints.
public struct TransferMetrics: Sendable, Equatable {
    /// The request method.
    public var method: HTTPMethod
    /// The request URL, with any user information removed.
    public var url: String
    /// The HTTP status, 0 when no response arrived.
    public var status: Int
    /// The negotiated protocol, e.g. `HTTP/1.1` or `HTTP/2`.
    public var httpVersion: String
    /// Wall time from start to the end of the transfer.
    public var duration: Duration
    /// How many new connections this transfer opened (0 when it reused one).
    public var newConnections: Int
    /// Response body bytes received (after decompression).
    public var bytesReceived: Int

    /// Creates metrics.
    public init(
        method: HTTPMethod, url: String, status: Int, httpVersion: String,
        duration: Duration, newConnections: Int, bytesReceived: Int
    ) {
        self.method = method
        self.url = url
        self.status = status
        self.httpVersion = httpVersion
        self.duration = duration
        self.newConnections = newConnections
        self.bytesReceived = bytesReceived
    }
}
