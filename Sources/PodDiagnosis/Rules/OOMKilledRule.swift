import Foundation
import KubeModel

/// `oom-killed`: the container's memory cgroup killed it (reason `OOMKilled`), or the runtime
/// itself reports running out of heap. Suggests a concrete new limit and heap flags for JVM/Node.
enum OOMKilledRule: DiagnosisRule {
    static func evaluate(_ context: DiagnosisContext) -> [Candidate] {
        context.containers.compactMap { container -> Candidate? in
            guard context.isFailing(container),
                  let terminated = container.lastTermination
            else { return nil }
            let analysis = context.crashLog(container).map { (context.analysis($0.text), $0.previous) }
            let heapLine = analysis?.0.first(.oomKilled)
            guard terminated.reason == "OOMKilled" || heapLine != nil else { return nil }
            // A liveness kill also exits 137; the probe rule proves those with the Killing event.
            let limit = container.spec.resources?.memoryLimit
            let runtime = Runtime(container: container.spec, log: analysis?.0)
            var evidence = context.terminationEvidence(container)
            if let limit { evidence.append(Evidence(source: "spec", ref: "\(container.specPath).resources.limits.memory", text: limit.string)) }
            if let heapLine, let (_, previous) = analysis {
                evidence.append(context.logEvidence(container, previous: previous, line: heapLine.line, text: heapLine.text))
            }
            evidence += context.events(reasons: ["OOMKilling", "SystemOOM"]).suffix(1).map(context.evidence)
            // Heap flags that fix the heap regardless of the limit (-Xmx, --max-old-space-size).
            for variable in container.spec.env ?? [] {
                guard let value = variable.value, value.contains("-Xmx") || value.contains("max-old-space-size") || value.contains("MaxRAM") else { continue }
                evidence.append(Evidence(source: "spec", ref: "\(container.specPath).env[\(variable.name ?? "?")]", text: Redact.line(value)))
            }

            let suggested = limit.map { Quantity(bytes: Self.roundUp($0.bytes * 2)) } ?? Quantity(bytes: 512 * 1_048_576)
            var body = ["resources:", "  limits:", "    memory: \(suggested.string)"]
            var summary = limit == nil
                ? "Set a memory limit that fits the workload (start at \(suggested.string)) and watch its usage."
                : "Raise the memory limit of \(container.name) from \(limit?.string ?? "") to \(suggested.string), or make the app use less."
            switch runtime {
            case .jvm:
                summary += " The JVM sizes its heap from the limit only with -XX:MaxRAMPercentage; set it to 75 so the heap leaves room for the rest of the process."
                body += ["env:", "- name: JAVA_TOOL_OPTIONS", "  value: \"-XX:MaxRAMPercentage=75.0\""]
            case .node:
                let heap = Int(suggested.bytes * 0.75 / 1_048_576)
                summary += " Node.js does not size its heap to the container: cap it with --max-old-space-size=\(heap) (75% of the new limit)."
                body += ["env:", "- name: NODE_OPTIONS", "  value: \"--max-old-space-size=\(heap)\""]
            case .other:
                break
            }
            let limitText = limit.map { "its \($0.string) limit" } ?? "the memory available to it (it has no limit)"
            let finding = Finding(
                cause: .oomKilled, severity: context.deathSeverity(container) ?? .critical, confidence: terminated.reason == "OOMKilled" ? .high : .medium,
                container: container.name,
                title: "container \(container.name) is killed for using more memory than \(limitText)",
                explanation: terminated.reason == "OOMKilled"
                    ? "The kernel's OOM killer stopped the process (reason OOMKilled, exit code \(terminated.exitCode ?? 137)) when the container reached \(limitText). It has restarted \(DiagnosisContext.count(container.restartCount, "time"))."
                    : "The runtime ran out of memory (\(heapLine?.text ?? "")) before the container limit was reached.",
                evidence: evidence,
                fix: Fix(summary: summary,
                         commands: context.hasWorkload
                            ? ["kubectl set resources \(context.workloadTarget) -c \(sh(container.name)) --limits=memory=\(suggested.string)\(context.ns)"]
                            : [context.applyPatchCommand()],
                         yaml: context.containerPatch(container, body))
            )
            return Candidate(finding: finding, slot: .died(container.name), rank: terminated.reason == "OOMKilled" ? 95 : 78)
        }
    }

    /// Rounds bytes up to a whole 64Mi (below 1Gi) or 256Mi step, for a readable limit.
    static func roundUp(_ bytes: Double) -> Double {
        let step = bytes < 1_073_741_824 ? 67_108_864.0 : 268_435_456.0
        return (bytes / step).rounded(.up) * step
    }

    /// Which heap-managing runtime the container runs, from its image, command and log.
    enum Runtime {
        case jvm, node, other

        init(container: Container, log: LogAnalysis?) {
            let envNames = Set((container.env ?? []).compactMap(\.name))
            let words = Set(([container.image ?? ""] + (container.command ?? []) + (container.args ?? [])).joined(separator: " ").lowercased()
                .split { !$0.isLetter && !$0.isNumber && $0 != "." }.map(String.init))
            let logText = log?.lines.joined(separator: "\n") ?? ""
            let jvmWords: Set<String> = ["java", "jdk", "jre", "openjdk", "temurin", "corretto", "spring", "maven", "gradle"]
            if !words.isDisjoint(with: jvmWords) || words.contains(where: { $0.hasSuffix(".jar") })
                || !envNames.isDisjoint(with: ["JAVA_TOOL_OPTIONS", "JAVA_OPTS", "JVM_OPTS", "JDK_JAVA_OPTIONS"])
                || logText.contains("java.lang.") || logText.contains("Picked up JAVA_TOOL_OPTIONS") {
                self = .jvm
            } else if !words.isDisjoint(with: ["node", "nodejs", "npm", "yarn", "pnpm"]) || !envNames.isDisjoint(with: ["NODE_OPTIONS", "NODE_ENV"])
                || logText.contains("JavaScript heap") || logText.contains("node:internal") {
                self = .node
            } else {
                self = .other
            }
        }
    }
}
