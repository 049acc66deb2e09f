import KubeModel
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
        if let clusters = report.clusters {
            out += "| context | state | failing | need a look | healthy | top causes |\n|---|---|---|---|---|---|\n"
            for cluster in clusters {
                let totals = cluster.totals
                out += "| \(prose(cluster.context)) | \(prose(cluster.totals == nil ? "\(cluster.state): \(cluster.reason ?? "")" : "ok")) | "
                    + "\(totals.map { String($0.failing) } ?? "-") | \(totals.map { String($0.warning) } ?? "-") | \(totals.map { String($0.healthy) } ?? "-") | "
                    + "\(prose(cluster.topCauses.joined(separator: ", "))) |\n"
            }
            out += "\n"
            for shared in report.fleet ?? [] {
                out += "## \(prose(shared.title))\n\nIn: " + shared.contexts.map(code).joined(separator: ", ") + "\n\n" + finding(shared.finding)
            }
        }
        for workload in report.workloads ?? [] {
            out += "## \(prose("\(workload.owner.kind.lowercased())/\(workload.owner.name)")) (namespace \(code(workload.namespace)), \(TextReport.count(workload.pods.count, "pod")))\n\n"
            out += finding(workload.finding)
            out += "Pods: " + workload.pods.map(code).joined(separator: ", ") + "\n\n"
        }
        for pod in report.pods where pod.verdict != nil || showHealthy {
            out += "## \(pod.context.map { code($0) + " " } ?? "")\(code("\(pod.namespace)/\(pod.name)")): \(prose(pod.status)), \(TextReport.count(pod.restarts, "restart"))"
            if let owner = pod.owner { out += " (\(prose("\(owner.kind.lowercased())/\(owner.name)")))" }
            out += "\n\n"
            if pod.verdict == nil { out += "Healthy.\n\n" } else if pod.verdict == .warning { out += "Not failing; needs a look.\n\n" }
            for finding in pod.findings { out += self.finding(finding) }
        }
        for warning in report.warnings ?? [] { out += "> **Warning:** \(prose(warning))\n\n" }
        return out
    }

    func finding(_ finding: Finding) -> String {
        var out = "### \(prose(finding.title))\n\n"
        out += "\(code(finding.cause.rawValue)) · \(finding.severity.rawValue) · \(finding.confidence.rawValue) confidence"
        if let container = finding.container { out += " · container \(code(container))" }
        out += "\n\n\(prose(finding.explanation))\n\n"
        if !finding.evidence.isEmpty {
            out += "| source | where | what |\n|---|---|---|\n"
            for evidence in finding.evidence {
                out += "| \(evidence.source) | \(prose(evidence.ref)) | \(prose(evidence.text)) |\n"
            }
            out += "\n"
        }
        out += "**Fix:** \(prose(finding.fix.summary))\n\n"
        if !finding.fix.commands.isEmpty { out += block(finding.fix.commands.map(TextReport.flatten).joined(separator: "\n"), language: "sh") }
        if let yaml = finding.fix.yaml { out += block(yaml, language: "yaml") }
        return out
    }

    /// Prose from the cluster: control characters shown escaped, on one line, and what Markdown or
    /// HTML would act on (`<!--`, links, images, emphasis) escaped, so a message stays text.
    func prose(_ text: String) -> String {
        var out = ""
        for character in TextReport.oneLine(text) {
            if "\\`*_[]<>!#|~".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    /// A code span that nothing in `text` can close early (`` `name` ``, or more backticks when it holds one).
    func code(_ text: String) -> String {
        let clean = TextReport.oneLine(text)
        let fence = String(repeating: "`", count: Self.longestBacktickRun(clean) + 1)
        let pad = clean.hasPrefix("`") || clean.hasSuffix("`") ? " " : ""
        return fence + pad + clean + pad + fence
    }

    /// A fenced block that no line of `text` can close: a fence longer than any backtick run in it.
    func block(_ text: String, language: String) -> String {
        let clean = TerminalText.escaped(text)
        let fence = String(repeating: "`", count: max(3, Self.longestBacktickRun(clean) + 1))
        return fence + language + "\n" + clean + (clean.hasSuffix("\n") ? "" : "\n") + fence + "\n\n"
    }

    static func longestBacktickRun(_ text: String) -> Int {
        var longest = 0
        var run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        return longest
    }
}
