import Foundation
import KubeClient
import KubeModel
import Logging
import PodDiagnosis

/// Diagnoses many clusters at once: every context of a kubeconfig (or those named), each with its
/// own credentials, TLS and rate limit, read concurrently (bounded) so that N clusters take about as
/// long as the slowest. A cluster that cannot be read is a line of its own, never the end of the run.
///
/// ```swift
/// let report = await FleetDoctor().diagnose(contexts: ["prod-eu", "prod-us"]) { .namespace($0) }
/// for cluster in report.clusters ?? [] { print(cluster.context, cluster.state, cluster.totals?.failing ?? 0) }
/// ```
public struct FleetDoctor: Sendable {
    /// Clusters read at once.
    public var concurrency = 8
    /// kubectl's flags that apply to every context (kubeconfig path, namespace...); the context is set per cluster.
    public var overrides: ConfigOverrides
    /// The client options for every cluster (timeouts, retries).
    public var options: KubernetesClient.Options
    /// Where `KUBECONFIG` and `HOME` come from.
    public var environment: [String: String]
    /// Where a cluster that could not be read is said (warning), besides its line in the report.
    public var logger = Logger(label: "poddoctor.fleet")

    /// Creates a fleet doctor.
    public init(overrides: ConfigOverrides = ConfigOverrides(), options: KubernetesClient.Options = KubernetesClient.Options(),
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.overrides = overrides
        self.options = options
        self.environment = environment
    }

    /// Every context of the merged kubeconfig, by name (as `kubectl config get-contexts` lists them).
    public func allContexts() throws(ConfigurationError) -> [String] {
        let loader = KubeconfigLoader(explicitPath: overrides.kubeconfig, environment: environment)
        guard let kubeconfig = try loader.load() else {
            throw ConfigurationError(kind: .noConfiguration, message: "no kubeconfig found to list contexts from (looked at \(loader.candidateFiles.joined(separator: ", ")))",
                                     hint: "Pass --kubeconfig or set KUBECONFIG")
        }
        return kubeconfig.contexts.keys.sorted()
    }

    /// Diagnoses `scope` (given each context's namespace) in every context; one report for all.
    public func diagnose(contexts: [String], at moment: Date? = nil,
                         scope: @escaping @Sendable (_ namespace: String) throws -> DiagnosisScope) async -> DiagnosisReport {
        let results = await read(contexts) { configuration, client in
            try await Doctor(client: client).diagnose(try scope(configuration.namespace), now: moment)
        }
        return Self.combine(results)
    }

    /// One report from per-context results: what was read, and a line for each cluster that was not.
    public static func combine(_ results: [(context: String, result: Result<DiagnosisReport, any Error>)]) -> DiagnosisReport {
        var read: [(context: String, report: DiagnosisReport)] = []
        var unreadable: [(context: String, state: String, reason: String, code: Int32)] = []
        for (context, result) in results.sorted(by: { $0.context < $1.context }) {
            switch result {
            case .success(let report): read.append((context, report))
            case .failure(let error):
                let failure = Failure(error)
                unreadable.append((context, state(of: error), failure.message, failure.exitCode))
            }
        }
        return DiagnosisReport.fleet(read, unreadable: unreadable)
    }

    /// Runs `work` for each context concurrently (at most ``concurrency`` at once), each with its own client.
    public func read<T: Sendable>(
        _ contexts: [String], _ work: @escaping @Sendable (ClientConfiguration, KubernetesClient) async throws -> T
    ) async -> [(context: String, result: Result<T, any Error>)] {
        let overrides = overrides, options = options, environment = environment, logger = logger
        return await withTaskGroup(of: (String, Result<T, any Error>).self) { group in
            var pending = contexts.makeIterator()
            var running = 0
            var results: [(context: String, result: Result<T, any Error>)] = []
            func start() -> Bool {
                guard let context = pending.next() else { return false }
                group.addTask {
                    do {
                        var perContext = overrides
                        perContext.context = context
                        let configuration = try ClientConfiguration.load(overrides: perContext, environment: environment)
                        let client = try KubernetesClient(configuration: configuration, options: options)
                        return (context, .success(try await work(configuration, client)))
                    } catch {
                        logger.warning("cluster not read", metadata: ["context": "\(context)", "error": "\(Failure(error).message)"])
                        return (context, .failure(error))
                    }
                }
                return true
            }
            while running < max(1, concurrency), start() { running += 1 }
            for await result in group {
                results.append((result.0, result.1))
                if !start() { running -= 1 }
            }
            return results
        }
    }

    /// `unreachable`, `forbidden`, `timed out`, `unauthorized`, `misconfigured` or `failed`.
    static func state(of error: any Error) -> String {
        switch error {
        case let error as TransportError:
            if error.kind == .timeout || error.kind == .connectTimeout { return "timed out" }
            return "unreachable"
        case let error as APIError:
            if error.isForbidden { return "forbidden" }
            if error.code == 401 { return "unauthorized" }
            return "failed"
        case let error as ConfigurationError:
            return error.kind == .unauthorized || error.kind == .execPluginFailed ? "unauthorized" : "misconfigured"
        default:
            return "failed"
        }
    }
}
