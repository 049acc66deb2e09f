import Foundation

/// Everything needed to talk to one cluster as one user: the outcome of reading a kubeconfig
/// (with kubectl's overrides) or the in-cluster service account, or one built in code.
///
/// ```swift
/// // As kubectl would: --kubeconfig, KUBECONFIG or ~/.kube/config, else in-cluster.
/// let config = try ClientConfiguration.load(overrides: ConfigOverrides(context: "prod"))
/// let client = try KubernetesClient(configuration: config)
///
/// // Built in code.
/// let manual = ClientConfiguration(server: "https://10.0.0.1:6443",
///                                  tls: TLSConfiguration(certificateAuthorityPEM: caPEM),
///                                  credentials: .token("…"))
/// ```
public struct ClientConfiguration: Sendable, CustomStringConvertible {
    /// The API server URL (a path prefix is kept), without a trailing slash.
    public var server: String
    /// The namespace to work in: `--namespace` > the context's > `default`.
    public var namespace: String
    /// TLS trust and, for client-certificate users, the certificate and key.
    public var tls: TLSConfiguration
    /// The proxy: the cluster's `proxy-url`, else `HTTPS_PROXY`/`NO_PROXY`.
    public var proxy: ProxyConfiguration
    /// Whether to ask for gzip (false with `disable-compression`).
    public var compression: Bool
    /// How requests authenticate (beyond a client certificate in ``tls``).
    public var credentials: Credentials
    /// Whom to impersonate, if anyone.
    public var impersonation: Impersonation?
    /// The context used, when the configuration came from a kubeconfig.
    public var contextName: String?
    /// The cluster entry's name.
    public var clusterName: String?
    /// The user entry's name.
    public var userName: String?
    /// Where it came from: the kubeconfig files, or `in-cluster`.
    public var source: String
    /// The cluster as a credential plugin may see it (`provideClusterInfo`).
    public var clusterInfo: ClusterInfo

    /// Creates a configuration in code.
    public init(
        server: String, namespace: String = "default", tls: TLSConfiguration = TLSConfiguration(),
        proxy: ProxyConfiguration = .environment(), compression: Bool = true, credentials: Credentials = .none,
        impersonation: Impersonation? = nil, source: String = "code"
    ) {
        self.server = server.hasSuffix("/") ? String(server.dropLast()) : server
        self.namespace = namespace
        self.tls = tls
        self.proxy = proxy
        self.compression = compression
        self.credentials = credentials
        self.impersonation = impersonation
        self.source = source
        clusterInfo = ClusterInfo(
            server: self.server, certificateAuthorityData: tls.certificateAuthorityPEM,
            insecureSkipTLSVerify: tls.insecureSkipVerify, tlsServerName: tls.serverName
        )
    }

    /// The server address without any user information (`https://user:pw@host` → `https://host`), for messages.
    public var redactedServer: String { RequestURL.redact(server) }

    /// A summary with no secrets in it.
    public var description: String {
        var parts = ["server=\(server)", "namespace=\(namespace)", "credentials=\(credentials)", tls.description]
        if let contextName { parts.insert("context=\(contextName)", at: 0) }
        if let impersonation { parts.append("as=\(impersonation.user ?? "-")") }
        parts.append("source=\(source)")
        return "ClientConfiguration(\(parts.joined(separator: ", ")))"
    }
}

/// How requests prove who they are (a client certificate lives in ``TLSConfiguration`` instead).
public struct Credentials: Sendable, Equatable, CustomStringConvertible {
    enum Source: Sendable, Equatable {
        case none
        case token(String)
        case tokenFile(path: String, initial: String?)
        case basic(username: String, password: String)
        case exec(Kubeconfig.ExecConfig, origin: String?)
    }

    let source: Source

    /// No credentials beyond any client certificate.
    public static let none = Credentials(source: .none)

    /// A fixed bearer token.
    public static func token(_ token: String) -> Credentials { Credentials(source: .token(token)) }

    /// A bearer token read from a file, re-read about every 50 seconds and at once after a 401
    /// (rotated service-account tokens). `initial` is used when the file cannot be read at first.
    public static func tokenFile(_ path: String, initial: String? = nil) -> Credentials {
        Credentials(source: .tokenFile(path: path, initial: initial))
    }

    /// HTTP basic authentication.
    public static func basic(username: String, password: String) -> Credentials {
        Credentials(source: .basic(username: username, password: password))
    }

    /// A credential plugin run on demand; `origin` (the kubeconfig entry) names it in errors.
    public static func exec(_ config: Kubeconfig.ExecConfig, origin: String? = nil) -> Credentials {
        Credentials(source: .exec(config, origin: origin))
    }

    /// The kind of credential, never its value.
    public var description: String {
        switch source {
        case .none: return "none"
        case .token: return "token"
        case .tokenFile(let path, _): return "tokenFile(\(path))"
        case .basic: return "basic"
        case .exec(let config, _): return config.description
        }
    }
}

/// Whom requests impersonate (`Impersonate-*` headers).
public struct Impersonation: Sendable, Equatable {
    /// `Impersonate-User`.
    public var user: String?
    /// `Impersonate-Uid`.
    public var uid: String?
    /// `Impersonate-Group`, repeated.
    public var groups: [String]
    /// `Impersonate-Extra-<key>`, repeated per value.
    public var extra: [String: [String]]

    /// Creates an impersonation.
    public init(user: String? = nil, uid: String? = nil, groups: [String] = [], extra: [String: [String]] = [:]) {
        self.user = user
        self.uid = uid
        self.groups = groups
        self.extra = extra
    }

    /// The headers to send, in a stable order.
    public var headers: [(String, String)] {
        var result: [(String, String)] = []
        if let user { result.append(("Impersonate-User", user)) }
        if let uid { result.append(("Impersonate-Uid", uid)) }
        for group in groups { result.append(("Impersonate-Group", group)) }
        for key in extra.keys.sorted() {
            let escaped = key.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_.~"))) ?? key
            for value in extra[key] ?? [] { result.append(("Impersonate-Extra-\(escaped)", value)) }
        }
        return result
    }
}

/// The cluster's connection details as given to a credential plugin in `KUBERNETES_EXEC_INFO`.
public struct ClusterInfo: Sendable, Equatable {
    /// `server`.
    public var server: String
    /// The CA PEM, if any.
    public var certificateAuthorityData: [UInt8]?
    /// `insecure-skip-tls-verify`.
    public var insecureSkipTLSVerify: Bool
    /// `tls-server-name`.
    public var tlsServerName: String?
    /// `proxy-url`.
    public var proxyURL: String?
    /// `disable-compression`.
    public var disableCompression: Bool = false
}
