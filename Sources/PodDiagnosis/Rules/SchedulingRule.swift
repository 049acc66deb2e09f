import Foundation
import KubeModel

/// `unschedulable` (`PodScheduled=False`, `FailedScheduling`: compares requests with node
/// allocatable, names selectors, taints and claims) and `scheduling-gated`.
enum SchedulingRule: DiagnosisRule {
    /// The scheduler's verdict without its preemption postscript: `0/3 nodes are available: 3 Insufficient memory`.
    static func headline(_ message: String) -> String {
        var text = message
        if let range = text.range(of: " preemption:") { text = String(text[..<range.lowerBound]) }
        text = text.trimmingCharacters(in: .whitespaces)
        return text.hasSuffix(".") ? String(text.dropLast()) : text
    }

    static func evaluate(_ context: DiagnosisContext) -> [Candidate] {
        guard context.pod.spec?.nodeName == nil || context.pod.spec?.nodeName?.isEmpty == true else { return [] }
        let scheduled = context.pod.status?.conditions?.first { $0.type?.rawValue == "PodScheduled" }
        if scheduled?.reason == "SchedulingGated" || !(context.pod.spec?.schedulingGates ?? []).isEmpty {
            let gates = (context.pod.spec?.schedulingGates ?? []).compactMap(\.name)
            return [Candidate(finding: Finding(
                cause: .schedulingGated, severity: .critical, confidence: .high, container: nil,
                title: "pod \(context.name) waits for its scheduling gates: \(gates.joined(separator: ", "))",
                explanation: "The scheduler will not consider the pod until every entry of spec.schedulingGates is removed, normally by the controller that added it.",
                evidence: [Evidence(source: "spec", ref: "spec.schedulingGates", text: gates.joined(separator: ", "))] +
                    (scheduled.map { [Evidence(source: "status", ref: "status.conditions[PodScheduled]", text: "\($0.status?.rawValue ?? "") \($0.reason ?? "")")] } ?? []),
                fix: Fix(summary: "Find the controller that owns gate \(gates.first ?? "?") and why it has not released it; remove the gate only if that controller is gone.",
                         commands: ["kubectl get pod \(sh(context.name))\(context.ns) -o jsonpath='{.spec.schedulingGates}'"])
            ), slot: .pod, rank: 90)]
        }
        let failed = context.events(reasons: ["FailedScheduling"])
        guard scheduled?.status?.rawValue == "False" || !failed.isEmpty else { return [] }
        let message = failed.last?.message ?? scheduled?.message ?? ""
        var evidence: [Evidence] = []
        if let scheduled {
            // The event carries the same message: the condition is shown by its status and reason only.
            let sameMessage = failed.last?.message == scheduled.message
            evidence.append(Evidence(source: "status", ref: "status.conditions[PodScheduled]",
                                     text: "\(scheduled.status?.rawValue ?? "") \(scheduled.reason ?? "")" + (sameMessage ? "" : ": \(scheduled.message ?? "")")))
        }
        if let last = failed.last { evidence.append(context.evidence(last)) }
        var summary = "Change what the scheduler cannot satisfy."
        var details: [String] = []
        var commandsExtra: [String] = []
        let lower = message.lowercased()
        if lower.contains("insufficient memory") || lower.contains("insufficient cpu") {
            for container in context.regularContainers {
                if let memory = container.spec.resources?.memoryRequest { details.append("\(container.name) requests memory \(memory.string)") }
                if let cpu = container.spec.resources?.cpuRequest { details.append("\(container.name) requests cpu \(cpu.string)") }
            }
            let largest = context.evidence.nodes.compactMap { node -> (String, Quantity?, Quantity?) in
                (node.metadata.name ?? "?", node.status?.allocatable?["memory"], node.status?.allocatable?["cpu"])
            }
            for (name, memory, cpu) in largest.prefix(3) {
                details.append("node \(name) allocatable memory \(memory?.string ?? "?"), cpu \(cpu?.string ?? "?")")
            }
            summary = "Lower the requests to fit a node (" + details.prefix(2).joined(separator: "; ") + "), or add nodes large enough."
        } else if lower.contains("didn't match pod's node affinity/selector") || lower.contains("node affinity") {
            let selector = (context.pod.spec?.nodeSelector ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            details.append("nodeSelector \(selector.isEmpty ? "(affinity)" : selector)")
            summary = "No node carries the labels the pod asks for (\(selector.isEmpty ? "its node affinity" : selector)): fix the selector or label a node."
        } else if lower.contains("untolerated taint") || lower.contains("had taint") {
            summary = "Every node has a taint the pod does not tolerate: add the matching toleration, or schedule on untainted nodes."
        } else if lower.contains("unbound immediate persistentvolumeclaims") || lower.contains("persistentvolumeclaim") {
            var unbound: [String] = []
            for (name, lookup) in context.evidence.claims.sorted(by: { $0.key < $1.key }) {
                switch lookup {
                case .found(let claim) where claim.status?.phase?.rawValue != "Bound":
                    let storageClass = claim.spec?.storageClassName ?? "(default)"
                    unbound.append(name)
                    details.append("claim \(name) is \(claim.status?.phase?.rawValue ?? "Pending"), storageClassName \(storageClass)")
                case .absent:
                    unbound.append(name)
                    details.append("claim \(name) does not exist")
                default: break
                }
            }
            summary = "PersistentVolumeClaim \(unbound.isEmpty ? "of the pod" : unbound.joined(separator: ", ")) is not bound: " +
                (details.isEmpty ? "check its StorageClass and provisioner." : details.joined(separator: "; ") + ". Check that StorageClass exists and its provisioner runs.")
            if let first = unbound.first { commandsExtra.append("kubectl describe pvc \(sh(first))\(context.ns)") }
        } else if lower.contains("anti-affinity") || lower.contains("topology spread") {
            summary = "Anti-affinity or topology spread rules leave no node: relax them or add nodes in the missing zones."
        }
        if !details.isEmpty { evidence.append(Evidence(source: "spec", ref: "requests vs. nodes", text: details.joined(separator: "; "))) }
        // An autoscaler adding a node for the pod: normal life for a while, a warning until it lands.
        // A newer NotTriggerScaleUp/FailedScaleUp (max size reached, no group fits) means it gave up.
        let scaleUp = context.events(reasons: ["TriggeredScaleUp", "Nominated"]).last
        let gaveUp = context.events(reasons: ["NotTriggerScaleUp", "FailedScaleUp"]).last
        let cancelled = gaveUp.map { ($0.lastSeen ?? .distantPast) > (scaleUp?.lastSeen ?? .distantPast) } ?? false
        let scaling = !cancelled && (scaleUp?.lastSeen.map { context.now.timeIntervalSince($0) < PodHealth.scaleUpGrace } ?? false)
        // A pod the scheduler has only just tried to place (the autoscaler has not had its turn yet) is normal life.
        let placing = (context.health.age ?? .infinity) < PodHealth.pendingGrace
        if let gaveUp, cancelled { evidence.append(context.evidence(gaveUp)) }
        if let scaleUp { evidence.append(context.evidence(scaleUp)) }
        return [Candidate(finding: Finding(
            cause: .unschedulable, severity: scaling || placing ? .warning : .critical, confidence: .high, container: nil,
            title: "pod \(context.name) cannot be scheduled" + (scaling ? " yet; the autoscaler is adding a node" : "") + ": \(message.isEmpty ? "no node fits it" : headline(message))",
            explanation: "The scheduler found no node that satisfies the pod; its reasons are in the evidence below." +
                (scaling ? " An autoscaler has started adding capacity for it (\(scaleUp?.message ?? "")): wait for the new node, unless it keeps failing." : ""),
            evidence: evidence,
            fix: Fix(summary: (scaling ? "Wait a few minutes for the autoscaler's new node. If it does not come, or the pod does not fit it either: " : "") + summary,
                     commands: commandsExtra + ["kubectl describe nodes | grep -A5 Allocatable", "kubectl get events\(context.ns) --field-selector involvedObject.name=\(sh(context.name))"])
        ), slot: .pod, rank: 90)]
    }
}
