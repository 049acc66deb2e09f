import Foundation
import KubeModel

/// Resource settings that sharpen a cause: `no-memory-limit` (a failing container without one)
/// and `cpu-throttled` (a very low CPU limit with probe timeouts or a slow start).
enum ResourceLimitsRule: DiagnosisRule {
    /// CPU limits at or below this are "very low" for a start-up (millicores).
    static let lowCPUMillis: Int64 = 100

    static func evaluate(_ context: DiagnosisContext) -> [Candidate] {
        var candidates: [Candidate] = []
        for container in context.containers where context.isFailing(container) {
            if container.spec.resources?.memoryLimit == nil {
                candidates.append(Candidate(finding: Finding(
                    cause: .noMemoryLimit, severity: .info, confidence: .high, container: container.name,
                    title: "container \(container.name) has no memory limit",
                    explanation: "Without a limit the container can use the node's memory until the node itself runs out; its usage is also not bounded for diagnosis.",
                    evidence: [Evidence(source: "spec", ref: "\(container.specPath).resources.limits.memory", text: "(not set)")],
                    fix: Fix(summary: "Set requests and limits from observed usage (kubectl top pod).",
                             commands: ["kubectl top pod \(sh(context.name))\(context.ns) --containers"],
                             yaml: context.containerPatch(container, ["resources:", "  requests:", "    memory: 256Mi", "  limits:", "    memory: 512Mi"]))
                ), slot: .context("no-memory-limit/\(container.name)"), rank: 5))
            }
            guard let cpu = container.spec.resources?.cpuLimit, cpu.milliValue <= lowCPUMillis else { continue }
            let timeouts = context.events(reasons: ["Unhealthy"], container: container).filter {
                let message = ($0.message ?? "").lowercased()
                return message.contains("deadline exceeded") || message.contains("timeout") || message.contains("timed out")
            }
            let slowStart = context.crashLog(container).flatMap { context.analysis($0.text).reportedStartupSeconds }.map { $0 > 20 } ?? false
            guard !timeouts.isEmpty || slowStart else { continue }
            let suggested = Quantity.formatCPU(millicores: max(500, cpu.milliValue * 5))
            candidates.append(Candidate(finding: Finding(
                cause: .cpuThrottled, severity: .warning, confidence: .medium, container: container.name,
                title: "container \(container.name) is throttled by its \(cpu.string) CPU limit",
                explanation: "With a CPU limit of \(cpu.string) the app gets a small slice of a core: start-up is slow and probes time out. ",
                evidence: [Evidence(source: "spec", ref: "\(container.specPath).resources.limits.cpu", text: cpu.string)] + timeouts.suffix(1).map(context.evidence),
                fix: Fix(summary: "Raise the CPU limit to \(suggested) (or remove it and keep a request), then relax the probes if they still time out.",
                         commands: context.hasWorkload ? ["kubectl set resources \(context.workloadTarget) -c \(sh(container.name)) --limits=cpu=\(suggested)\(context.ns)"] : [],
                         yaml: context.containerPatch(container, ["resources:", "  limits:", "    cpu: \(suggested)"]))
            ), slot: .context("cpu-throttled/\(container.name)"), rank: 20))
        }
        return candidates
    }
}
