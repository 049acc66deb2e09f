import Foundation
import KubeModel

/// What PodDoctor cannot explain but will not call healthy: `unknown-waiting-reason` (a reason
/// this version does not know), `stuck-pending` (Pending or ContainerCreating far longer than its
/// events explain), `stuck-terminating` (still there past its grace period) and
/// `container-not-ready` (running, not ready, no probe explains it). Each is a warning that says
/// what is known and what is not.
enum StuckStateRule: DiagnosisRule {
    static func evaluate(_ context: DiagnosisContext) -> [Candidate] {
        var candidates: [Candidate] = []
        if case .stuckTerminating(let since) = context.health.phase { candidates.append(terminating(context, since: since)) }
        if context.health.isTerminating || context.isFinished { return candidates }
        for container in context.containers {
            switch context.health(container)?.state {
            case .unknownWaiting(let reason)?:
                let message = container.waiting?.message ?? ""
                candidates.append(Candidate(finding: Finding(
                    cause: .unknownWaitingReason, severity: .warning, confidence: .low, container: container.name,
                    title: "container \(container.name) waits with reason \(reason), which PodDoctor does not know",
                    explanation: "The kubelet keeps \(container.name) from running with reason \(reason)" +
                        (message.isEmpty ? " and no message" : "") + ". PodDoctor has no rule for it (a newer kubelet or runtime may use it), " +
                        "so it cannot say whether this will pass by itself; the message and the events are what is known.",
                    evidence: [context.statusEvidence(container, "state.waiting.reason", reason)]
                        + (message.isEmpty ? [] : [context.statusEvidence(container, "state.waiting.message", message)])
                        + context.events(for: container).filter { $0.type?.rawValue == "Warning" }.suffix(2).map(context.evidence),
                    fix: Fix(summary: "Read the reason and message as the kubelet wrote them, and the pod's events; search the reason in the kubelet's and the runtime's documentation.",
                             commands: ["kubectl describe pod \(sh(context.name))\(context.ns)"])
                ), slot: .notStarted(container.name), rank: 20))
            case .notReadyUnexplained?:
                candidates.append(Candidate(finding: Finding(
                    cause: .containerNotReady, severity: .warning, confidence: .low, container: container.name,
                    title: "container \(container.name) runs but is not ready, and it has no probe that explains why",
                    explanation: "The kubelet reports ready=false for \(container.name) although it runs and declares no readiness or startup probe. " +
                        "Without a probe the kubelet normally marks it ready at once: its status may be stale (a node that stopped reporting) or set by something PodDoctor does not read.",
                    evidence: [context.statusEvidence(container, "ready", "false"),
                               Evidence(source: "spec", ref: "\(container.specPath).readinessProbe", text: "(not set)")],
                    fix: Fix(summary: "Check the node's status and the pod's conditions; if they are current, describe the pod for what holds readiness back.",
                             commands: ["kubectl describe pod \(sh(context.name))\(context.ns)"]
                                + (context.pod.spec?.nodeName.map { ["kubectl get node \(sh($0))"] } ?? []))
                ), slot: .notReady(container.name), rank: 15))
            default:
                break
            }
        }
        if let stuck = pending(context) { candidates.append(stuck) }
        return candidates
    }

    /// A pod that has waited to start longer than its events explain.
    private static func pending(_ context: DiagnosisContext) -> Candidate? {
        guard context.health.phase == .pending, let age = context.health.age, age >= PodHealth.pendingGrace,
              context.health.containers.allSatisfy({ container in
                  switch container.state {
                  case .creating, .completed, .initializing: return true
                  default: return false
                  }
              })
        else { return nil }
        // The pod's own events: its node's (image GC, reboots) do not explain why this pod waits.
        let newest = context.events.last { $0.involvedObject.kind != "Node" }
        if let seen = newest?.lastSeen, context.now.timeIntervalSince(seen) < PodHealth.explainedPendingGrace { return nil }
        let status = PodStatusColumn.status(of: context.pod)
        var evidence = [Evidence(source: "status", ref: "kubectl STATUS", text: status),
                        Evidence(source: "object", ref: "metadata.creationTimestamp", text: "\(context.pod.metadata.creationTimestamp?.description ?? "?") (\(DiagnosisContext.age(age)) ago)")]
        if let newest { evidence.append(context.evidence(newest)) } else {
            evidence.append(Evidence(source: "event", ref: "events", text: "none (they expire after an hour, or were not captured)"))
        }
        let node = context.pod.spec?.nodeName
        return Candidate(finding: Finding(
            cause: .stuckPending, severity: .warning, confidence: .low, container: nil,
            title: "pod \(context.name) has been \(status) for \(DiagnosisContext.age(age)) and no recent event says why",
            explanation: "A pod normally starts within minutes. " +
                (newest == nil ? "There are no events about it" : "Its newest event is \(DiagnosisContext.age(context.now.timeIntervalSince(newest?.lastSeen ?? context.now))) old") +
                ", so PodDoctor cannot tell what it waits for" + (node.map { " on node \($0)" } ?? " (it has no node yet)") + ".",
            evidence: evidence,
            fix: Fix(summary: "Describe the pod and look at its node's kubelet and runtime" + (node.map { " (\($0))" } ?? "") + "; deleting the pod lets its controller try again.",
                     commands: ["kubectl describe pod \(sh(context.name))\(context.ns)"] + (node.map { ["kubectl describe node \(sh($0))"] } ?? []))
        ), slot: .pod, rank: 10)
    }

    private static func terminating(_ context: DiagnosisContext, since: Date) -> Candidate {
        let finalizers = context.pod.metadata.finalizers ?? []
        let node = context.pod.spec?.nodeName
        let nodeReady = context.evidence.node.object?.status?.conditions?.first { $0.type?.rawValue == "Ready" }?.status?.rawValue
        var evidence = [Evidence(source: "object", ref: "metadata.deletionTimestamp",
                                 text: "\(Time(since).description) (\(DiagnosisContext.age(context.now.timeIntervalSince(since))) ago, grace period included)")]
        if !finalizers.isEmpty { evidence.append(Evidence(source: "object", ref: "metadata.finalizers", text: finalizers.joined(separator: ", "))) }
        if let node, let nodeReady { evidence.append(Evidence(source: "node", ref: "node \(node).status.conditions[Ready]", text: nodeReady)) }
        let why: String
        if !finalizers.isEmpty {
            why = "Finalizer \(finalizers.joined(separator: ", ")) is still set: the controller that owns it has not finished its cleanup."
        } else if nodeReady != nil && nodeReady != "True" {
            why = "Its node \(node ?? "?") is not ready, so no kubelet confirms that the containers stopped."
        } else {
            why = "Neither a finalizer nor the node explains it; the kubelet on \(node ?? "its node") has not confirmed that the containers stopped."
        }
        return Candidate(finding: Finding(
            cause: .stuckTerminating, severity: .warning, confidence: finalizers.isEmpty ? .low : .high, container: nil,
            title: "pod \(context.name) has been terminating for \(DiagnosisContext.age(context.now.timeIntervalSince(since))) past its grace period",
            explanation: why,
            evidence: evidence,
            fix: Fix(summary: finalizers.isEmpty
                        ? "Check the node and its kubelet; only when the node is gone for good, force the deletion."
                        : "Find the controller that owns finalizer \(finalizers[0]) and why it is stuck; remove the finalizer only if that controller is gone.",
                     commands: ["kubectl get pod \(sh(context.name))\(context.ns) -o jsonpath='{.metadata.finalizers}'"]
                        + (node.map { ["kubectl describe node \(sh($0))"] } ?? []))
        ), slot: .pod, rank: 60)
    }
}
