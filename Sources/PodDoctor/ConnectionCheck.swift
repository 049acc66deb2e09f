import Foundation
import KubeClient
import KubeModel

/// Checks that an API server can be reached and trusted: `GET /version` through the transport.
public struct ConnectionCheck: Sendable {
    /// What the check found.
    public struct Report: Sendable, Equatable {
        /// The URL that answered.
        public var url: String
        /// The server's version, as it reported it.
        public var version: ServerVersion
        /// The negotiated protocol (`HTTP/2` or `HTTP/1.1`).
        public var httpVersion: String
        /// How long the request took.
        public var duration: Duration
    }

    private let client: KubernetesClient

    /// Creates a check of the cluster `client` talks to.
    public init(client: KubernetesClient) {
        self.client = client
    }

    /// Runs the check; throws a ``TransportError`` or ``ConfigurationError`` naming what failed and what to check.
    public func run() async throws -> Report {
        let response = try await client.send(client.request(
            path: "/version", headers: ["Accept": "application/json"]
        )).checkSuccess()
        let version: ServerVersion
        do {
            version = try JSONDecoder().decode(ServerVersion.self, from: response.body)
        } catch {
            throw TransportError(
                kind: .other, url: response.metrics.url,
                detail: "the answer to /version is not a Kubernetes version object",
                hint: "Is this the address of a Kubernetes API server?"
            )
        }
        return Report(
            url: response.metrics.url, version: version,
            httpVersion: response.metrics.httpVersion, duration: response.metrics.duration
        )
    }
}
