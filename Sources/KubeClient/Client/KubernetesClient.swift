import Foundation

/// Talks to one cluster as one user: adds credentials and impersonation to every request, refreshes
/// rotating credentials, and retries once after a 401 when a refresh may help.
///
/// ```swift
/// let client = try KubernetesClient(configuration: try ClientConfiguration.load())
/// let response = try await client.send(client.request(path: "/api/v1/namespaces/default/pods"))
/// ```
public final class KubernetesClient: Sendable {
    /// Transport settings that do not come from the kubeconfig.
    public struct Options: Sendable {
        /// How long to wait for a connection.
        public var connectTimeout: Duration = .seconds(10)
        /// The total time a non-streaming request may take, response headers included (kubectl's
        /// `--request-timeout`; `nil` for none). Streams (watches) are bounded by ``streamIdleTimeout`` instead.
        public var requestTimeout: Duration? = .seconds(60)
        /// How long a stream (a watch) may stay silent, headers included, before it is given up as a
        /// dead or half-open connection; a watch then reconnects. TCP keepalive probes an idle
        /// connection after 30 s as well.
        public var streamIdleTimeout: Duration = .seconds(330)
        /// How long a non-interactive exec credential plugin may run before it and everything it
        /// started are stopped.
        public var execTimeout: Duration = .seconds(120)
        /// The most requests in flight at once.
        public var maxConcurrentTransfers: Int = 64
        /// The most connections open to the API server at once. Over HTTP/2 requests share one
        /// connection; over HTTP/1.1 each request in flight, and each open watch, takes one (a
        /// `PodWatcher` keeps one watch open per kind it caches; `PodWatcher.connectionsNeeded` says how many).
        public var maxConnectionsPerHost: Int = 24
        /// The `User-Agent`.
        public var userAgent: String = UserAgent.default
        /// Called after every transfer (for `--verbose`); URLs carry no credentials.
        public var observer: (@Sendable (TransferMetrics) -> Void)?
        /// When to send a request again (429/5xx with `Retry-After`, dropped connections on reads).
        public var retry: RetryPolicy = RetryPolicy()
        /// The client-side rate limit: requests per second (0 for none); kubectl's default, 50.
        public var requestsPerSecond: Double = 50
        /// How many requests may go at once before the rate applies; kubectl's default, 300.
        public var burst: Int = 300
        /// Called with the text of each `Warning:` response header (deprecations and the like), once per text.
        public var warningHandler: (@Sendable (String) -> Void)?
        /// Whether the client refuses every request but GET and HEAD (``ReadOnlyViolation``), before it
        /// reaches the transport. On by default: PodDoctor only reads.
        public var readOnly = true
        /// The encoding asked of the server for built-in kinds: protobuf (with JSON as the fallback
        /// a server or proxy may answer) as Kubernetes controllers read, or JSON as kubectl does.
        public var wireFormat: WireFormat = .protobuf
        /// Creates the defaults.
        public init() {}
    }

    /// The configuration this client uses.
    public let configuration: ClientConfiguration
    /// The encoding asked of the server for built-in kinds.
    public var wireFormat: WireFormat { options.wireFormat }
    /// The most connections open to the API server at once (``Options/maxConnectionsPerHost``).
    public var maxConnectionsPerHost: Int { options.maxConnectionsPerHost }
    private let options: Options
    private let credentials: CredentialProvider
    private let transports: TransportHolder
    private let limiter: RateLimiter
    private let warnings = WarningDeduplicator()
    private let clock = ServerClock()

    /// Creates a client. Fails when credentials would travel over plain HTTP.
    public init(configuration: ClientConfiguration, options: Options = Options()) throws {
        let hasCredentials = configuration.credentials != .none || configuration.tls.clientCertificatePEM != nil
        if hasCredentials, configuration.server.lowercased().hasPrefix("http://") {
            throw ConfigurationError(
                kind: .credentialsOverHTTP,
                message: "credentials would be sent to \(RequestURL.redact(configuration.server)) in clear text",
                hint: "Use an https:// server address"
            )
        }
        self.configuration = configuration
        self.options = options
        credentials = CredentialProvider(credentials: configuration.credentials, clusterInfo: configuration.clusterInfo,
                                         execTimeout: Double(options.execTimeout.components.seconds) + Double(options.execTimeout.components.attoseconds) / 1e18)
        transports = try TransportHolder(base: Self.transportConfiguration(configuration, options))
        limiter = RateLimiter(ratePerSecond: options.requestsPerSecond, burst: options.burst)
    }

    /// A GET request for an API path (e.g. `/api/v1/namespaces/x/pods`) with query parameters.
    public func request(path: String, query: [(String, String)] = [], headers: HTTPHeaders = [:]) -> HTTPRequest {
        var url = configuration.server + (path.hasPrefix("/") ? path : "/" + path)
        if !query.isEmpty {
            url += "?" + query.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&")
        }
        return HTTPRequest(url: url, headers: headers)
    }

    /// Sends a request with this client's credentials and returns the whole response.
    ///
    /// Throws ``TransportError`` when no response arrived, and ``ConfigurationError`` when the
    /// credentials could not be produced or were rejected even after a refresh.
    /// 429 and 5xx answers with `Retry-After`, and dropped connections on reads, are retried as
    /// ``Options/retry`` allows; the last answer is returned whatever its status.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try refuseWrites(request)
        let policy = options.retry
        var attempt = 0
        var waited = Duration.zero
        while true {
            try await limiter.acquire()
            let response: HTTPResponse
            do {
                response = try await authenticated(request) { transport, request in try await transport.send(request) } status: { $0.status }
            } catch let error as TransportError {
                guard attempt < policy.maxRetries, let delay = policy.delay(for: error, method: request.method, attempt: attempt),
                      waited + delay <= policy.maxTotalDelay
                else { throw error }
                try await Task.sleep(for: delay)
                attempt += 1
                waited += delay
                continue
            }
            report(warnings: response.headers)
            clock.observe(response.headers)
            guard attempt < policy.maxRetries, let delay = policy.delay(for: response), waited + delay <= policy.maxTotalDelay else {
                return response
            }
            try await Task.sleep(for: delay)
            attempt += 1
            waited += delay
        }
    }

    /// Starts a streaming request with this client's credentials (follow logs, watches). Not retried:
    /// a watch resumes by itself from its last resource version.
    public func stream(_ request: HTTPRequest) async throws -> HTTPStreamResponse {
        try refuseWrites(request)
        try await limiter.acquire()
        let response = try await authenticated(request) { transport, request in try await transport.stream(request) } status: { $0.status }
        report(warnings: response.headers)
        clock.observe(response.headers)
        return response
    }

    /// The API server's time now, from the `Date` header of its latest response; `nil` until a
    /// response has carried one. A diagnosis speaks of this moment, not of the local clock.
    public func serverTime() -> Date? { clock.now() }

    /// A read-only client sends GET and HEAD only; anything else is refused here, not by convention.
    private func refuseWrites(_ request: HTTPRequest) throws(ReadOnlyViolation) {
        guard options.readOnly, request.method != .get, request.method.rawValue != "HEAD" else { return }
        throw ReadOnlyViolation(method: request.method.rawValue, url: request.url)
    }

    private func report(warnings headers: HTTPHeaders) {
        guard let handler = options.warningHandler else { return }
        for value in headers.values(for: "Warning") {
            let text = WarningText.parse(value)
            if warnings.isNew(text) { handler(text) }
        }
    }

    private func authenticated<Response: Sendable>(
        _ request: HTTPRequest,
        _ perform: (CurlTransport, HTTPRequest) async throws -> Response,
        status: (Response) -> Int
    ) async throws -> Response {
        var credential = try await credentials.current()
        var response = try await perform(try await transports.transport(for: credential), try decorate(request, credential))
        guard status(response) == 401 else { return response }
        guard await credentials.canRefresh else { return response }
        if let stream = response as? HTTPStreamResponse { stream.body.cancel() }
        credential = try await credentials.current(replacing: credential)
        response = try await perform(try await transports.transport(for: credential), try decorate(request, credential))
        guard status(response) == 401 else { return response }
        if let stream = response as? HTTPStreamResponse { stream.body.cancel() }
        throw ConfigurationError(
            kind: .unauthorized,
            message: "the server at \(RequestURL.redact(configuration.server)) rejected the credentials (401) even after they were refreshed",
            file: configuration.source, entry: configuration.userName.map { "user \"\($0)\"" },
            hint: "Log in again, or check that this user exists on this cluster"
        )
    }

    private func decorate(_ request: HTTPRequest, _ credential: Credential) throws(ConfigurationError) -> HTTPRequest {
        var request = request
        if let authorization = credential.authorization, !request.headers.contains(name: "Authorization") {
            try Self.refuseControlCharacters(authorization, what: "the credential (token or password)")
            request.headers.add(name: "Authorization", value: authorization)
        }
        for (name, value) in configuration.impersonation?.headers ?? [] {
            try Self.refuseControlCharacters(name + value, what: "the impersonation setting (\(name))")
            request.headers.add(name: name, value: value)
        }
        return request
    }

    /// A credential or header value with a line break or another control character would add or
    /// split HTTP headers (`token\r\nImpersonate-User: admin`): refused before anything is sent.
    /// The message never repeats the value.
    static func refuseControlCharacters(_ value: String, what: String) throws(ConfigurationError) {
        guard value.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" || $0.value == 0x7F }) else { return }
        throw ConfigurationError(kind: .invalidField, message: "\(what) contains a line break or another control character",
                                 hint: "Check the kubeconfig, token file or exec plugin output for a stray newline or escape sequence")
    }

    private static func transportConfiguration(_ configuration: ClientConfiguration, _ options: Options) -> TransportConfiguration {
        TransportConfiguration(
            tls: configuration.tls, proxy: configuration.proxy, connectTimeout: options.connectTimeout,
            requestTimeout: options.requestTimeout, streamIdleTimeout: options.streamIdleTimeout,
            maxConcurrentTransfers: options.maxConcurrentTransfers, maxConnectionsPerHost: options.maxConnectionsPerHost,
            compression: configuration.compression, userAgent: options.userAgent, observer: options.observer
        )
    }

    private static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_.~"))) ?? text
    }
}

/// Keeps one transport per client identity: an exec plugin that hands out a new client
/// certificate gets a new transport (TLS identity is fixed per connection).
actor TransportHolder {
    private let base: TransportConfiguration
    private var current: CurlTransport
    private var certificate: [UInt8]?

    init(base: TransportConfiguration) throws(TransportError) {
        self.base = base
        current = try CurlTransport(configuration: base)
        certificate = base.tls.clientCertificatePEM
    }

    func transport(for credential: Credential) throws(TransportError) -> CurlTransport {
        guard let pem = credential.clientCertificatePEM, pem != certificate else { return current }
        var configuration = base
        configuration.tls.clientCertificatePEM = pem
        configuration.tls.clientKeyPEM = credential.clientKeyPEM
        current = try CurlTransport(configuration: configuration)
        certificate = pem
        return current
    }
}

/// Remembers which `Warning:` texts were already reported.
final class WarningDeduplicator: @unchecked Sendable {
    private let lock = NSLock()
    private var seen = Set<String>()

    func isNew(_ text: String) -> Bool {
        lock.withLock { seen.insert(text).inserted }
    }
}

/// The text of a `Warning:` response header.
public enum WarningText {
    /// The quoted text of `299 - "text"` (unescaped), or the whole value when it has no quotes.
    public static func parse(_ value: String) -> String {
        guard let open = value.firstIndex(of: "\""), let close = value.lastIndex(of: "\""), open < close else { return value }
        return String(value[value.index(after: open)..<close]).replacingOccurrences(of: "\\\"", with: "\"")
    }
}
