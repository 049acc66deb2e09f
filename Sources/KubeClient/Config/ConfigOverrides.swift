/// kubectl's command-line overrides (`--context`, `--namespace`, `--server`...), applied on top of
/// the kubeconfig.
public struct ConfigOverrides: Sendable, Equatable {
    /// `--kubeconfig`: the only file to read.
    public var kubeconfig: String?
    /// `--context`.
    public var context: String?
    /// `--cluster`.
    public var cluster: String?
    /// `--user`.
    public var user: String?
    /// `--namespace` / `-n`.
    public var namespace: String?
    /// `--server`.
    public var server: String?
    /// `--token`.
    public var token: String?
    /// `--certificate-authority`: a PEM file.
    public var certificateAuthority: String?
    /// `--insecure-skip-tls-verify`.
    public var insecureSkipTLSVerify: Bool?
    /// `--tls-server-name`.
    public var tlsServerName: String?

    /// Creates overrides; every one is optional.
    public init(
        kubeconfig: String? = nil, context: String? = nil, cluster: String? = nil, user: String? = nil,
        namespace: String? = nil, server: String? = nil, token: String? = nil, certificateAuthority: String? = nil,
        insecureSkipTLSVerify: Bool? = nil, tlsServerName: String? = nil
    ) {
        self.kubeconfig = kubeconfig
        self.context = context
        self.cluster = cluster
        self.user = user
        self.namespace = namespace
        self.server = server
        self.token = token
        self.certificateAuthority = certificateAuthority
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.tlsServerName = tlsServerName
    }
}
