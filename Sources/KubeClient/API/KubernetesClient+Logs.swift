import Foundation
import KubeModel

/// The parameters of `pods/log`, spelled as the API spells them.
public struct LogOptions: Sendable, Equatable {
    /// The container; required when the pod has more than one.
    public var container: String?
    /// The log of the previous (crashed) instance.
    public var previous: Bool
    /// Only the last N lines.
    public var tailLines: Int?
    /// At most this many bytes.
    public var limitBytes: Int?
    /// Only lines from the last N seconds.
    public var sinceSeconds: Int?
    /// Prefix each line with its RFC 3339 time.
    public var timestamps: Bool
    /// Keep the stream open for new lines.
    public var follow: Bool

    /// Creates options.
    public init(container: String? = nil, previous: Bool = false, tailLines: Int? = nil, limitBytes: Int? = nil,
                sinceSeconds: Int? = nil, timestamps: Bool = false, follow: Bool = false) {
        self.container = container
        self.previous = previous
        self.tailLines = tailLines
        self.limitBytes = limitBytes
        self.sinceSeconds = sinceSeconds
        self.timestamps = timestamps
        self.follow = follow
    }

    var query: [(String, String)] {
        var query: [(String, String)] = []
        if let container { query.append(("container", container)) }
        if previous { query.append(("previous", "true")) }
        if let tailLines { query.append(("tailLines", String(tailLines))) }
        if let limitBytes { query.append(("limitBytes", String(limitBytes))) }
        if let sinceSeconds { query.append(("sinceSeconds", String(sinceSeconds))) }
        if timestamps { query.append(("timestamps", "true")) }
        if follow { query.append(("follow", "true")) }
        return query
    }
}

extension KubernetesClient {
    /// The log of a pod's container as text (without `follow`). A pod that never ran on a node has
    /// an empty log. Throws ``APIError`` (400 for a missing or ambiguous container, 404 for a
    /// missing pod).
    public func logs(namespace: String, pod: String, options: LogOptions = LogOptions()) async throws -> String {
        var options = options
        options.follow = false
        let response = try await send(logRequest(namespace: namespace, pod: pod, options: options))
        guard response.isSuccess else { throw APIError(response: response) }
        return String(decoding: response.body, as: UTF8.self)
    }

    /// The log line by line as it arrives (set `follow` to keep reading new lines).
    public func logLines(namespace: String, pod: String, options: LogOptions = LogOptions()) async throws -> HTTPBodyLines {
        let response = try await stream(logRequest(namespace: namespace, pod: pod, options: options))
        guard response.isSuccess else {
            let body = try await response.body.collect(upTo: 64 << 10)
            throw APIError(response: HTTPResponse(
                status: response.status, headers: response.headers, body: Data(body),
                metrics: TransferMetrics(method: .get, url: response.url, status: response.status, httpVersion: "",
                                         duration: .zero, newConnections: 0, bytesReceived: body.count)))
        }
        return response.body.lines()
    }

    private func logRequest(namespace: String, pod: String, options: LogOptions) -> HTTPRequest {
        let path = "/api/v1/namespaces/\(Self.segment(namespace))/pods/\(Self.segment(pod))/log"
        return request(path: path, query: options.query, headers: ["Accept": "*/*"])
    }
}
