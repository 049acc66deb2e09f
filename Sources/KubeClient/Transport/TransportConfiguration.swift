/// Everything a ``CurlTransport`` needs to reach one API server.
public struct TransportConfiguration: Sendable {
    /// TLS trust and client identity.
    public var tls: TLSConfiguration
    /// Which proxy to use, if any.
    public var proxy: ProxyConfiguration
    /// How long to wait for a connection (TCP and TLS) before failing.
    public var connectTimeout: Duration
    /// The total time a non-streaming request may take (response headers included); `nil` for none.
    public var requestTimeout: Duration?
    /// How long a stream may go without receiving a byte (its headers included) before it ends in a
    /// timeout error: a silent server or a half-open connection; `nil` for no limit.
    public var streamIdleTimeout: Duration?
    /// The most transfers running at once; more wait in a queue inside the transport.
    public var maxConcurrentTransfers: Int
    /// The most connections to one host. HTTP/2 multiplexes over one connection anyway.
    public var maxConnectionsPerHost: Int
    /// How many bytes a stream buffers before pausing the transfer until the consumer catches up.
    public var streamBufferBytes: Int
    /// Whether to offer HTTP/2 (over TLS, by ALPN) or stay on HTTP/1.1.
    public var allowHTTP2: Bool
    /// Whether to ask for gzip (`Accept-Encoding: gzip`); kubeconfig `disable-compression` turns it off.
    public var compression: Bool
    /// The `User-Agent` sent with every request.
    public var userAgent: String
    /// Called after every transfer with what it measured (for `--verbose` traces). URLs carry no credentials.
    public var observer: (@Sendable (TransferMetrics) -> Void)?

    /// Creates a configuration with kubectl-like defaults.
    public init(
        tls: TLSConfiguration = TLSConfiguration(),
        proxy: ProxyConfiguration = .environment(),
        connectTimeout: Duration = .seconds(10),
        requestTimeout: Duration? = .seconds(60),
        streamIdleTimeout: Duration? = .seconds(330),
        maxConcurrentTransfers: Int = 64,
        maxConnectionsPerHost: Int = 8,
        streamBufferBytes: Int = 1 << 20,
        allowHTTP2: Bool = true,
        compression: Bool = true,
        userAgent: String = UserAgent.default,
        observer: (@Sendable (TransferMetrics) -> Void)? = nil
    ) {
        self.tls = tls
        self.proxy = proxy
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.streamIdleTimeout = streamIdleTimeout
        self.maxConcurrentTransfers = maxConcurrentTransfers
        self.maxConnectionsPerHost = maxConnectionsPerHost
        self.streamBufferBytes = streamBufferBytes
        self.allowHTTP2 = allowHTTP2
        self.compression = compression
        self.userAgent = userAgent
        self.observer = observer
    }
}

/// The `User-Agent` PodDoctor sends: `poddoctor/<version> (<os>/<arch>)`.
public enum UserAgent {
    /// PodDoctor's version.
    public static let version = "0.1.0"

    /// The default agent string, e.g. `poddoctor/0.1.0 (linux/amd64)`.
    public static let `default` = "poddoctor/\(version) (\(operatingSystem)/\(architecture))"

    static var operatingSystem: String {
        #if os(Linux)
        return "linux"
        #elseif os(macOS)
        return "darwin"
        #elseif os(Windows)
        return "windows"
        #else
        return "unknown"
        #endif
    }

    static var architecture: String {
        #if arch(x86_64)
        return "amd64"
        #elseif arch(arm64)
        return "arm64"
        #else
        return "unknown"
        #endif
    }
}
