/// One cluster of a fleet diagnosis, in a line: read or not, and what fails there.
public struct ClusterSummary: Codable, Sendable, Equatable {
    /// The kubeconfig context.
    public var context: String
    /// `ok`, or why the cluster could not be read (`unreachable`, `forbidden`, `timed out`, `failed`).
    public var state: String
    /// The reason, when it could not be read.
    public var reason: String?
    /// Pods diagnosed, and how many fail, need a look, or are healthy.
    public var totals: DiagnosisReport.Totals?
    /// The most frequent root causes of failing pods, most frequent first.
    public var topCauses: [String]
    /// When it could not be read: the exit code that error means (2 configuration or input, 3 the cluster).
    public var failureCode: Int32?

    /// Creates a summary.
    public init(context: String, state: String, reason: String? = nil, totals: DiagnosisReport.Totals? = nil, topCauses: [String] = []) {
        self.context = context
        self.state = state
        self.reason = reason
        self.totals = totals
        self.topCauses = topCauses
    }
}

/// The same cause in the same workload in several clusters: "payments/api is oom-killed in 5 of 12 clusters".
public struct FleetFinding: Codable, Sendable, Equatable {
    /// The namespace.
    public var namespace: String
    /// The workload.
    public var owner: OwnerSummary
    /// The shared root cause.
    public var cause: Cause
    /// The container, when the cause is about one.
    public var container: String?
    /// The contexts where it fails so.
    public var contexts: [String]
    /// How many clusters were read.
    public var clusters: Int
    /// `deployment payments/api: oom-killed (container app) in 5 of 12 clusters`.
    public var title: String
    /// The finding of the first of those clusters, as an example.
    public var finding: Finding

    /// Creates a fleet finding.
    public init(namespace: String, owner: OwnerSummary, cause: Cause, container: String?, contexts: [String], clusters: Int, finding: Finding) {
        self.namespace = namespace
        self.owner = owner
        self.cause = cause
        self.container = container
        self.contexts = contexts
        self.clusters = clusters
        self.finding = finding
        title = "\(owner.kind.lowercased()) \(namespace)/\(owner.name): \(cause.rawValue)" + (container.map { " (container \($0))" } ?? "")
            + " in \(contexts.count) of \(clusters) clusters"
    }
}

extension DiagnosisReport {
    /// One report for several clusters: every pod and workload carries its context, the clusters are
    /// summarised on top, and a cause that one workload shows in more than one cluster is one fleet finding.
    /// `unreadable` lists the contexts that could not be read, with the reason.
    public static func fleet(_ reports: [(context: String, report: DiagnosisReport)],
                             unreadable: [(context: String, state: String, reason: String, code: Int32)]) -> DiagnosisReport {
        var pods: [PodReport] = []
        var workloads: [WorkloadReport] = []
        var warnings: [String] = []
        var clusters: [ClusterSummary] = []
        var groups: [String: (first: PodReport, finding: Finding, contexts: [String])] = [:]
        var order: [String] = []
        for (context, report) in reports {
            pods += report.pods.map { pod in
                var pod = pod
                pod.context = context
                return pod
            }
            workloads += (report.workloads ?? []).map { workload in
                var workload = workload
                workload.context = context
                return workload
            }
            warnings += (report.warnings ?? []).map { "\(context): \($0)" }
            var causes: [String: Int] = [:]
            var seenWorkloads = Set<String>()
            for pod in report.pods {
                guard let first = pod.findings.first, first.severity == .critical else { continue }
                causes[first.cause.rawValue, default: 0] += 1
                guard let owner = pod.owner else { continue }
                let key = "\(pod.namespace)/\(owner.kind)/\(owner.name)/\(first.cause.rawValue)/\(first.container ?? "")"
                guard seenWorkloads.insert(key).inserted else { continue }
                if groups[key] == nil { order.append(key); groups[key] = (pod, first, []) }
                groups[key]?.contexts.append(context)
            }
            let top = causes.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(3).map(\.key)
            clusters.append(ClusterSummary(context: context, state: "ok", totals: report.summary, topCauses: Array(top)))
        }
        for (context, state, reason, code) in unreadable {
            var summary = ClusterSummary(context: context, state: state, reason: reason)
            summary.failureCode = code
            clusters.append(summary)
        }
        clusters.sort { $0.context < $1.context }
        let fleet = order.compactMap { key -> FleetFinding? in
            guard let group = groups[key], group.contexts.count > 1, let owner = group.first.owner else { return nil }
            return FleetFinding(namespace: group.first.namespace, owner: owner, cause: group.finding.cause, container: group.finding.container,
                                contexts: group.contexts.sorted(), clusters: reports.count + unreadable.count, finding: group.finding)
        }
        var combined = DiagnosisReport(pods: pods, workloads: workloads.isEmpty ? nil : workloads, warnings: warnings.isEmpty ? nil : warnings,
                                       moment: reports.first?.report.moment)
        combined.clusters = clusters
        combined.fleet = fleet.isEmpty ? nil : fleet
        return combined
    }
}
