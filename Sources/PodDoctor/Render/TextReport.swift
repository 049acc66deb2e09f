import Foundation
import PodDiagnosis

/// Renders a report for people: a headline per failing pod, then its evidence and the fix.
public struct TextReport: Sendable {
    /// Whether to use ANSI colours.
    public var color: Bool
    /// Whether to list healthy pods too.
    public var showHealthy: Bool

    /// Creates a renderer.
    public init(color: Bool, showHealthy: Bool = false) {
        self.color = color
        self.showHealthy = showHealthy
    }

    /// Whether standard output is a terminal that wants colour (`NO_COLOR` unset).
    public static var terminalWantsColor: Bool {
        isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    /// The whole report as text.
    public func render(_ report: DiagnosisReport) -> String {
        var out = ""
        var grouped = Set<String>()
        for workload in report.workloads ?? [] {
            out += paint("\(workload.owner.kind.lowercased())/\(workload.owner.name)", .bold) + " in \(workload.namespace): "
                + "\(workload.pods.count) pods share one cause\n"
            out += finding(workload.finding, indent: "  ")
            out += "  pods: \(workload.pods.joined(separator: ", "))\n\n"
            for pod in workload.pods { grouped.insert("\(workload.namespace)/\(pod)") }
        }
        var healthy = 0
        for pod in report.pods {
            if !pod.isFailing {
                healthy += 1
                guard showHealthy else { continue }
            }
            out += headline(pod) + "\n"
            if grouped.contains("\(pod.namespace)/\(pod.name)") {
                out += "  (see the workload finding above)\n\n"
                continue
            }
            for finding in pod.findings where pod.isFailing || showHealthy {
                out += self.finding(finding, indent: "  ")
            }
            out += "\n"
        }
        let failing = report.pods.count - healthy
        out += paint("\(report.pods.count) pod\(report.pods.count == 1 ? "" : "s"): \(failing) failing, \(healthy) healthy", .bold)
        if healthy > 0 && !showHealthy { out += " (healthy pods hidden; --all shows them)" }
        out += "\n"
        for warning in report.warnings ?? [] { out += paint("warning: ", .yellow) + warning + "\n" }
        return out
    }

    /// One pod: its headline and findings (for `watch`).
    public func render(pod: PodReport) -> String {
        var out = headline(pod) + "\n"
        for finding in pod.findings where pod.isFailing || showHealthy { out += self.finding(finding, indent: "  ") }
        return out + "\n"
    }

    /// `checkout-6d8f7b4c5-x9z2k is crash-looping: container app is killed for ...`
    public func headline(_ pod: PodReport) -> String {
        let name = paint("\(pod.namespace)/\(pod.name)", .bold)
        let owner = pod.owner.map { " (\($0.kind.lowercased())/\($0.name))" } ?? ""
        guard let first = pod.findings.first, pod.isFailing else {
            return "\(name)\(owner) is \(pod.status), restarts \(pod.restarts): " + paint("healthy", .green)
        }
        return "\(name)\(owner) \(Self.describe(status: pod.status)): \(first.title)"
    }

    func finding(_ finding: Finding, indent: String) -> String {
        let mark: String
        switch finding.severity {
        case .critical: mark = paint("✗", .red)
        case .warning: mark = paint("!", .yellow)
        default: mark = paint("•", .dim)
        }
        var out = "\(indent)\(mark) \(finding.title)  " + paint("[\(finding.cause.rawValue), \(finding.confidence.rawValue) confidence]", .dim) + "\n"
        guard finding.severity != .info else {
            out += "\(indent)  \(finding.explanation)\n"
            return out
        }
        out += "\(indent)  \(finding.explanation)\n"
        if let detail = finding.detail { out += "\(indent)  cause inside: \(detail.cause.rawValue): \(detail.title)\n" }
        if !finding.evidence.isEmpty {
            out += "\(indent)  " + paint("Evidence:", .bold) + "\n"
            for evidence in finding.evidence {
                out += "\(indent)    \(evidence.source.padding(toLength: 6, withPad: " ", startingAt: 0)) \(evidence.ref): \(evidence.text)\n"
            }
        }
        out += "\(indent)  " + paint("Fix:", .bold) + " \(finding.fix.summary)\n"
        for command in finding.fix.commands { out += "\(indent)    $ \(command)\n" }
        if let yaml = finding.fix.yaml {
            for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
                out += "\(indent)    \(paint(String(line), .cyan))\n"
            }
        }
        return out
    }

    /// Words for kubectl's STATUS: `crash-looping`, `cannot pull its image`...
    static func describe(status: String) -> String {
        switch status {
        case "CrashLoopBackOff": return "is crash-looping"
        case "ImagePullBackOff", "ErrImagePull": return "cannot pull its image"
        case "CreateContainerConfigError", "CreateContainerError", "RunContainerError", "InvalidImageName": return "cannot start"
        case "ContainerCreating": return "is stuck creating its containers"
        case "Pending", "SchedulingGated": return "is not scheduled"
        case "OOMKilled": return "was killed for memory"
        case "Running": return "is running but failing"
        default:
            if status.hasPrefix("Init:") { return "is stuck initializing (\(status))" }
            return "is \(status)"
        }
    }

    enum Style: String {
        case bold = "1", dim = "2", red = "31", green = "32", yellow = "33", cyan = "36"
    }

    func paint(_ text: String, _ style: Style) -> String {
        color ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }
}
