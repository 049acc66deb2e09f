/// A pod (`v1` `Pod`): what PodDoctor diagnoses.
public struct Pod: KubernetesObject {
    /// The core group, `""`.
    public static let group = ""
    /// `v1`.
    public static let version = "v1"
    /// `Pod`.
    public static let kind = "Pod"
    /// `pods`.
    public static let resource = "pods"
    /// Pods live in a namespace.
    public static let isNamespaced = true

    /// `Pod` when sent (list items leave it out).
    public var kind: String?
    /// `v1` when sent (list items leave it out).
    public var apiVersion: String?
    /// The metadata; empty when the object has none.
    @DefaultEmpty public var metadata: ObjectMeta
    /// The desired state.
    public var spec: PodSpec?
    /// The observed state.
    public var status: PodStatus?

    /// Creates a pod.
    public init(
        kind: String? = Pod.kind, apiVersion: String? = Pod.apiVersion, metadata: ObjectMeta = ObjectMeta(),
        spec: PodSpec? = nil, status: PodStatus? = nil
    ) {
        self.kind = kind
        self.apiVersion = apiVersion
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}
