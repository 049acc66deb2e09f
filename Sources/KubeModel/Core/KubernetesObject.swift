/// Anything served with an `ObjectMeta`: every API object, and metadata-only answers
/// (``PartialObjectMetadata``), which a watch or a cache handles alike.
public protocol HasMetadata: Codable, Sendable, Equatable {
    /// The object's metadata.
    var metadata: ObjectMeta { get set }
}

/// A Kubernetes API object PodDoctor can read: it knows where it lives in the API.
public protocol KubernetesObject: HasMetadata {
    /// The API group, `""` for the core group.
    static var group: String { get }
    /// The API version within the group, e.g. `v1`.
    static var version: String { get }
    /// The kind, e.g. `Pod`.
    static var kind: String { get }
    /// The resource plural used in URLs, e.g. `pods`.
    static var resource: String { get }
    /// Whether objects live in a namespace.
    static var isNamespaced: Bool { get }
}

extension KubernetesObject {
    /// `group/version`, or `version` for the core group (`v1`, `apps/v1`).
    public static var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// The path prefix of the object's API: `/api/v1` or `/apis/GROUP/VERSION`.
    public static var apiPath: String { group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)" }
}
