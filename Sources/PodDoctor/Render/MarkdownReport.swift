import PodDiagnosis

/// Renders a report as Markdown, for tickets and pull requests.
public struct MarkdownReport: Sendable {
    /// Whether to list healthy pods too.
    public var showHealthy: Bool

    /// Creates a renderer.
    public init(showHealthy: Bool = false) {
        self.showHealthy = showHealthy
    }

    /// The whole report as Markdown.
    public func render(_ report: DiagnosisReport) -> String {
        var out = "# PodDoctor report\n\n"
        let counts = report.counts
        out += "\(TextReport.count(report.pods.count, "pod")): \(counts.failing) failing, \(counts.warning) need\(counts.warning == 1 ? "s" : "") a look, \(counts.healthy) healthy.\n\n"
        if let moment = report.moment { out += "Judged as of \(moment.description).\n\n" }
        for workload in report.workloads ?? [] {
            out += "## \(workload.owner.kind.lowercased())/\(workload.owner.name) (namespace `\(workload.namespace)`, \(TextReport.count(workload.pods.count, "pod")))\n\n"
            out += finding(workload.finding)
            out += "Pods: " + workload.pods.map { "`\($0)`" }.joined(separator: ", ") + "\n\n"
        }
        for pod in report.pods where pod.verdict != nil || showHealthy {
            out += "## `\(pod.namespace)/\(pod.name)`: \(pod.status), \(TextReport.count(pod.restarts, "restart"))"
            if let owner = pod.owner { out += " (\(owner.kind.lowercased())/\(owner.name))" }
            out += "\n\n"
            if pod.verdict == nil { out += "Healthy.\n\n" } else if pod.verdict == .warning { out += "Not failing; needs a look.\n\n" }
            for finding in pod.findings { out += self.finding(finding) }
        }
        for warning in report.warnings ?? [] { out += "> **Warning:** \(warning)\n\n" }
        return out
    }

    func finding(_ finding: Finding) -> String {
        var out = "### \(finding.title)\n\n"
        out += "`\(finding.cause.rawValue)` · \(finding.severity.rawValue) · \(finding.confidence.rawValue) confidence"
        if let container = finding.container { out += " · container `\(container)`" }
        out += "\n\n\(finding.explanation)\n\n"
        if !finding.evidence.isEmpty {
            out += "| source | where | what |\n|---|---|---|\n"
            for evidence in finding.evidence {
                out += "| \(evidence.source) | \(escape(evidence.ref)) | \(escape(evidence.text)) |\n"
            }
            out += "\n"
        }
        out += "**Fix:** \(finding.fix.summary)\n\n"
        if !finding.fix.commands.isEmpty {
            out += "```sh\n" + finding.fix.commands.joined(separator: "\n") + "\n```\n\n"
        }
        if let yaml = finding.fix.yaml { out += "```yaml\n\(yaml)```\n\n" }
        return out
    }

    func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
