/// A kubeconfig: clusters, users and contexts by name, and the current context, as kubectl reads
/// them (one file, or several merged with ``KubeconfigLoader``).
///
/// Relative paths are already resolved against the folder of the file that defined each entry.
/// `description`s never show tokens, passwords, key data or plugin arguments and environment.
public struct Kubeconfig: Sendable, Equatable {
    /// Clusters by name.
    public var clusters: [String: Cluster]
    /// Users (credentials) by name.
    public var users: [String: User]
    /// Contexts by name.
    public var contexts: [String: Context]
    /// The `current-context`, if any.
    public var currentContext: String?
    /// The files this configuration came from, in precedence order.
    public var files: [String]

    /// Creates a configuration.
    public init(
        clusters: [String: Cluster] = [:], users: [String: User] = [:], contexts: [String: Context] = [:],
        currentContext: String? = nil, files: [String] = []
    ) {
        self.clusters = clusters
        self.users = users
        self.contexts = contexts
        self.currentContext = currentContext
        self.files = files
    }

    /// Where an entry was defined: the file and the 1-based line of its name.
    public struct Origin: Sendable, Equatable, CustomStringConvertible {
        /// The file.
        public var file: String
        /// The line, when known.
        public var line: Int?
        /// Creates an origin.
        public init(file: String, line: Int? = nil) {
            self.file = file
            self.line = line
        }
        /// `file:line`.
        public var description: String { file + (line.map { ":\($0)" } ?? "") }
    }

    /// A `clusters[].cluster` entry.
    public struct Cluster: Sendable, Equatable {
        /// `server`: the API server URL, possibly with a path prefix.
        public var server: String?
        /// `certificate-authority`: an absolute path.
        public var certificateAuthority: String?
        /// `certificate-authority-data`, decoded (PEM bytes). Wins over the file.
        public var certificateAuthorityData: [UInt8]?
        /// `insecure-skip-tls-verify`.
        public var insecureSkipTLSVerify: Bool = false
        /// `tls-server-name`.
        public var tlsServerName: String?
        /// `proxy-url`.
        public var proxyURL: String?
        /// `disable-compression`.
        public var disableCompression: Bool = false
        /// Where it was defined.
        public var origin: Origin?

        /// Creates a cluster entry.
        public init(server: String? = nil, origin: Origin? = nil) {
            self.server = server
            self.origin = origin
        }
    }

    /// A `users[].user` entry: how to authenticate.
    public struct User: Sendable, Equatable, CustomStringConvertible {
        /// `client-certificate`: an absolute path.
        public var clientCertificate: String?
        /// `client-certificate-data`, decoded (PEM).
        public var clientCertificateData: [UInt8]?
        /// `client-key`: an absolute path.
        public var clientKey: String?
        /// `client-key-data`, decoded (PEM).
        public var clientKeyData: [UInt8]?
        /// `token`.
        public var token: String?
        /// `tokenFile`: an absolute path, re-read as the token rotates.
        public var tokenFile: String?
        /// `username` for basic auth.
        public var username: String?
        /// `password` for basic auth.
        public var password: String?
        /// `as`: the user to impersonate.
        public var impersonate: String?
        /// `as-uid`.
        public var impersonateUID: String?
        /// `as-groups`.
        public var impersonateGroups: [String] = []
        /// `as-user-extra`.
        public var impersonateUserExtra: [String: [String]] = [:]
        /// `exec`: a credential plugin.
        public var exec: ExecConfig?
        /// `auth-provider`.
        public var authProvider: AuthProvider?
        /// Where it was defined.
        public var origin: Origin?

        /// Creates an empty user entry.
        public init(origin: Origin? = nil) { self.origin = origin }

        /// Which kinds of credential are set, without any of their values.
        public var description: String {
            var kinds: [String] = []
            if clientCertificate != nil || clientCertificateData != nil { kinds.append("client-certificate") }
            if token != nil { kinds.append("token=<redacted>") }
            if let tokenFile { kinds.append("tokenFile=\(tokenFile)") }
            if username != nil { kinds.append("basic=<redacted>") }
            if let exec { kinds.append("exec=\(exec.command)") }
            if let authProvider { kinds.append("auth-provider=\(authProvider.name)") }
            if let impersonate { kinds.append("as=\(impersonate)") }
            return "User(\(kinds.joined(separator: ", ")))"
        }
    }

    /// A `contexts[].context` entry.
    public struct Context: Sendable, Equatable {
        /// The cluster's name.
        public var cluster: String?
        /// The user's name.
        public var user: String?
        /// The namespace, if set.
        public var namespace: String?
        /// Where it was defined.
        public var origin: Origin?

        /// Creates a context entry.
        public init(cluster: String? = nil, user: String? = nil, namespace: String? = nil, origin: Origin? = nil) {
            self.cluster = cluster
            self.user = user
            self.namespace = namespace
            self.origin = origin
        }
    }

    /// A `user.exec` credential plugin (`client.authentication.k8s.io/v1` or `v1beta1`).
    public struct ExecConfig: Sendable, Equatable, CustomStringConvertible {
        /// The ExecCredential API version the plugin speaks.
        public var apiVersion: String
        /// The command: absolute, resolved against the kubeconfig's folder when it contains `/`, or looked up in `PATH`.
        public var command: String
        /// Arguments (may hold secrets: never printed).
        public var args: [String] = []
        /// Extra environment (may hold secrets: never printed).
        public var env: [EnvVar] = []
        /// What to tell the user when the command is missing.
        public var installHint: String?
        /// Whether to pass the cluster's details in `KUBERNETES_EXEC_INFO`.
        public var provideClusterInfo: Bool = false
        /// `Never`, `IfAvailable` or `Always`; unknown values are kept.
        public var interactiveMode: String?

        /// Creates an exec configuration.
        public init(apiVersion: String, command: String) {
            self.apiVersion = apiVersion
            self.command = command
        }

        /// The command and API version only.
        public var description: String { "exec(\(command), \(apiVersion))" }
    }

    /// One `name`/`value` pair of `exec.env`.
    public struct EnvVar: Sendable, Equatable {
        /// The variable's name.
        public var name: String
        /// Its value.
        public var value: String
        /// Creates a pair.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// A `user.auth-provider`.
    public struct AuthProvider: Sendable, Equatable {
        /// `oidc`, `gcp`, `azure`...
        public var name: String
        /// Its settings (`id-token`, `idp-issuer-url`...).
        public var config: [String: String]
        /// Creates an auth provider.
        public init(name: String, config: [String: String] = [:]) {
            self.name = name
            self.config = config
        }
    }
}
