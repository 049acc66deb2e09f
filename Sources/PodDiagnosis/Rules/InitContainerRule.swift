import Foundation
import KubeModel

/// Init containers that hold the pod back without crashing: one still running past
/// ``PodHealth/initStuckAfter`` (`Init:0/1`), usually waiting for a dependency. (A crashing init container gets its cause from
/// the other rules; the engine wraps it into `init-container-failed`.)
enum InitContainerRule: DiagnosisRule {
    static func evaluate(_ context: DiagnosisContext) -> [Candidate] {
        context.initContainers.compactMap { container -> Candidate? in
            guard case .initStuck(let started)? = context.health(container)?.state else { return nil }
            let log = context.log(container, previous: false) ?? ""
            let analysis = context.analysis(log)
            var evidence = [context.statusEvidence(container, "state.running.startedAt", Time(started).description)]
            if let last = analysis.decisiveLine ?? analysis.lines.last.map({ (analysis.lines.count, $0) }) {
                evidence.append(context.logEvidence(container, previous: false, line: last.0, text: last.1))
            }
            let command = ((container.spec.command ?? []) + (container.spec.args ?? [])).joined(separator: " ")
            if !command.isEmpty { evidence.append(Evidence(source: "spec", ref: "\(container.specPath).command", text: command)) }
            let finding = Finding(
                cause: .appError, severity: .warning, confidence: .medium, container: container.name,
                title: "init container \(container.name) has been running for \(DiagnosisContext.age(context.now.timeIntervalSince(started))) without finishing",
                explanation: "The pod cannot start its app containers until \(container.name) exits 0; it is still running" +
                    (command.isEmpty ? "." : " `\(command)`, which probably waits for something that never comes."),
                evidence: evidence,
                fix: Fix(summary: "Find what \(container.name) waits for (its log and command) and make it available, or give the wait a timeout.",
                         commands: [context.logsCommand(container, previous: false)])
            )
            return Candidate(finding: finding, slot: .died(container.name), rank: 30)
        }
    }
}
