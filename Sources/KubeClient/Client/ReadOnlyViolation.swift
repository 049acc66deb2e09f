/// A request that would change the cluster, refused by a read-only ``KubernetesClient`` before it
/// reached the transport: PodDoctor diagnoses, snapshots and watches with GET requests only.
public struct ReadOnlyViolation: Error, CustomStringConvertible, Sendable {
    /// The refused method (`POST`, `PUT`, `PATCH`, `DELETE`...).
    public let method: String
    /// The URL it was for (without credentials).
    public let url: String

    /// Creates the error.
    public init(method: String, url: String) {
        self.method = method
        self.url = RequestURL.redact(url)
    }

    /// What was refused, and why.
    public var description: String {
        "refused to send \(method) \(url): this client is read-only (it only sends GET requests); " +
            "create the client with Options.readOnly = false to change a cluster"
    }
}
