import Foundation

extension ClientConfiguration {
    /// The service-account folder the kubelet mounts in every pod.
    public static let serviceAccountFolder = "/var/run/secrets/kubernetes.io/serviceaccount"

    /// Loads the configuration as kubectl does: the kubeconfig (`--kubeconfig`, `KUBECONFIG`,
    /// `~/.kube/config`) with `overrides`, or, when no kubeconfig exists, the in-cluster service account.
    ///
    /// - Parameters:
    ///   - overrides: kubectl's flags.
    ///   - inCluster: `true` to use the service account whatever kubeconfig exists.
    ///   - environment: where `KUBECONFIG`, `HOME`, `KUBERNETES_SERVICE_*` and `POD_NAMESPACE` come from.
    ///   - serviceAccountFolder: where the token, CA and namespace files are (overridable for tests).
    public static func load(
        overrides: ConfigOverrides = ConfigOverrides(),
        inCluster: Bool = false,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        serviceAccountFolder: String = ClientConfiguration.serviceAccountFolder
    ) throws(ConfigurationError) -> ClientConfiguration {
        if !inCluster {
            let loader = KubeconfigLoader(explicitPath: overrides.kubeconfig, environment: environment)
            if let kubeconfig = try loader.load() {
                return try kubeconfig.resolve(overrides: overrides)
            }
            guard environment["KUBERNETES_SERVICE_HOST"] != nil else {
                throw ConfigurationError(
                    kind: .noConfiguration,
                    message: "no kubeconfig found (looked at \(loader.candidateFiles.joined(separator: ", "))) and not running in a cluster",
                    hint: "Pass --kubeconfig, set KUBECONFIG, or run `poddoctor diagnose --from DIR` on a snapshot"
                )
            }
        }
        var configuration = try inClusterConfiguration(environment: environment, folder: serviceAccountFolder)
        if let namespace = overrides.namespace { configuration.namespace = namespace }
        return configuration
    }

    /// The in-cluster configuration: `KUBERNETES_SERVICE_HOST`/`_PORT`, and the token (re-read as the
    /// kubelet rotates it), CA and namespace from the service-account folder.
    public static func inClusterConfiguration(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        folder: String = ClientConfiguration.serviceAccountFolder
    ) throws(ConfigurationError) -> ClientConfiguration {
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty,
              let port = environment["KUBERNETES_SERVICE_PORT"], !port.isEmpty
        else {
            throw ConfigurationError(
                kind: .notInCluster, message: "KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set",
                hint: "In-cluster mode works only inside a pod; use a kubeconfig elsewhere"
            )
        }
        let tokenPath = (folder as NSString).appendingPathComponent("token")
        guard FileManager.default.isReadableFile(atPath: tokenPath) else {
            throw ConfigurationError(
                kind: .notInCluster, message: "cannot read the service-account token", file: tokenPath,
                hint: "Check that the pod mounts its service-account token (automountServiceAccountToken)"
            )
        }
        let caPath = (folder as NSString).appendingPathComponent("ca.crt")
        guard let ca = FileManager.default.contents(atPath: caPath),
              String(decoding: ca, as: UTF8.self).contains("-----BEGIN CERTIFICATE-----")
        else {
            throw ConfigurationError(kind: .invalidCertificateAuthority, message: "cannot read the cluster CA (ca.crt)", file: caPath,
                                     hint: "Check the pod's service-account mount")
        }
        let bracketed = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        var namespace = "default"
        if let fromEnvironment = environment["POD_NAMESPACE"], !fromEnvironment.isEmpty {
            namespace = fromEnvironment
        } else if let data = FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent("namespace")) {
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty { namespace = text }
        }
        return ClientConfiguration(
            server: "https://\(bracketed):\(port)", namespace: namespace,
            tls: TLSConfiguration(certificateAuthorityPEM: Array(ca)),
            proxy: .environment(environment), credentials: .tokenFile(tokenPath), source: "in-cluster (\(folder))"
        )
    }
}
