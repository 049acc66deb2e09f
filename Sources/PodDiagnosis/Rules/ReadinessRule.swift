import Foundation
import KubeModel

/// The pod runs but is never ready: `readiness-probe-failing` (Unhealthy readiness events) and
/// `readiness-gate-pending` (containers ready, a `readinessGates` condition missing or false).
enum ReadinessRule: DiagnosisRule {
    /// `startupProbe 0 + 30 × 10 + readinessProbe 10 + 3 × 5`.
    static func budgetFormula(_ container: Container) -> String {
        [("startupProbe", container.startupProbe), ("readinessProbe", container.readinessProbe)].compactMap { name, probe in
            probe.map { "\(name) \($0.initialDelaySeconds ?? 0) + \($0.failureThreshold ?? 3) × \($0.periodSeconds ?? 10)" }
        }.joined(separator: " + ")
    }

    static func evaluate(_ context: DiagnosisContext) -> [Candidate] {
        guard context.pod.status?.phase?.rawValue == "Running", !context.isFinished, !context.health.isTerminating else { return [] }
        var candidates: [Candidate] = []
        for container in context.containers where container.kind != .initContainer && container.running != nil && container.status?.ready != true {
            guard let probe = container.spec.readinessProbe ?? container.spec.startupProbe,
                  let started = container.running?.startedAt?.date else { continue }
            let kind = container.spec.readinessProbe != nil ? "Readiness" : "Startup"
            // Only failures of this instance count: older ones belong to an instance that is gone.
            // During start-up the kubelet runs only the startup probe: its failures count too.
            let unhealthy = context.events(reasons: ["Unhealthy"], container: container).filter {
                (($0.message ?? "").hasPrefix(kind) || ($0.message ?? "").hasPrefix("Startup"))
                    && ($0.lastSeen ?? .distantPast) >= started.addingTimeInterval(-1)
            }
            let budget = PodHealth.startupBudget(container.spec) ?? 0
            let age = context.now.timeIntervalSince(started)
            let budgetText = "\(ProbeKillRule.format(budget)) s (\(budgetFormula(container.spec)))"
            let severity: Severity
            switch context.health(container)?.state {
            case .notReady?: severity = .critical
            case .slowStarting? where !unhealthy.isEmpty: severity = .warning
            default: continue
            }
            let problem = ProbeKillRule.problem(context, container, probe, kind: kind.lowercased())
            let (explanation, summary, body) = ProbeKillRule.advice(problem, probe: probe, container: container, probeKey: kind == "Readiness" ? "readinessProbe" : "startupProbe")
            let last = unhealthy.last
            let what = last.map { "its \(kind.lowercased()) probe keeps failing (\($0.message ?? ""))" }
                ?? "no probe failure of this instance was seen (events expire after an hour, or were not captured)"
            // A container that was ready and lost it: the Ready condition's transition says since when.
            let lostAt = context.pod.status?.conditions?.first { $0.type?.rawValue == "ContainersReady" && $0.status?.rawValue == "False" }?
                .lastTransitionTime.flatMap { $0.date > started.addingTimeInterval(budget) ? $0.date : nil }
            let finding: Finding
            if severity == .critical {
                finding = Finding(
                    cause: .readinessProbeFailing, severity: .critical, confidence: last == nil ? .medium : .high, container: container.name,
                    title: lostAt.map { "container \(container.name) stopped being ready \(DiagnosisContext.age(context.now.timeIntervalSince($0))) ago (it has run for \(DiagnosisContext.age(age)))" }
                        ?? "container \(container.name) has run for \(DiagnosisContext.age(age)) without becoming ready (its probes allow \(DiagnosisContext.age(budget)))",
                    explanation: "The pod receives no traffic from its Services: \(what). " + explanation,
                    evidence: unhealthy.suffix(2).map(context.evidence) + [
                        context.statusEvidence(container, "ready", "false"),
                        context.statusEvidence(container, "state.running.startedAt", "\(Time(started).description) (\(DiagnosisContext.age(age)) ago)"),
                        Evidence(source: "spec", ref: "\(container.specPath).\(kind == "Readiness" ? "readinessProbe" : "startupProbe")", text: ProbeKillRule.describe(probe) + "; budget \(budgetText)"),
                    ],
                    fix: Fix(summary: summary, commands: body.isEmpty ? [context.logsCommand(container, previous: false)] : [context.applyPatchCommand()],
                             yaml: body.isEmpty ? nil : context.containerPatch(container, body))
                )
            } else {
                finding = Finding(
                    cause: .readinessProbeFailing, severity: .warning, confidence: .medium, container: container.name,
                    title: "container \(container.name) is still starting: not ready after \(DiagnosisContext.age(age)) of its \(DiagnosisContext.age(budget)) budget",
                    explanation: "This is within the time its probes allow, but more than half of it is used and \(what). It becomes critical at the end of the budget.",
                    evidence: unhealthy.suffix(2).map(context.evidence) + [
                        Evidence(source: "spec", ref: "\(container.specPath).\(kind == "Readiness" ? "readinessProbe" : "startupProbe")", text: ProbeKillRule.describe(probe) + "; budget \(budgetText)"),
                    ],
                    fix: Fix(summary: "Nothing to do yet; if it keeps failing: " + summary, commands: [context.logsCommand(container, previous: false)])
                )
            }
            candidates.append(Candidate(finding: finding, slot: .notReady(container.name), rank: 70))
        }
        let gates = (context.pod.spec?.readinessGates ?? []).compactMap { $0.conditionType?.rawValue }
        let allReady = !context.regularContainers.isEmpty && context.regularContainers.allSatisfy { $0.status?.ready == true }
        if allReady, !gates.isEmpty {
            let conditions = context.pod.status?.conditions ?? []
            let pending = gates.filter { gate in conditions.first { $0.type?.rawValue == gate }?.status?.rawValue != "True" }
            if let gate = pending.first {
                let ready = conditions.first { $0.type?.rawValue == "Ready" }
                let controller = gate.contains("elbv2.k8s.aws") ? "the aws-load-balancer-controller (kube-system)"
                    : gate.contains("cloud.google.com") ? "the GKE NEG controller" : "the controller that owns it"
                candidates.append(Candidate(finding: Finding(
                    cause: .readinessGatePending, severity: .critical, confidence: .high, container: nil,
                    title: "pod \(context.name) is not ready: readiness gate \(gate) is not true",
                    explanation: "All containers are ready, but spec.readinessGates requires condition \(gate), which " +
                        (conditions.contains { $0.type?.rawValue == gate } ? "is false" : "is missing") + ". An external controller (e.g. a load balancer controller) sets it.",
                    evidence: [Evidence(source: "spec", ref: "spec.readinessGates", text: gates.joined(separator: ", ")),
                               Evidence(source: "status", ref: "status.conditions[\(gate)]", text: conditions.first { $0.type?.rawValue == gate }?.status?.rawValue ?? "missing")]
                        + (ready.map { [Evidence(source: "status", ref: "status.conditions[Ready]", text: "\($0.status?.rawValue ?? "") \($0.reason ?? "")")] } ?? []),
                    fix: Fix(summary: "Check \(controller): condition \(gate) is set by it (its logs and the resources it manages for this pod).",
                             commands: ["kubectl get pod \(sh(context.name))\(context.ns) -o jsonpath='{.status.conditions}'"])
                ), slot: .pod, rank: 80))
            }
        }
        return candidates
    }
}
