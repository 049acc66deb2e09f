/// A secret (`v1` `Secret`), without its data: PodDoctor never reads secret values, so `data` and
/// `stringData` are not modelled (and not decoded).
public struct Secret: KubernetesObject {
    /// The core group, `""`.
    public static let group = ""
    /// `v1`.
    public static let version = "v1"
    /// `Secret`.
    public static let kind = "Secret"
    /// `secrets`.
    public static let resource = "secrets"
    /// Secrets live in a namespace.
    public static let isNamespaced = true

    /// `Secret` when sent.
    public var kind: String?
    /// `v1` when sent.
    public var apiVersion: String?
    /// The metadata; empty when the object has none.
    @DefaultEmpty public var metadata: ObjectMeta
    /// The secret type, e.g. `Opaque`, `kubernetes.io/dockerconfigjson`.
    public var type: SecretType?
    /// Whether the data can no longer change.
    public var immutable: Bool?

    /// Creates a secret.
    public init(
        kind: String? = Secret.kind, apiVersion: String? = Secret.apiVersion, metadata: ObjectMeta = ObjectMeta(),
        type: SecretType? = nil, immutable: Bool? = nil
    ) {
        self.kind = kind
        self.apiVersion = apiVersion
        self.metadata = metadata
        self.type = type
        self.immutable = immutable
    }
}

/// The type of a secret.
public struct SecretType: KubernetesEnum {
    /// The type as sent by the server.
    public let rawValue: String
    /// Creates a type from its string.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `Opaque`: arbitrary data.
    public static let opaque: SecretType = "Opaque"
    /// `kubernetes.io/service-account-token`.
    public static let serviceAccountToken: SecretType = "kubernetes.io/service-account-token"
    /// `kubernetes.io/dockercfg`.
    public static let dockercfg: SecretType = "kubernetes.io/dockercfg"
    /// `kubernetes.io/dockerconfigjson`: image pull credentials.
    public static let dockerConfigJSON: SecretType = "kubernetes.io/dockerconfigjson"
    /// `kubernetes.io/basic-auth`.
    public static let basicAuth: SecretType = "kubernetes.io/basic-auth"
    /// `kubernetes.io/ssh-auth`.
    public static let sshAuth: SecretType = "kubernetes.io/ssh-auth"
    /// `kubernetes.io/tls`.
    public static let tls: SecretType = "kubernetes.io/tls"
    /// `bootstrap.kubernetes.io/token`.
    public static let bootstrapToken: SecretType = "bootstrap.kubernetes.io/token"
}
