/// A failure to exchange a request with the API server: what failed, where, and what to check.
///
/// Compare ``kind`` to tell failures apart (`error.kind == .tlsVerification`); new kinds may be added
/// in later versions, so `switch` over them with a `default`. Messages never contain credentials:
/// URLs lose their user information and request headers are never quoted.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    /// The class of a ``TransportError``; an open set, compared by identity.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        private enum Code: String, Sendable {
            case invalidRequest = "invalid request"
            case nameResolution = "name resolution failed"
            case connectionRefused = "connection refused"
            case connectTimeout = "connect timeout"
            case timeout = "request timed out"
            case tlsVerification = "TLS verification failed"
            case tlsHandshake = "TLS handshake failed"
            case clientCertificate = "client certificate rejected"
            case unreadableClientCertificate = "client certificate or key unreadable"
            case connectionDropped = "connection dropped"
            case truncatedResponse = "truncated response"
            case proxy = "proxy failed"
            case httpStatus = "HTTP error status"
            case cancelled = "cancelled"
            case shutdown = "transport shut down"
            case other = "transfer failed"
        }

        private let code: Code

        private init(_ code: Code) { self.code = code }

        /// A short phrase naming the kind.
        public var description: String { code.rawValue }

        /// The URL, method or TLS material given was not usable.
        public static let invalidRequest = Kind(.invalidRequest)
        /// The server's (or proxy's) host name did not resolve.
        public static let nameResolution = Kind(.nameResolution)
        /// Nothing accepted the TCP connection.
        public static let connectionRefused = Kind(.connectionRefused)
        /// No connection within the connect timeout.
        public static let connectTimeout = Kind(.connectTimeout)
        /// The request did not finish within its total timeout.
        public static let timeout = Kind(.timeout)
        /// The server's certificate was not trusted, expired, or issued for another name.
        public static let tlsVerification = Kind(.tlsVerification)
        /// The TLS handshake failed for another reason (protocol, cipher, server alert).
        public static let tlsHandshake = Kind(.tlsHandshake)
        /// The client certificate or key could not be used, or the server refused it.
        public static let clientCertificate = Kind(.clientCertificate)
        /// The client certificate or key could not even be loaded (not PEM, not a pair): the
        /// kubeconfig's fault, nothing was sent.
        public static let unreadableClientCertificate = Kind(.unreadableClientCertificate)
        /// The connection closed before a complete response arrived.
        public static let connectionDropped = Kind(.connectionDropped)
        /// The body ended early (fewer bytes than announced, or a stream cut mid-chunk).
        public static let truncatedResponse = Kind(.truncatedResponse)
        /// The proxy refused or failed to connect.
        public static let proxy = Kind(.proxy)
        /// The server answered with a non-2xx status (see ``TransportError/status``).
        public static let httpStatus = Kind(.httpStatus)
        /// The caller's task was cancelled.
        public static let cancelled = Kind(.cancelled)
        /// The transport was shut down while the request was pending.
        public static let shutdown = Kind(.shutdown)
        /// Any other failure libcurl reported (see ``TransportError/detail``).
        public static let other = Kind(.other)
    }

    /// What kind of failure this is.
    public let kind: Kind
    /// The request URL without user information, when the failure concerns one request.
    public let url: String?
    /// libcurl's own explanation, or the server's message for an HTTP status.
    public let detail: String?
    /// The HTTP status, for ``Kind/httpStatus``.
    public let status: Int?
    /// libcurl's `CURLcode`, when libcurl reported the failure.
    public let curlCode: Int?
    /// What to check next, in plain words.
    public let hint: String?

    /// Creates an error. Pass URLs through as they are: user information is removed here.
    public init(
        kind: Kind, url: String? = nil, detail: String? = nil, status: Int? = nil,
        curlCode: Int? = nil, hint: String? = nil
    ) {
        self.kind = kind
        self.url = url.map(RequestURL.redact)
        self.detail = detail
        self.status = status
        self.curlCode = curlCode
        self.hint = hint
    }

    /// One sentence of what failed and where, then what to check.
    public var description: String {
        var text = kind.description
        if let status { text += " \(status)" }
        if let url { text += " for \(url)" }
        if let detail, !detail.isEmpty { text += ": \(detail)" }
        if let hint { text += ". \(hint)" }
        return text
    }
}
