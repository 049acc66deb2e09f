/// A service account (`v1` `ServiceAccount`).
public struct ServiceAccount: KubernetesObject {
    /// The core group, `""`.
    public static let group = ""
    /// `v1`.
    public static let version = "v1"
    /// `ServiceAccount`.
    public static let kind = "ServiceAccount"
    /// `serviceaccounts`.
    public static let resource = "serviceaccounts"
    /// Service accounts live in a namespace.
    public static let isNamespaced = true

    /// `ServiceAccount` when sent.
    public var kind: String?
    /// `v1` when sent.
    public var apiVersion: String?
    /// The metadata; empty when the object has none.
    @DefaultEmpty public var metadata: ObjectMeta
    /// Secrets the account may use (legacy token secrets).
    public var secrets: [ObjectReference]?
    /// Image pull secrets added to the pods that use the account.
    public var imagePullSecrets: [LocalObjectReference]?
    /// Whether pods mount the account's token by default.
    public var automountServiceAccountToken: Bool?

    /// Creates a service account.
    public init(
        kind: String? = ServiceAccount.kind, apiVersion: String? = ServiceAccount.apiVersion,
        metadata: ObjectMeta = ObjectMeta(), secrets: [ObjectReference]? = nil,
        imagePullSecrets: [LocalObjectReference]? = nil, automountServiceAccountToken: Bool? = nil
    ) {
        self.kind = kind
        self.apiVersion = apiVersion
        self.metadata = metadata
        self.secrets = secrets
        self.imagePullSecrets = imagePullSecrets
        self.automountServiceAccountToken = automountServiceAccountToken
    }
}
