import ArgumentParser
import KubeClient
import KubeModel
import PodDoctor

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

    @Option(name: .long, help: ArgumentHelp(
        "How long one request may take before it is given up (1s, 2m, 3h; a bare number is seconds; 0 for no limit).",
        discussion: "Default 60s. Watches are bounded by an idle limit of 330s instead."))
    var requestTimeout: String?

    @Option(name: .long, help: "How long a non-interactive exec credential plugin may run before it is stopped (default 120s).")
    var execTimeout: String?

    @Option(name: .long, help: ArgumentHelp(
        "The encoding to ask of the API server: protobuf (the default, as controllers read) or json (as kubectl reads).",
        discussion: "Custom resources and servers or proxies that only speak JSON are read as JSON either way."))
    var wireFormat: WireFormat = .protobuf

    @Option(name: .long, help: ArgumentHelp(
        "Requests per second this client allows itself (default 50, kubectl's; 0 for no client-side limit).",
        discussion: "A scan reads one log per failing container: 2,500 failing pods take 50 s at 50 per second. The API server's own flow control (API Priority and Fairness) protects it either way."))
    var qps: Double?

    @Option(name: .long, help: "Requests that may go at once before --qps applies (default 300, kubectl's).")
    var burst: Int?

    /// A fleet doctor with these flags for every context, and the contexts: those of `--contexts a,b,c`,
    /// or every context of the kubeconfig with `--all-contexts`.
    func fleet(contexts: String?, all: Bool) throws -> (FleetDoctor, [String]) {
        guard context == nil else { throw UsageError("--context names one cluster; use --contexts a,b,c for several") }
        var perContext = overrides
        perContext.context = nil
        let fleet = FleetDoctor(overrides: perContext, options: try clientOptions())
        let names = all ? try fleet.allContexts()
            : (contexts ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !names.isEmpty else { throw UsageError("--contexts needs at least one context name") }
        return (fleet, names)
    }

    /// The client options these flags set.
    func clientOptions() throws -> KubernetesClient.Options {
        var options = KubernetesClient.Options()
        options.wireFormat = wireFormat
        if let qps {
            guard qps.isFinite, qps >= 0 else { throw UsageError("--qps \(qps) must be 0 (no limit) or a positive number of requests per second") }
            options.requestsPerSecond = qps
        }
        if let burst {
            guard burst > 0 else { throw UsageError("--burst \(burst) must be at least 1") }
            options.burst = burst
        }
        if let requestTimeout {
            let seconds = try Self.duration(requestTimeout, flag: "--request-timeout")
            options.requestTimeout = seconds == 0 ? nil : .milliseconds(Int64(seconds * 1000))
        }
        if let execTimeout {
            let seconds = try Self.duration(execTimeout, flag: "--exec-timeout")
            options.execTimeout = .milliseconds(Int64(max(1, seconds) * 1000))
        }
        return options
    }

    /// kubectl's durations: `1s`, `2m`, `3h`, `1m30s`, `500ms`, or a bare number of seconds.
    static func duration(_ text: String, flag: String) throws -> Double {
        if let seconds = Double(text), seconds >= 0, seconds.isFinite { return min(seconds, 86_400 * 365) }
        guard let total = GoDuration.seconds(text) else {
            throw UsageError("\(flag) \(text) is not a duration (use 30s, 2m, 1h or a number of seconds)")
        }
        return min(total, 86_400 * 365)
    }

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

extension WireFormat: ExpressibleByArgument {}
