import Foundation
import KubeModel

/// `failing-on-one-node`: pods of the same workload fail only on some nodes (architecture, taints,
/// pressure), while others run.
enum NodeSpreadRule: DiagnosisRule {
    static func evaluate(_ context: DiagnosisContext) -> [Candidate] {
        guard context.containers.contains(where: context.isCrashing), let node = context.pod.spec?.nodeName,
              !context.evidence.siblingPods.isEmpty else { return [] }
        let healthy = context.evidence.siblingPods.filter { pod in
            pod.status?.phase?.rawValue == "Running" && (pod.status?.containerStatuses ?? []).allSatisfy { $0.ready == true && ($0.state?.running != nil) }
        }
        let healthyIDs = Set(healthy.compactMap { $0.metadata.uid ?? $0.metadata.name })
        let failingNodes = Set(([context.pod] + context.evidence.siblingPods.filter { !healthyIDs.contains($0.metadata.uid ?? $0.metadata.name ?? "") })
            .compactMap { $0.spec?.nodeName })
        let healthyNodes = Set(healthy.compactMap { $0.spec?.nodeName })
        guard !healthy.isEmpty, failingNodes.isDisjoint(with: healthyNodes) else { return [] }
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
            explanation: "\(DiagnosisContext.count(healthy.count, "pod")) of the same workload run\(healthy.count == 1 ? "s" : "") on \(healthyNodes.sorted().joined(separator: ", ")), while this one fails on \(node).\(difference)",
            evidence: [Evidence(source: "object", ref: "pods by node", text: "failing: \(failingNodes.sorted().joined(separator: ", ")); healthy: \(healthyNodes.sorted().joined(separator: ", "))")],
            fix: Fix(summary: difference.isEmpty ? "Compare the nodes (labels, taints, conditions, architecture) and keep the workload off the failing ones until fixed."
                                                 : "Build a multi-architecture image, or pin the workload to \(healthyArch.sorted().joined(separator: ", ")) nodes with a nodeSelector on kubernetes.io/arch.",
                     commands: ["kubectl get nodes -L kubernetes.io/arch"])
        ), slot: .context("failing-on-one-node"), rank: 25)]
    }
}
