import ArgumentParser
import Foundation
import KubeClient
import KubeModel
import PodDiagnosis
import PodDoctor

/// `poddoctor diagnose`: why pods keep failing, with the evidence and the fix.
struct DiagnoseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagnose",
        abstract: "Diagnoses a pod, a workload, a namespace or the whole cluster (or a saved snapshot with --from).",
        discussion: """
            Examples:
              poddoctor diagnose myapp-6d8f7b4c5-x9z2k -n shop
              poddoctor diagnose deployment/myapp -n shop -o json
              poddoctor diagnose -A --fail-on critical
              poddoctor diagnose --from Examples/demo -A
            Exit codes: 0 nothing failing (or no --fail-on), 1 failing pods found with --fail-on,
            2 usage or configuration error (arguments, kubeconfig, input files, a pod that does not exist),
            3 the cluster (unreachable, timed out, credentials or access refused, server errors).
            """
    )

    enum Output: String, ExpressibleByArgument, CaseIterable { case text, json, markdown }
    enum FailOn: String, ExpressibleByArgument, CaseIterable { case critical, warning }

    @Argument(help: "A pod name, or KIND/NAME (deployment/NAME, statefulset/NAME, daemonset/NAME, job/NAME, pod/NAME).")
    var target: String?

    @OptionGroup var cluster: ClusterOptions

    @OptionGroup var logging: LogOptions

    @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "Diagnose pods of every namespace.")
    var allNamespaces = false

    @Option(name: [.customShort("l"), .customLong("selector")], help: "A label selector, e.g. app=web,tier!=cache.")
    var selector: String?

    @Option(name: [.short, .customLong("container")], help: "Only report findings about this container.")
    var container: String?

    @Option(name: [.short, .customLong("output")], help: "text, json or markdown.")
    var output: Output = .text

    @Flag(name: .customLong("all"), help: "Also list healthy pods.")
    var showAll = false

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding of this severity (critical or warning) is found.")
    var failOn: FailOn?

    @Option(name: .customLong("from"), help: "Diagnose a snapshot folder or Kubernetes JSON/YAML files instead of a cluster (repeatable).")
    var from: [String] = []

    @Option(name: .customLong("at"), help: ArgumentHelp(
        "The moment to judge the pods at (RFC 3339, e.g. 2026-11-25T14:00:00Z).",
        discussion: "Default: live, the API server's clock; with --from, the time the snapshot was taken, else the newest timestamp in the files."))
    var at: String?

    @Flag(name: .customLong("verbose"), help: "Print each HTTP request (method, URL, status, duration) on stderr.")
    var verbose = false

    @Option(name: .customLong("contexts"), help: "Diagnose these kubeconfig contexts (comma-separated) at once: a fleet.")
    var contexts: String?

    @Flag(name: .customLong("all-contexts"), help: "Diagnose every context of the kubeconfig at once (as kubectl config get-contexts lists them).")
    var allContexts = false

    func run() async throws {
        let report: DiagnosisReport
        do {
            try logging.bootstrap()
            if !from.isEmpty {
                report = try await diagnoseOffline()
            } else if contexts != nil || allContexts {
                report = try await diagnoseFleet()
            } else {
                report = try await diagnoseLive()
            }
        } catch {
            // One mapping for every command (Failure): 2 usage or configuration, 3 the cluster.
            Failure(error).exit()
        }
        let filtered = filter(report)
        print(render(filtered), terminator: "")
        // A fleet of which no cluster could be read: the cluster error (3), after the report says why.
        if let clusters = report.clusters, !clusters.isEmpty, clusters.allSatisfy({ $0.totals == nil }) {
            // The clusters' own errors decide: only configuration or input problems (2), else the cluster (3).
            let codes = clusters.compactMap(\.failureCode)
            FileHandle.standardError.write(Data("poddoctor: no cluster of the fleet could be read\n".utf8))
            throw ExitCode(codes.contains(Failure.cluster) || codes.isEmpty ? Failure.cluster : Failure.usage)
        }
        if let failOn, filtered.pods.contains(where: { pod in
            pod.findings.contains { $0.severity == .critical || (failOn == .warning && $0.severity == .warning) }
        }) {
            throw ExitCode(1)
        }
    }

    // MARK: - Sources

    private func diagnoseLive() async throws -> DiagnosisReport {
        let configuration = try cluster.load()
        var options = try cluster.clientOptions()
        if verbose {
            options.observer = { metrics in
                let millis = Int(Double(metrics.duration.components.attoseconds) / 1e15 + Double(metrics.duration.components.seconds) * 1000)
                FileHandle.standardError.write(Data("\(metrics.method) \(metrics.url) \(metrics.status) \(millis)ms \(metrics.httpVersion)\n".utf8))
            }
        }
        options.warningHandler = { FileHandle.standardError.write(Data("poddoctor: server warning: \(TerminalText.escaped($0))\n".utf8)) }
        let client = try KubernetesClient(configuration: configuration, options: options)
        let namespace = cluster.namespace ?? configuration.namespace
        let scope = try checkedTarget().scope(namespace: namespace)
        // Progress for scans, on a terminal only: they can take more than a second.
        let progress = isatty(STDERR_FILENO) == 1 && output == .text && { if case .pod = scope { return false } else { return true } }()
        if progress { FileHandle.standardError.write(Data("poddoctor: reading pods from \(TerminalText.escaped(configuration.redactedServer))...\r".utf8)) }
        let report = try await Doctor(client: client).diagnose(scope, now: try atDate())
        if progress { FileHandle.standardError.write(Data("\u{1B}[2K\r".utf8)) }
        return report
    }

    /// Every context named (or all), concurrently: one report, a line per cluster.
    private func diagnoseFleet() async throws -> DiagnosisReport {
        let (fleet, names) = try cluster.fleet(contexts: contexts, all: allContexts)
        let target = try checkedTarget()
        let at = try atDate()
        let namespaceFlag = cluster.namespace
        return await fleet.diagnose(contexts: names, at: at) { contextNamespace in
            target.scope(namespace: namespaceFlag ?? contextNamespace)
        }
    }

    /// A folder whose subfolders are snapshots (`snapshot --all-contexts`): one per context.
    private func fleetFolders() -> [(context: String, path: String)]? {
        guard from.count == 1, let folder = from.first else { return nil }
        let manager = FileManager.default
        guard !manager.fileExists(atPath: folder + "/snapshot.json"),
              let entries = try? manager.contentsOfDirectory(atPath: folder) else { return nil }
        let snapshots = entries.sorted().filter { manager.fileExists(atPath: "\(folder)/\($0)/snapshot.json") }
        return snapshots.isEmpty ? nil : snapshots.map { (SnapshotWriter.pathComponentName($0), "\(folder)/\($0)") }
    }

    private func diagnoseOffline() async throws -> DiagnosisReport {
        if let folders = fleetFolders() {
            var results: [(context: String, result: Result<DiagnosisReport, any Error>)] = []
            for (context, path) in folders {
                results.append((context, Result { try diagnoseOffline(paths: [path]) }))
            }
            return FleetDoctor.combine(results)
        }
        return try diagnoseOffline(paths: from)
    }

    private func diagnoseOffline(paths: [String]) throws -> DiagnosisReport {
        let result = try SnapshotReader().read(paths)
        for skipped in result.skipped { FileHandle.standardError.write(Data("poddoctor: skipped \(TerminalText.escaped(skipped))\n".utf8)) }
        // The moment: --at, else the snapshot's own record, else the newest timestamp the files hold.
        let now: Moment
        if let given = try atDate() {
            now = Moment(given, source: .given)
        } else if let taken = result.takenAt {
            now = Moment(taken, source: .snapshot)
        } else if let newest = result.objects.newestTimestamp(notAfter: Date().addingTimeInterval(86_400)) {
            // (A timestamp beyond tomorrow is not a capture time: absurd input, left out.)
            now = Moment(newest, source: .newestTimestamp)
        } else {
            now = Moment(Date(), source: .localClock)
        }
        // Kinds PodDoctor does not read (Namespace, ServiceAccount...) are ignored silently; objects
        // without any kind cannot be read at all, and that is worth saying.
        if let count = result.objects.ignoredKinds["(no kind)"] {
            FileHandle.standardError.write(Data("poddoctor: ignored \(count) object(s) without a kind (a List's items need \"kind\")\n".utf8))
        }
        // A snapshot has no current namespace: without -n, every namespace of it.
        let namespace = allNamespaces ? nil : cluster.namespace
        try checkSelector()
        let (kind, name) = splitTarget()
        if let kind, DiagnosisScope.workloadKind(kind) != "pod", let name {
            let wanted = DiagnosisScope.workloadKind(kind)
            let owned = Doctor.diagnose(result.objects, moment: now, namespace: namespace, selector: selector)
            let pods = owned.pods.filter { $0.owner.map { $0.kind.lowercased() == wanted && $0.name == name } ?? false }
            guard !pods.isEmpty else { throw UsageError("\(kind)/\(name) has no pods in the snapshot\(namespace.map { " in namespace \($0)" } ?? "")") }
            return DiagnosisReport(pods: pods, workloads: owned.workloads?.filter { $0.owner.name == name && $0.owner.kind.lowercased() == wanted },
                                   warnings: owned.warnings, moment: owned.moment)
        }
        let report = Doctor.diagnose(result.objects, moment: now, namespace: namespace, selector: selector, podName: name)
        if let name, report.pods.isEmpty {
            throw UsageError("pod \(name) is not in the snapshot\(namespace.map { " in namespace \($0)" } ?? "") (try without -n, or -A)")
        }
        return report
    }

    /// The `--at` moment, when given.
    private func atDate() throws -> Date? {
        guard let at else { return nil }
        guard let time = Time(rfc3339: at) else { throw UsageError("--at \(at) is not an RFC 3339 time (e.g. 2026-11-25T14:00:00Z)") }
        return time.date
    }

    /// What the command line names, checked: a name is not looked up across all namespaces, and the
    /// selector parses (as the API server would refuse it).
    private func checkedTarget() throws -> Target {
        let (kind, name) = splitTarget()
        if name != nil && allNamespaces {
            throw UsageError("a resource cannot be retrieved by name across all namespaces: use -n instead of -A, as kubectl does")
        }
        try checkSelector()
        return Target(kind: kind, name: name, selector: selector, allNamespaces: allNamespaces)
    }

    /// Refuses a `-l` selector that does not parse.
    private func checkSelector() throws {
        guard let selector else { return }
        do { _ = try SelectorMatcher(selector) } catch { throw UsageError(error.description) }
    }

    private func splitTarget() -> (kind: String?, name: String?) {
        guard let target else { return (nil, nil) }
        let parts = target.split(separator: "/", maxSplits: 1).map(String.init)
        if parts.count == 2 { return (parts[0].lowercased(), parts[1]) }
        return (nil, target)
    }

    // MARK: - Output

    private func filter(_ report: DiagnosisReport) -> DiagnosisReport {
        guard let container else { return report }
        var report = report
        // Pods whose findings all concern other containers are left out, rather than shown as healthy.
        report.pods = report.pods.compactMap { pod in
            var pod = pod
            let kept = pod.findings.filter { $0.container == nil || $0.container == container }
            if pod.isFailing && !kept.contains(where: { $0.severity == .critical }) && !showAll { return nil }
            pod.findings = kept
            return pod
        }
        // A workload finding about another container is left out too.
        report.workloads = report.workloads?.filter { $0.finding.container == nil || $0.finding.container == container }
        if report.workloads?.isEmpty == true { report.workloads = nil }
        return report
    }

    private func render(_ report: DiagnosisReport) -> String {
        switch output {
        case .json:
            guard !showAll else { return ReportJSON.encode(report) }
            // The totals still count every pod; only the list leaves the healthy ones out.
            var listed = report
            listed.totals = report.summary
            listed.pods = report.pods.filter { $0.isFailing || !$0.findings.isEmpty }
            return ReportJSON.encode(listed)
        case .markdown:
            return MarkdownReport(showHealthy: showAll).render(report)
        case .text:
            return TextReport(color: TextReport.terminalWantsColor, showHealthy: showAll).render(report)
        }
    }

}

/// The pods a diagnosis is about, as the command line names them, for any namespace.
private struct Target: Sendable {
    let kind: String?
    let name: String?
    let selector: String?
    let allNamespaces: Bool

    /// The scope in `namespace` (the flag's, or a context's own).
    func scope(namespace: String) -> DiagnosisScope {
        if let name {
            if let kind, DiagnosisScope.workloadKind(kind) != "pod" { return .workload(kind: kind, name: name, namespace: namespace) }
            return .pod(name: name, namespace: namespace)
        }
        if let selector { return .selector(selector, namespace: allNamespaces ? nil : namespace) }
        return allNamespaces ? .allNamespaces : .namespace(namespace)
    }
}
