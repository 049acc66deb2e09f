import ArgumentParser
import KubeClient

/// kubectl's connection flags, shared by every command that talks to a cluster.
struct ClusterOptions: ParsableArguments {
    @Option(name: .long, help: "Path to the kubeconfig file (default: KUBECONFIG, then ~/.kube/config).")
    var kubeconfig: String?

    @Option(name: .long, help: "The kubeconfig context to use.")
    var context: String?

    @Option(name: .long, help: "The kubeconfig cluster to use.")
    var cluster: String?

    @Option(name: .long, help: "The kubeconfig user to use.")
    var user: String?

    @Option(name: [.short, .long], help: "The namespace.")
    var namespace: String?

    @Option(name: .long, help: "The API server address, overriding the kubeconfig.")
    var server: String?

    @Option(name: .long, help: "A bearer token, overriding the kubeconfig's credentials.")
    var token: String?

    @Option(name: .long, help: "A PEM file of the certificate authority to trust.")
    var certificateAuthority: String?

    @Flag(name: .long, help: "Do not verify the server's certificate (insecure).")
    var insecureSkipTLSVerify = false

    @Option(name: .long, help: "The name to verify the server certificate against.")
    var tlsServerName: String?

    @Flag(name: .long, help: "Use the pod's service account, whatever kubeconfig exists.")
    var inCluster = false

    /// The overrides as the configuration loader takes them.
    var overrides: ConfigOverrides {
        ConfigOverrides(
            kubeconfig: kubeconfig, context: context, cluster: cluster, user: user, namespace: namespace,
            server: server, token: token, certificateAuthority: certificateAuthority,
            insecureSkipTLSVerify: insecureSkipTLSVerify ? true : nil, tlsServerName: tlsServerName
        )
    }

    /// Loads the configuration as kubectl would.
    func load() throws -> ClientConfiguration {
        try ClientConfiguration.load(overrides: overrides, inCluster: inCluster)
    }
}
