import Foundation
import KubeModel

/// The node failed the pod: `evicted` (pod `status.reason` Evicted) and `node-failure`
/// (NodeNotReady, NodeLost, every container Unknown/255, node conditions).
enum NodeHealthRule: DiagnosisRule {
    static func evaluate(_ context: DiagnosisContext) -> [Candidate] {
        let node = context.pod.spec?.nodeName ?? "?"
        if context.pod.status?.reason == "Evicted" {
            let message = context.pod.status?.message ?? ""
            var evidence = [Evidence(source: "status", ref: "status.reason", text: "Evicted"), Evidence(source: "status", ref: "status.message", text: message)]
            evidence += context.events(reasons: ["Evicted"]).suffix(1).map(context.evidence)
            let memory = message.lowercased().contains("memory")
            return [Candidate(finding: Finding(
                cause: .evicted, severity: .critical, confidence: .high, container: nil,
                title: "pod \(context.name) was evicted from node \(node): \(message)",
                explanation: "The kubelet evicted the pod to relieve pressure on node \(node). Pods using more than they request are evicted first.",
                evidence: evidence,
                fix: Fix(summary: memory ? "Set memory requests equal to real usage (and limits), so the pod is not the first evicted; check node \(node) for memory pressure."
                                        : "Set requests that match real usage and check node \(node)'s pressure conditions (disk, memory, PIDs).",
                         commands: ["kubectl describe node \(sh(node))", "kubectl delete pod \(sh(context.name))\(context.ns)  # evicted pods stay until deleted"])
            ), slot: .pod, rank: 92)]
        }
        // Graceful node shutdown (spot/preemptible nodes): the kubelet ended the pod on purpose; its controller replaces it.
        if context.pod.status?.phase?.rawValue == "Failed",
           ["Terminated", "Shutdown", "NodeShutdown"].contains(context.pod.status?.reason ?? "")
            || (context.pod.status?.message ?? "").lowercased().contains("node shutdown") {
            let message = context.pod.status?.message ?? ""
            return [Candidate(finding: Finding(
                cause: .nodeFailure, severity: context.hasWorkload ? .warning : .critical, confidence: .high, container: nil,
                title: "pod \(context.name) was ended by the shutdown of its node \(node)",
                explanation: "The kubelet on \(node) shut the pod down because the node itself was shutting down (\(message.isEmpty ? "graceful node shutdown" : message)). " +
                    (context.hasWorkload ? "Its controller creates a replacement elsewhere; this pod object is what remains." : "Nothing recreates a bare pod: run it again."),
                evidence: [Evidence(source: "status", ref: "status.reason", text: context.pod.status?.reason ?? ""),
                           Evidence(source: "status", ref: "status.message", text: message)],
                fix: Fix(summary: context.hasWorkload ? "Nothing to fix in the app; delete the leftover pod object when convenient, and spread replicas over nodes that are not shut down together."
                                                      : "Recreate the pod, or run it under a controller (Deployment, Job) that replaces it.",
                         commands: ["kubectl delete pod \(sh(context.name))\(context.ns)"])
            ), slot: .pod, rank: 92)]
        }
        guard !context.isFinished else { return [] }
        let nodeObject = context.evidence.node.object
        let ready = nodeObject?.status?.conditions?.first { $0.type?.rawValue == "Ready" }
        let nodeNotReady = ready.map { $0.status?.rawValue != "True" } ?? false
        let notReadyEvents = context.events(reasons: ["NodeNotReady", "NodeLost", "Rebooted"])
        // Containers that ended with their node: the kubelet reports reason Unknown (or ContainerStatusUnknown), not the app's own exit.
        let unknownContainers = context.regularContainers.filter { ["Unknown", "ContainerStatusUnknown"].contains($0.lastTermination?.reason ?? "") }
        let nodeDown = nodeNotReady || context.pod.status?.reason == "NodeLost"
        guard nodeDown || (!notReadyEvents.isEmpty && !unknownContainers.isEmpty) else { return [] }
        // A node that failed and came back, with the pod running since: a warning while recent, then history.
        guard let severity = nodeDown ? Severity.critical : unknownContainers.compactMap(context.deathSeverity).max() else { return [] }
        if severity != .critical {
            let death = unknownContainers.compactMap { $0.lastTermination?.finishedAt?.date }.max()
            let ago = death.map { DiagnosisContext.age(context.now.timeIntervalSince($0)) } ?? "recently"
            var evidence = notReadyEvents.suffix(2).map(context.evidence)
            for container in unknownContainers.prefix(2) { evidence += context.terminationEvidence(container) }
            if let ready { evidence.append(Evidence(source: "node", ref: "node \(node).status.conditions[Ready]", text: "\(ready.status?.rawValue ?? "?") \(ready.reason ?? "")")) }
            return [Candidate(finding: Finding(
                cause: .nodeFailure, severity: severity, confidence: .high, container: nil,
                title: "pod \(context.name) survived a failure of its node \(node) \(ago) ago",
                explanation: "Every container of the pod ended together with reason Unknown (exit code 255) when node \(node) failed or rebooted \(ago) ago; " +
                    "the node is back and the containers have run since. Nothing fails now; if it repeats, the node is the one to look at.",
                evidence: evidence,
                fix: Fix(summary: "Nothing to do for the pod; check why node \(node) rebooted (kernel, kubelet, maintenance) if it happens again.",
                         commands: ["kubectl describe node \(sh(node))", "kubectl get events -n default --field-selector involvedObject.name=\(sh(node))"])
            ), slot: .pod, rank: 93)]
        }
        var evidence: [Evidence] = []
        if let ready { evidence.append(Evidence(source: "node", ref: "node \(node).status.conditions[Ready]", text: "\(ready.status?.rawValue ?? "?") \(ready.reason ?? ""): \(ready.message ?? "")")) }
        evidence += notReadyEvents.suffix(1).map(context.evidence)
        for container in unknownContainers.prefix(2) { evidence += context.terminationEvidence(container) }
        return [Candidate(finding: Finding(
            cause: .nodeFailure, severity: .critical, confidence: nodeNotReady ? .high : .medium, container: nil,
            title: nodeNotReady ? "pod \(context.name) failed with its node \(node), which is not ready"
                                : "pod \(context.name) failed with its node \(node), which stopped reporting",
            explanation: "Node \(node) stopped reporting (Ready=\(ready?.status?.rawValue ?? "?")): its containers ended together. The application is not at fault.",
            evidence: evidence,
            fix: Fix(summary: "Investigate node \(node) (kubelet, runtime, network, resources); cordon it and delete the pod so it runs elsewhere.",
                     commands: ["kubectl describe node \(sh(node))", "kubectl cordon \(sh(node))", "kubectl delete pod \(sh(context.name))\(context.ns)"])
        ), slot: .pod, rank: 93)]
    }
}
