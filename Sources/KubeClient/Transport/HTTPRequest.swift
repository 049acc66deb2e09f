/// An HTTP method, kept as its wire spelling.
public struct HTTPMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The method as sent on the wire, e.g. `GET`.
    public let rawValue: String
    /// Creates a method from its wire spelling.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// A description equal to the wire spelling.
    public var description: String { rawValue }

    /// `GET`: the only method a diagnosis sends to a cluster.
    public static let get = HTTPMethod(rawValue: "GET")
    /// `HEAD`.
    public static let head = HTTPMethod(rawValue: "HEAD")
    /// `POST` (exec-plugin-free flows such as tests' control calls).
    public static let post = HTTPMethod(rawValue: "POST")
    /// `PUT`.
    public static let put = HTTPMethod(rawValue: "PUT")
    /// `PATCH`.
    public static let patch = HTTPMethod(rawValue: "PATCH")
    /// `DELETE`.
    public static let delete = HTTPMethod(rawValue: "DELETE")
}

/// One HTTP request: method, absolute URL, headers and an optional body.
public struct HTTPRequest: Sendable {
    /// The method.
    public var method: HTTPMethod
    /// The absolute `http` or `https` URL, query included.
    public var url: String
    /// Request headers. `User-Agent` and `Accept-Encoding` are added by the transport unless set here.
    public var headers: HTTPHeaders
    /// The body to send, if any.
    public var body: [UInt8]?
    /// A total timeout for this request, overriding the transport's; `nil` keeps the default
    /// (which for streams is no timeout at all).
    public var timeout: Duration?

    /// Creates a request.
    public init(
        method: HTTPMethod = .get,
        url: String,
        headers: HTTPHeaders = [:],
        body: [UInt8]? = nil,
        timeout: Duration? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}
