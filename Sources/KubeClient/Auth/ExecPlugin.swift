import Foundation

/// Runs a kubeconfig `exec` credential plugin (EKS, GKE, AKS, OpenShift, OIDC logins) the way
/// client-go does, and caches what it prints until it expires.
///
/// One run at a time: callers arriving while the plugin runs wait for that run. When it runs
/// interactively its stderr goes to ours (plugins print login prompts there), otherwise nowhere (it
/// may echo credentials); its stdout, the credential, is never logged.
actor ExecPlugin {
    static let supportedVersions = ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"]
    /// A non-interactive plugin that has not finished by then is stopped (client-go has no limit;
    /// a CI job must not hang on a login that waits for a browser). ``KubernetesClient/Options/execTimeout`` changes it.
    static let defaultTimeout: TimeInterval = 120

    let config: Kubeconfig.ExecConfig
    let timeout: TimeInterval
    let clusterInfo: ClusterInfo
    let origin: String?
    private var cached: (credential: Credential, expiresAt: Date?)?
    private var running: Task<(Credential, Date?), any Error>?

    init(config: Kubeconfig.ExecConfig, clusterInfo: ClusterInfo, origin: String?, timeout: TimeInterval = ExecPlugin.defaultTimeout) {
        self.config = config
        self.timeout = timeout
        self.clusterInfo = clusterInfo
        self.origin = origin
    }

    /// A fresh credential after `failed` was refused: the plugin runs again only while `failed` is
    /// still the cached one (a run in progress is joined; one that finished since is reused).
    func credential(replacing failed: Credential) async throws(ConfigurationError) -> Credential {
        if running == nil, let cached, cached.credential != failed, cached.expiresAt.map({ $0.timeIntervalSinceNow > 0 }) ?? true {
            return cached.credential
        }
        return try await credential(forceRefresh: true)
    }

    /// The cached credential while it is valid, else a fresh one from the plugin.
    func credential(forceRefresh: Bool) async throws(ConfigurationError) -> Credential {
        if !forceRefresh, let cached, cached.expiresAt.map({ $0.timeIntervalSinceNow > 0 }) ?? true {
            return cached.credential
        }
        let task: Task<(Credential, Date?), any Error>
        if let running {
            task = running
        } else {
            let config = config, clusterInfo = clusterInfo, origin = origin, timeout = timeout
            task = Task.detached { try await Self.run(config: config, clusterInfo: clusterInfo, origin: origin, timeout: timeout) }
            running = task
        }
        defer { if running == task { running = nil } }
        do {
            let (credential, expiresAt) = try await task.value
            cached = (credential, expiresAt)
            return credential
        } catch let error as ConfigurationError {
            throw error
        } catch {
            throw ConfigurationError(kind: .execPluginFailed, message: "\(error)", file: origin)
        }
    }

    // MARK: - Running the plugin

    private static func run(config: Kubeconfig.ExecConfig, clusterInfo: ClusterInfo, origin: String?, timeout: TimeInterval) async throws -> (Credential, Date?) {
        func failure(_ kind: ConfigurationError.Kind, _ message: String, _ hint: String?) -> ConfigurationError {
            ConfigurationError(kind: kind, message: message, file: origin, hint: hint)
        }
        let pluginName = (config.command as NSString).lastPathComponent
        guard supportedVersions.contains(config.apiVersion) else {
            throw failure(.invalidField, "exec plugin \(pluginName) uses apiVersion \"\(config.apiVersion)\"",
                          "Use client.authentication.k8s.io/v1 (or v1beta1); v1alpha1 was removed")
        }
        let interactive = try interactivity(config, pluginName: pluginName, origin: origin)
        guard let executable = locate(config.command) else {
            throw failure(.execPluginNotFound, "exec plugin \"\(config.command)\" was not found or is not executable",
                          config.installHint?.trimmingCharacters(in: .whitespacesAndNewlines)
                            ?? "Install it, or fix exec.command in your kubeconfig")
        }

        var environment = ProcessInfo.processInfo.environment
        for variable in config.env { environment[variable.name] = variable.value }
        environment["KUBERNETES_EXEC_INFO"] = try execInfo(config, clusterInfo: clusterInfo, interactive: interactive)

        // Interactive: the plugin talks to the person at the terminal (a login prompt). Otherwise it gets
        // no stdin, its stderr is not passed on (it may echo tokens or arguments into CI logs), and it
        // runs in a process group of its own that a timeout stops whole.
        let run: (output: Data, outcome: PluginProcess.Outcome)
        do {
            run = try await PluginProcess.run(executable: executable, arguments: config.args, environment: environment,
                                              interactive: interactive, timeout: interactive ? nil : timeout)
        } catch {
            throw failure(.execPluginNotFound, "exec plugin \(pluginName) could not be started", config.installHint)
        }
        let stdout = run.output
        switch run.outcome {
        case .exited(0):
            break
        case .exited(let status):
            throw failure(.execPluginFailed, "exec plugin \(pluginName) exited with status \(status)",
                          "Run it by hand to see its error; you may need to log in again")
        case .signalled(let signal):
            throw failure(.execPluginFailed, "exec plugin \(pluginName) was stopped by signal \(signal)",
                          "Run it by hand to see its error")
        case .timedOut:
            throw failure(.execPluginFailed, "exec plugin \(pluginName) did not finish within \(Int(timeout)) s and was stopped (with everything it started)",
                          "Run it by hand: it may be waiting for a login that needs a terminal, or for a network that is not there")
        case .tooMuchOutput:
            throw failure(.execPluginBadOutput, "exec plugin \(pluginName) printed more than \(PluginProcess.maximumOutput / 1024) KiB and was stopped",
                          "An ExecCredential is a few KiB: check the plugin prints only its credential on stdout")
        }
        return try parse(stdout, config: config, pluginName: pluginName, origin: origin)
    }

    private static func interactivity(_ config: Kubeconfig.ExecConfig, pluginName: String, origin: String?) throws(ConfigurationError) -> Bool {
        let terminal = isatty(0) == 1
        let mode = config.interactiveMode ?? (config.apiVersion.hasSuffix("/v1beta1") ? "IfAvailable" : nil)
        switch mode {
        case "Never": return false
        case "IfAvailable": return terminal
        case "Always":
            guard terminal else {
                throw ConfigurationError(kind: .execPluginNeedsTerminal, message: "exec plugin \(pluginName) needs a terminal (interactiveMode: Always)",
                                         file: origin, hint: "Run poddoctor from a terminal, or log in first so the plugin need not ask")
            }
            return true
        case nil:
            throw ConfigurationError(kind: .invalidField, message: "exec.interactiveMode is required for client.authentication.k8s.io/v1",
                                     file: origin, hint: "Set interactiveMode: Never, IfAvailable or Always")
        case let other?:
            throw ConfigurationError(kind: .invalidField, message: "exec.interactiveMode \"\(other)\" is not Never, IfAvailable or Always",
                                     file: origin, hint: "Fix interactiveMode")
        }
    }

    /// An absolute command as it is, a bare name through `PATH`.
    private static func locate(_ command: String) -> String? {
        let files = FileManager.default
        if command.contains("/") { return files.isExecutableFile(atPath: command) ? command : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = (String(folder) as NSString).appendingPathComponent(command)
            if files.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    private static func execInfo(_ config: Kubeconfig.ExecConfig, clusterInfo: ClusterInfo, interactive: Bool) throws -> String {
        var spec = ExecCredential.Spec(interactive: interactive)
        if config.provideClusterInfo {
            spec.cluster = ExecCredential.Cluster(
                server: clusterInfo.server, tlsServerName: clusterInfo.tlsServerName,
                insecureSkipTLSVerify: clusterInfo.insecureSkipTLSVerify ? true : nil,
                certificateAuthorityData: clusterInfo.certificateAuthorityData.map { Data($0).base64EncodedString() },
                proxyURL: clusterInfo.proxyURL, disableCompression: clusterInfo.disableCompression ? true : nil
            )
        }
        let info = ExecCredential(apiVersion: config.apiVersion, kind: "ExecCredential", spec: spec)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(info), as: UTF8.self)
    }

    private static func parse(_ stdout: Data, config: Kubeconfig.ExecConfig, pluginName: String, origin: String?) throws(ConfigurationError) -> (Credential, Date?) {
        func bad(_ message: String) -> ConfigurationError {
            ConfigurationError(kind: .execPluginBadOutput, message: "exec plugin \(pluginName) \(message)", file: origin,
                               hint: "The plugin must print one ExecCredential JSON object on stdout")
        }
        guard let credential = try? JSONDecoder().decode(ExecCredential.self, from: stdout) else {
            throw bad(stdout.isEmpty ? "printed nothing" : "printed something that is not an ExecCredential")
        }
        guard credential.kind == "ExecCredential" else { throw bad("printed kind \"\(credential.kind ?? "")\", not ExecCredential") }
        guard credential.apiVersion == config.apiVersion else {
            throw bad("printed apiVersion \"\(credential.apiVersion ?? "")\" but the kubeconfig asked for \"\(config.apiVersion)\"")
        }
        guard let status = credential.status else { throw bad("printed an ExecCredential without status") }
        let expiresAt = try status.expirationTimestamp.map { (text) throws(ConfigurationError) -> Date in
            guard let date = RFC3339.parse(text) else { throw bad("printed an invalid expirationTimestamp") }
            return date
        }
        var result = Credential()
        if let token = status.token, !token.isEmpty { result.authorization = "Bearer \(token)" }
        switch (status.clientCertificateData, status.clientKeyData) {
        case let (certificate?, key?) where !certificate.isEmpty && !key.isEmpty:
            result.clientCertificatePEM = Array(certificate.utf8)
            result.clientKeyPEM = Array(key.utf8)
        case (nil, nil), ("", ""), ("", nil), (nil, ""):
            break
        default:
            throw bad("printed a client certificate without its key (or a key without its certificate)")
        }
        guard result.authorization != nil || result.clientCertificatePEM != nil else {
            throw bad("printed neither a token nor a client certificate")
        }
        return (result, expiresAt)
    }
}
