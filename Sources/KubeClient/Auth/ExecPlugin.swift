import Foundation

/// Runs a kubeconfig `exec` credential plugin (EKS, GKE, AKS, OpenShift, OIDC logins) the way
/// client-go does, and caches what it prints until it expires.
///
/// One run at a time: callers arriving while the plugin runs wait for that run. When it runs
/// interactively its stderr goes to ours (plugins print login prompts there), otherwise nowhere (it
/// may echo credentials); its stdout, the credential, is never logged.
actor ExecPlugin {
    static let supportedVersions = ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"]
    /// A non-interactive plugin that has not finished by then is stopped.
    static let timeout: TimeInterval = 120

    let config: Kubeconfig.ExecConfig
    let clusterInfo: ClusterInfo
    let origin: String?
    private var cached: (credential: Credential, expiresAt: Date?)?
    private var running: Task<(Credential, Date?), any Error>?

    init(config: Kubeconfig.ExecConfig, clusterInfo: ClusterInfo, origin: String?) {
        self.config = config
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
            let config = config, clusterInfo = clusterInfo, origin = origin
            task = Task.detached { try await Self.run(config: config, clusterInfo: clusterInfo, origin: origin) }
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

    private static func run(config: Kubeconfig.ExecConfig, clusterInfo: ClusterInfo, origin: String?) async throws -> (Credential, Date?) {
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

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = config.args
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        // Interactive: the plugin talks to the person at the terminal (a login prompt). Otherwise its
        // stderr is not passed on: it may echo tokens or arguments into CI logs (a failure says to run it by hand).
        process.standardError = interactive ? FileHandle.standardError : FileHandle.nullDevice
        process.standardInput = interactive ? FileHandle.standardInput : FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw failure(.execPluginNotFound, "exec plugin \(pluginName) could not be started", config.installHint)
        }
        let stdout = try await readAll(output.fileHandleForReading, process: process, timeout: interactive ? nil : timeout)
        await waitForExit(process)
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let how = process.terminationReason == .exit ? "exited with status \(process.terminationStatus)" : "was stopped (timeout or signal)"
            throw failure(.execPluginFailed, "exec plugin \(pluginName) \(how)",
                          "Run it by hand to see its error; you may need to log in again")
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

    /// Reads the pipe to its end on a thread of its own (so a chatty plugin never blocks on a full
    /// pipe and the shared pool never blocks on the plugin). When `timeout` passes first, the plugin
    /// is killed (SIGKILL) and reading stops, even if a grandchild still holds the pipe open.
    private static func readAll(_ handle: FileHandle, process: Process, timeout: TimeInterval?) async throws -> Data {
        await withCheckedContinuation { continuation in
            Thread {
                let descriptor = handle.fileDescriptor
                let deadline = timeout.map { Date().addingTimeInterval($0) }
                var data = Data()
                var buffer = [UInt8](repeating: 0, count: 16_384)
                while true {
                    var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                    let ready = poll(&poller, 1, 100)
                    if ready > 0 {
                        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                        if count > 0 {
                            data.append(contentsOf: buffer[0..<count])
                            continue
                        }
                        if count == 0 || errno != EINTR { break }
                    } else if ready < 0 && errno != EINTR {
                        break
                    }
                    if let deadline, Date() > deadline {
                        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                        break
                    }
                }
                continuation.resume(returning: data)
            }.start()
        }
    }

    /// Waits for the plugin to exit on a thread of its own, killing it if it lingers.
    private static func waitForExit(_ process: Process) async {
        await withCheckedContinuation { continuation in
            Thread {
                let deadline = Date().addingTimeInterval(5)
                while process.isRunning && Date() < deadline { usleep(10_000) }
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                process.waitUntilExit()
                continuation.resume()
            }.start()
        }
    }
}
