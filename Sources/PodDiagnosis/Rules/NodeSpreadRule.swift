import Foundation
import KubeModel

/// `failing-on-one-node`: pods of the same workload fail only on some nodes (architecture, taints,
/// pressure), while others run.
enum NodeSpreadRule: DiagnosisRule {
    static func evaluate(_ context: DiagnosisContext) -> [Candidate] {
        guard context.containers.contains(where: context.isCrashing), let node = context.pod.spec?.nodeName,
              !context.evidence.siblings.isEmpty else { return [] }
        // Over the siblings by position, reading their fields in place (a workload may have thousands).
        let siblings = context.evidence.siblings
        var healthyNodes = Set<String>()
        var failingNodes: Set<String> = [node]
        var healthyCount = 0
        for position in siblings.indices {
            let healthy = siblings[position].status?.phase?.rawValue == "Running"
                && (siblings[position].status?.containerStatuses ?? []).allSatisfy { $0.ready == true && ($0.state?.running != nil) }
            if healthy { healthyCount += 1 }
            guard let node = siblings[position].spec?.nodeName else { continue }
            if healthy { healthyNodes.insert(node) } else { failingNodes.insert(node) }
        }
        guard healthyCount > 0, failingNodes.isDisjoint(with: healthyNodes) else { return [] }
        func architecture(_ name: String) -> String? {
            (context.evidence.nodes + [context.evidence.node.object].compactMap { $0 })
                .first { $0.metadata.name == name }?.status?.nodeInfo?.architecture
        }
        let failingArch = Set(failingNodes.compactMap(architecture))
        let healthyArch = Set(healthyNodes.compactMap(architecture))
        var difference = ""
        if !failingArch.isEmpty, !healthyArch.isEmpty, failingArch.isDisjoint(with: healthyArch) {
            difference = " The failing nodes are \(failingArch.sorted().joined(separator: ", ")), the healthy ones \(healthyArch.sorted().joined(separator: ", "))."
        }
        return [Candidate(finding: Finding(
            cause: .failingOnOneNode, severity: .warning, confidence: difference.isEmpty ? .medium : .high, container: nil,
            title: "the workload fails only on node\(failingNodes.count > 1 ? "s" : "") \(failingNodes.sorted().joined(separator: ", "))",
            explanation: "\(DiagnosisContext.count(healthyCount, "pod")) of the same workload run\(healthyCount == 1 ? "s" : "") on \(healthyNodes.sorted().joined(separator: ", ")), while this one fails on \(node).\(difference)",
            evidence: [Evidence(source: "object", ref: "pods by node", text: "failing: \(failingNodes.sorted().joined(separator: ", ")); healthy: \(healthyNodes.sorted().joined(separator: ", "))")],
            fix: Fix(summary: difference.isEmpty ? "Compare the nodes (labels, taints, conditions, architecture) and keep the workload off the failing ones until fixed."
                                                 : "Build a multi-architecture image, or pin the workload to \(healthyArch.sorted().joined(separator: ", ")) nodes with a nodeSelector on kubernetes.io/arch.",
                     commands: ["kubectl get nodes -L kubernetes.io/arch"])
        ), slot: .context("failing-on-one-node"), rank: 25)]
    }
}
