import Foundation
import KubeModel

/// The pod runs but is never ready: `readiness-probe-failing` (Unhealthy readiness events) and
/// `readiness-gate-pending` (containers ready, a `readinessGates` condition missing or false).
enum ReadinessRule: DiagnosisRule {
    static func evaluate(_ context: DiagnosisContext) -> [Candidate] {
        guard context.pod.status?.phase?.rawValue == "Running", !context.isFinished else { return [] }
        var candidates: [Candidate] = []
        for container in context.regularContainers where container.running != nil && container.status?.ready != true {
            let unhealthy = context.events(reasons: ["Unhealthy"], container: container).filter { ($0.message ?? "").hasPrefix("Readiness") }
            guard let last = unhealthy.last, let probe = container.spec.readinessProbe else { continue }
            let problem = ProbeKillRule.problem(context, container, probe, kind: "readiness")
            let (explanation, summary, body) = ProbeKillRule.advice(problem, probe: probe, container: container, probeKey: "readinessProbe")
            candidates.append(Candidate(finding: Finding(
                cause: .readinessProbeFailing, severity: .critical, confidence: .high, container: container.name,
                title: "container \(container.name) runs but never becomes ready: its readiness probe fails",
                explanation: "The readiness probe keeps failing (\(last.message ?? "")), so the pod receives no traffic from its Services. " + explanation,
                evidence: unhealthy.suffix(2).map(context.evidence) + [
                    context.statusEvidence(container, "ready", "false"),
                    Evidence(source: "spec", ref: "\(container.specPath).readinessProbe", text: ProbeKillRule.describe(probe)),
                ],
                fix: Fix(summary: summary, commands: [context.applyPatchCommand()], yaml: context.containerPatch(container, body))
            ), slot: .died(container.name), rank: 70))
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
                             commands: ["kubectl get pod \(context.name)\(context.ns) -o jsonpath='{.status.conditions}'"])
                ), slot: .pod, rank: 80))
            }
        }
        return candidates
    }
}
