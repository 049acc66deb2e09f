import Foundation
import KubeModel
import PodDiagnosis

/// Renders a report for people: a line per pod that fails or needs a look, then each finding with
/// its evidence and the fix, wrapped to the terminal's width; the moment and the counts last.
public struct TextReport: Sendable {
    /// Whether to use ANSI colours.
    public var color: Bool
    /// Whether to list healthy pods too.
    public var showHealthy: Bool
    /// The width prose is wrapped to, and evidence lines are cut at.
    public var width: Int

    /// Creates a renderer; `width` defaults to the terminal's (80 columns when not a terminal).
    public init(color: Bool, showHealthy: Bool = false, width: Int? = nil) {
        self.color = color
        self.showHealthy = showHealthy
        self.width = max(40, width ?? Self.terminalWidth)
    }

    /// Whether standard output is a terminal that wants colour (`NO_COLOR` unset, `TERM` not `dumb`).
    public static var terminalWantsColor: Bool {
        let environment = ProcessInfo.processInfo.environment
        return isatty(STDOUT_FILENO) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }

    /// The terminal's width: `COLUMNS`, else the window size of standard output, else 80.
    public static var terminalWidth: Int {
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        var size = winsize()
        if isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }

    /// The whole report as text.
    public func render(_ report: DiagnosisReport) -> String {
        guard let clusters = report.clusters else { return body(report) + footer(report) }
        // A fleet: a line per cluster, the causes shared across clusters, then each cluster's pods.
        var out = paint("\(Self.count(clusters.count, "cluster"))", .bold) + "\n"
        for cluster in clusters {
            if let totals = cluster.totals {
                let causes = cluster.topCauses.isEmpty ? "" : "; top causes: " + cluster.topCauses.joined(separator: ", ")
                out += wrap("  \(Self.oneLine(cluster.context)): \(totals.failing) failing, \(totals.warning) need\(totals.warning == 1 ? "s" : "") a look, \(totals.healthy) healthy of \(Self.count(totals.pods, "pod"))\(causes)",
                            indent: "", hanging: "      ")
            } else {
                out += wrap("  \(Self.oneLine(cluster.context)): " + paint("not read (\(cluster.state))", .red) + ": \(Self.oneLine(cluster.reason ?? ""))", indent: "", hanging: "      ")
            }
        }
        out += "\n"
        for shared in report.fleet ?? [] {
            out += wrap(paint(Self.oneLine(shared.title), .bold) + ": " + Self.oneLine(shared.contexts.joined(separator: ", ")), indent: "", hanging: "  ")
            out += finding(shared.finding, indent: "  ") + "\n"
        }
        for cluster in clusters where cluster.totals != nil {
            let part = DiagnosisReport(pods: report.pods.filter { $0.context == cluster.context },
                                       workloads: report.workloads?.filter { $0.context == cluster.context })
            let text = body(part)
            if !text.isEmpty { out += paint("── \(Self.oneLine(cluster.context)) ──", .bold) + "\n" + text }
        }
        return out + footer(report)
    }

    /// The workloads and pods of a report.
    func body(_ report: DiagnosisReport) -> String {
        var out = ""
        var grouped = Set<String>()
        for workload in report.workloads ?? [] {
            out += paint(Self.oneLine("\(workload.owner.kind.lowercased())/\(workload.owner.name)"), .bold) + " in \(Self.oneLine(workload.namespace)): "
                + "\(Self.count(workload.pods.count, "pod")) share one cause\n"
            out += finding(workload.finding, indent: "  ")
            out += wrap(Self.oneLine("pods: " + workload.pods.joined(separator: ", ")), indent: "  ") + "\n"
            for pod in workload.pods { grouped.insert("\(workload.namespace)/\(pod)") }
        }
        for pod in report.pods {
            guard pod.verdict != nil || showHealthy else { continue }
            out += wrap(headline(pod), indent: "", hanging: "  ")
            if grouped.contains("\(pod.namespace)/\(pod.name)") {
                out += "  (see the workload finding above)\n\n"
                continue
            }
            for finding in pod.findings { out += self.finding(finding, indent: "  ") }
            out += "\n"
        }
        return out
    }

    /// The counts, the moment and the warnings.
    func footer(_ report: DiagnosisReport) -> String {
        var out = ""
        let counts = report.counts
        var summary = "\(Self.count(report.pods.count, "pod")): \(counts.failing) failing, \(counts.warning) need\(counts.warning == 1 ? "s" : "") a look, \(counts.healthy) healthy"
        if counts.healthy > 0 && !showHealthy { summary += " (healthy pods hidden; --all shows them)" }
        out += wrap(paint(summary, .bold), indent: "", hanging: "  ")
        if let moment = report.moment { out += wrap("Judged as of \(moment.description).", indent: "", hanging: "  ") }
        for warning in report.warnings ?? [] { out += wrap(paint("warning: ", .yellow) + Self.oneLine(warning), indent: "", hanging: "  ") }
        return out
    }

    /// One pod: its headline and findings (for `watch`).
    public func render(pod: PodReport) -> String {
        var out = wrap(headline(pod), indent: "", hanging: "  ")
        for finding in pod.findings where pod.verdict != nil || showHealthy { out += self.finding(finding, indent: "  ") }
        return out + "\n"
    }

    /// `shop/checkout-6d8f7b4c5-x9z2k (deployment/checkout) is crash-looping (CrashLoopBackOff, 5 restarts)`;
    /// the findings below say why, so the headline does not repeat them.
    public func headline(_ pod: PodReport) -> String {
        let name = paint(Self.oneLine("\(pod.namespace)/\(pod.name)"), .bold)
        let owner = pod.owner.map { Self.oneLine(" (\($0.kind.lowercased())/\($0.name))") } ?? ""
        let facts = "(\(Self.oneLine(pod.status)), \(Self.count(pod.restarts, "restart")))"
        switch pod.verdict {
        case .critical?: return "\(name)\(owner) \(Self.describe(status: pod.status)) \(facts)"
        case .warning?: return "\(name)\(owner) needs a look \(facts)"
        default: return "\(name)\(owner) is \(pod.status): " + paint("healthy", .green) + " \(facts)"
        }
    }

    func finding(_ finding: Finding, indent: String) -> String {
        let mark: String
        switch finding.severity {
        case .critical: mark = paint("✗", .red)
        case .warning: mark = paint("!", .yellow)
        default: mark = paint("•", .dim)
        }
        let tag = paint("[\(finding.cause.rawValue), \(finding.severity.rawValue), \(finding.confidence.rawValue) confidence]", .dim)
        var out = wrap("\(mark) \(Self.oneLine(finding.title))  \(tag)", indent: indent, hanging: indent + "  ")
        let body = indent + "  "
        out += wrap(Self.oneLine(finding.explanation), indent: body)
        guard finding.severity != .info else { return out }
        if let detail = finding.detail { out += wrap("cause inside: \(detail.cause.rawValue)", indent: body) }
        if !finding.evidence.isEmpty {
            out += body + paint("Evidence:", .bold) + "\n"
            var shown = Set<String>()
            for evidence in finding.evidence {
                // The same text twice (a condition and the event that carries its message) is shown once.
                let text = shown.insert(evidence.text).inserted ? evidence.text : "(the same text as above)"
                out += cut(Self.oneLine("\(body)  \(evidence.source.padding(toLength: 6, withPad: " ", startingAt: 0)) \(evidence.ref): \(text)")) + "\n"
            }
        }
        out += wrap(paint("Fix:", .bold) + " \(Self.oneLine(finding.fix.summary))", indent: body, hanging: body + "  ")
        for command in finding.fix.commands { out += "\(body)  $ \(Self.oneLine(command))\n" }
        if let yaml = finding.fix.yaml {
            for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
                out += "\(body)  \(paint(Self.oneLine(String(line)), .cyan))\n"
            }
        }
        return out
    }

    /// Words for kubectl's STATUS: `is crash-looping`, `cannot pull its image`...
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
            if status.hasPrefix("Init:") { return "is stuck initializing" }
            return "fails"
        }
    }

    /// `1 pod`, `2 pods`.
    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    /// Text from the cluster on one line: line breaks and tabs become spaces, and control
    /// characters (escape sequences that would recolour, move or retitle the terminal) are shown
    /// escaped, as kubectl's printers do.
    static func oneLine(_ text: String) -> String { TerminalText.escaped(flatten(text)) }

    /// Line breaks and tabs as spaces (for text already escaped, or painted by this renderer).
    static func flatten(_ text: String) -> String {
        String(text.map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : $0 })
    }

    /// Wraps prose at ``width``: the first line at `indent`, the rest at `hanging` (default `indent`).
    func wrap(_ text: String, indent: String, hanging: String? = nil) -> String {
        let hanging = hanging ?? indent
        var out = ""
        var line = indent
        var lineWidth = indent.count
        var empty = true
        for word in Self.flatten(text).split(separator: " ", omittingEmptySubsequences: true) {
            let visible = Self.visibleCount(word)
            if !empty, lineWidth + 1 + visible > width {
                out += line + "\n"
                line = hanging
                lineWidth = hanging.count
                empty = true
            }
            if !empty {
                line += " "
                lineWidth += 1
            }
            line += word
            lineWidth += visible
            empty = false
        }
        return out + line + "\n"
    }

    /// An evidence line kept whole on one line, but cut with `…` past a sensible length (twice the
    /// width, at least 160 columns); the whole text is in `-o json`.
    func cut(_ line: String) -> String {
        let limit = max(160, width * 2)
        guard line.count > limit else { return line }
        return String(line.prefix(limit - 1)) + "…"
    }

    /// Characters that take a column (ANSI colour sequences take none).
    static func visibleCount(_ text: Substring) -> Int {
        var count = 0
        var inEscape = false
        for character in text {
            if character == "\u{1B}" { inEscape = true; continue }
            if inEscape { if character == "m" { inEscape = false }; continue }
            count += 1
        }
        return count
    }

    enum Style: String {
        case bold = "1", dim = "2", red = "31", green = "32", yellow = "33", cyan = "36"
    }

    func paint(_ text: String, _ style: Style) -> String {
        color ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }
}
