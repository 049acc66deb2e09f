/// The diagnosis of one or more pods: what `poddoctor diagnose -o json` prints.
public struct DiagnosisReport: Codable, Sendable, Equatable {
    /// `poddoctor/v1`.
    public var apiVersion: String
    /// One entry per pod, in namespace/name order.
    public var pods: [PodReport]
    /// Findings about workloads whose pods share a cause, when any.
    public var workloads: [WorkloadReport]?
    /// Reads that failed (403 and the like) and what they cost the diagnosis.
    public var warnings: [String]?
    /// The moment the diagnosis speaks of, and where it came from.
    public var moment: Moment?
    /// The counts of the whole diagnosis, when the report lists only some of its pods (healthy ones left out).
    public var totals: Totals?
    /// For a fleet: one line per cluster (read or not, what fails there).
    public var clusters: [ClusterSummary]?
    /// For a fleet: causes one workload shows in several clusters.
    public var fleet: [FleetFinding]?

    /// How many pods were diagnosed, and how many of them fail, need a look, or are healthy.
    public struct Totals: Codable, Sendable, Equatable {
        /// Pods diagnosed.
        public var pods: Int
        /// Pods with a critical finding.
        public var failing: Int
        /// Pods with a warning and nothing critical.
        public var warning: Int
        /// Pods with neither.
        public var healthy: Int
        /// Creates totals.
        public init(pods: Int, failing: Int, warning: Int, healthy: Int) {
            self.pods = pods
            self.failing = failing
            self.warning = warning
            self.healthy = healthy
        }
    }

    /// The totals: as set, else counted from ``pods``.
    public var summary: Totals {
        if let totals { return totals }
        let counts = self.counts
        return Totals(pods: pods.count, failing: counts.failing, warning: counts.warning, healthy: counts.healthy)
    }

    /// Creates a report.
    public init(pods: [PodReport], workloads: [WorkloadReport]? = nil, warnings: [String]? = nil, moment: Moment? = nil) {
        apiVersion = "poddoctor/v1"
        self.pods = pods
        self.workloads = workloads
        self.warnings = warnings
        self.moment = moment
    }

    /// How many pods fail (a critical finding), need a look (a warning, nothing critical), or are healthy.
    public var counts: (failing: Int, warning: Int, healthy: Int) {
        var counts = (failing: 0, warning: 0, healthy: 0)
        for pod in pods {
            switch pod.verdict {
            case .critical?: counts.failing += 1
            case .warning?: counts.warning += 1
            default: counts.healthy += 1
            }
        }
        return counts
    }
}

/// The diagnosis of one pod.
public struct PodReport: Codable, Sendable, Equatable {
    /// The kubeconfig context (cluster) the pod is in, in a fleet diagnosis.
    public var context: String?
    /// The namespace.
    public var namespace: String
    /// The pod's name.
    public var name: String
    /// What `kubectl get pods` shows in its STATUS column.
    public var status: String
    /// The sum of the containers' restart counts.
    public var restarts: Int
    /// The controller at the top of the owner chain (a Deployment rather than its ReplicaSet).
    public var owner: OwnerSummary?
    /// Findings, root cause first. A healthy pod has no `critical` one.
    public var findings: [Finding]

    /// Creates a pod report.
    public init(namespace: String, name: String, status: String, restarts: Int, owner: OwnerSummary?, findings: [Finding]) {
        self.namespace = namespace
        self.name = name
        self.status = status
        self.restarts = restarts
        self.owner = owner
        self.findings = findings
    }

    /// Whether any finding is critical.
    public var isFailing: Bool { findings.contains { $0.severity == .critical } }

    /// The pod's verdict: `critical` (failing), `warning` (needs a look), or `nil` (healthy: at most info findings).
    public var verdict: Severity? {
        let worst = findings.map(\.severity).max()
        return worst.flatMap { $0 > .info ? $0 : nil }
    }
}

/// A workload, named by kind and name.
public struct OwnerSummary: Codable, Sendable, Equatable, Hashable {
    /// `Deployment`, `StatefulSet`, `DaemonSet`, `Job`, `CronJob`, `ReplicaSet`...
    public var kind: String
    /// Its name.
    public var name: String
    /// Creates an owner summary.
    public init(kind: String, name: String) {
        self.kind = kind
        self.name = name
    }
}

/// The same cause on several pods of one workload: one finding, listing the pods.
public struct WorkloadReport: Codable, Sendable, Equatable {
    /// The kubeconfig context (cluster), in a fleet diagnosis.
    public var context: String?
    /// The namespace.
    public var namespace: String
    /// The workload.
    public var owner: OwnerSummary
    /// The pods that share the finding.
    public var pods: [String]
    /// The shared finding (from the first pod).
    public var finding: Finding

    /// Creates a workload report.
    public init(namespace: String, owner: OwnerSummary, pods: [String], finding: Finding) {
        self.namespace = namespace
        self.owner = owner
        self.pods = pods
        self.finding = finding
    }
}
