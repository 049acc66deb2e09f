/// One request as the test API server saw it.
public struct RecordedRequest: Decodable, Sendable {
    /// The client certificate's subject, when one was presented and verified.
    public struct Subject: Decodable, Sendable, Equatable {
        /// The common name (the Kubernetes user).
        public var CN: String?
        /// The organisations (the Kubernetes groups).
        public var O: [String]?
    }

    /// The server's sequence number.
    public var seq: Int
    /// The method.
    public var method: String
    /// The path, without the query.
    public var path: String
    /// The raw query string.
    public var query: String
    /// Header fields in received order, each `[name, value]`.
    public var headers: [[String]]
    /// The body text.
    public var body: String?
    /// The connection (TCP, or nginx's for requests through the HTTP/2 front) that carried it.
    public var connectionID: String
    /// `HTTP/1.1` or `HTTP/2.0`.
    public var `protocol`: String?
    /// The server name the client sent with SNI.
    public var sni: String?
    /// The verified client certificate's subject.
    public var clientSubject: Subject?
    /// The authenticated user.
    public var user: String?
    /// The status the server answered.
    public var status: Int?

    enum CodingKeys: String, CodingKey {
        case seq, method, path, query, headers, body, sni, user, status
        case connectionID = "connection_id"
        case `protocol`
        case clientSubject = "client_subject"
    }

    /// The first value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        headers.first { $0.first?.lowercased() == name.lowercased() }.flatMap { $0.count > 1 ? $0[1] : nil }
    }
}

/// One connection as the test API server saw it.
public struct RecordedConnection: Decodable, Sendable {
    /// The connection id.
    public var id: String
    /// The client's address.
    public var peer: String?
    /// The SNI name.
    public var sni: String?
    /// How many requests it carried.
    public var requests: Int?
}
