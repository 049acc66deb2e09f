import Foundation
import KubeModel

/// `rollout-regression`: the pod belongs to the newest ReplicaSet of a Deployment whose previous
/// revision was healthy. Shows what changed in the template and how to roll back.
enum RolloutRule: DiagnosisRule {
    static func evaluate(_ context: DiagnosisContext) -> [Candidate] {
        guard context.containers.contains(where: { container in
                  if context.isCrashing(container) { return true }
                  if case .blocked? = context.health(container)?.state { return true }
                  return false
              }),
              case .replicaSet(let current)? = context.evidence.owners.first,
              let deployment = context.evidence.owners.compactMap({ if case .deployment(let d) = $0 { return d } else { return nil } }).first,
              let currentRevision = revision(current)
        else { return [] }
        let previous = context.evidence.siblingReplicaSets
            .filter { $0.metadata.name != current.metadata.name && (revision($0) ?? 0) < currentRevision }
            .max { (revision($0) ?? 0) < (revision($1) ?? 0) }
        guard let previous, let previousRevision = revision(previous) else { return [] }
        let previousReady = previous.status?.readyReplicas ?? 0
        let siblings = context.evidence.siblings
        let previousPodsHealthy = siblings.indices.contains { position in
            siblings[position].metadata.ownerReferences?.contains { $0.name == previous.metadata.name } == true
                && siblings[position].status?.containerStatuses?.allSatisfy { $0.ready == true } == true
        }
        guard previousReady > 0 || previousPodsHealthy else { return [] }
        let changes = diff(previous.spec?.template?.spec, current.spec?.template?.spec)
        let name = deployment.metadata.name ?? "?"
        return [Candidate(finding: Finding(
            cause: .rolloutRegression, severity: .warning, confidence: .high, container: nil,
            title: "revision \(currentRevision) of deployment \(name) fails while revision \(previousRevision) was healthy",
            explanation: "The pod belongs to ReplicaSet \(current.metadata.name ?? "?") (revision \(currentRevision)); ReplicaSet \(previous.metadata.name ?? "?") " +
                "(revision \(previousRevision)) still has \(DiagnosisContext.count(previousReady, "ready pod")). The change between them is the likely cause" +
                (changes.isEmpty ? "." : ": " + changes.joined(separator: "; ") + "."),
            evidence: [Evidence(source: "object", ref: "replicaset/\(current.metadata.name ?? "?")", text: "revision \(currentRevision), ready \(current.status?.readyReplicas ?? 0)/\(current.status?.replicas ?? 0)"),
                       Evidence(source: "object", ref: "replicaset/\(previous.metadata.name ?? "?")", text: "revision \(previousRevision), ready \(previousReady)/\(previous.status?.replicas ?? 0)")]
                + changes.map { Evidence(source: "object", ref: "template diff", text: $0) },
            fix: Fix(summary: "Roll back to revision \(previousRevision) now, then fix the change and roll forward.",
                     commands: ["kubectl rollout undo deployment/\(sh(name)) -n \(sh(context.namespace)) --to-revision=\(previousRevision)",
                                "kubectl rollout history deployment/\(sh(name)) -n \(sh(context.namespace)) --revision=\(currentRevision)"])
        ), slot: .context("rollout-regression"), rank: 30)]
    }

    static func revision(_ replicaSet: ReplicaSet) -> Int? {
        replicaSet.metadata.annotations?["deployment.kubernetes.io/revision"].flatMap(Int.init)
    }

    /// What differs between two pod templates, container by container: image, command, args, env, resources.
    static func diff(_ old: PodSpec?, _ new: PodSpec?) -> [String] {
        var changes: [String] = []
        for container in new?.containers ?? [] {
            guard let before = old?.containers.first(where: { $0.name == container.name }) else {
                changes.append("container \(container.name ?? "?") added")
                continue
            }
            let name = container.name ?? "?"
            if before.image != container.image { changes.append("\(name) image \(before.image ?? "-") → \(container.image ?? "-")") }
            if before.command != container.command { changes.append("\(name) command \(before.command ?? []) → \(container.command ?? [])") }
            if before.args != container.args { changes.append("\(name) args \(before.args ?? []) → \(container.args ?? [])") }
            let oldEnv = Dictionary((before.env ?? []).map { ($0.name ?? "", envText($0)) }, uniquingKeysWith: { first, _ in first })
            let newEnv = Dictionary((container.env ?? []).map { ($0.name ?? "", envText($0)) }, uniquingKeysWith: { first, _ in first })
            for key in Set(oldEnv.keys).union(newEnv.keys).sorted() where oldEnv[key] != newEnv[key] {
                changes.append("\(name) env \(key): \(oldEnv[key] ?? "(unset)") → \(newEnv[key] ?? "(unset)")")
            }
            if before.resources != container.resources { changes.append("\(name) resources changed") }
            if before.livenessProbe != container.livenessProbe { changes.append("\(name) livenessProbe changed") }
        }
        return changes
    }

    static func envText(_ variable: EnvVar) -> String {
        if let value = variable.value { return Redact.isSecretName(variable.name ?? "") ? "<value hidden>" : Redact.line(value) }
        if let ref = variable.valueFrom?.configMapKeyRef { return "configmap \(ref.name ?? "?")/\(ref.key ?? "?")" }
        if let ref = variable.valueFrom?.secretKeyRef { return "secret \(ref.name ?? "?")/\(ref.key ?? "?")" }
        return "(from field)"
    }
}
