import Foundation
import KubeModel

/// The node could not set the pod up: `volume-mount-failed` (FailedMount/FailedAttachVolume for a
/// claim or CSI volume), `sandbox-failed` (FailedCreatePodSandBox: CNI, runtime) and
/// `runtime-error` (CreateContainerError/StartError from the runtime itself).
enum RuntimeSetupRule: DiagnosisRule {
    static func evaluate(_ context: DiagnosisContext) -> [Candidate] {
        var candidates: [Candidate] = []
        let node = context.pod.spec?.nodeName ?? "?"
        // Only while nothing has started: an old, transient mount or sandbox event on a pod that got
        // further is not its cause.
        let started = context.containers.contains { $0.running != nil || $0.lastTermination != nil
            || ($0.waiting?.reason.map { $0 != "ContainerCreating" && $0 != "PodInitializing" } ?? false) }
        let creating = !started
        // A young pod's first sandbox or mount error is often transient (CNI still starting, a volume still
        // detaching from the old pod of a rollout): a warning until the pod has waited past the grace.
        // Repeated events, or the kubelet's own "timed out" after its 2-minute mount wait, are no longer transient.
        func setupSeverity(_ event: Event) -> Severity {
            let settled = (context.health.age ?? .infinity) >= PodHealth.pendingGrace || event.count >= 3
                || (event.message ?? "").lowercased().contains("timed out")
            return settled ? .critical : .warning
        }
        if let sandbox = context.events(reasons: ["FailedCreatePodSandBox"]).last, creating {
            candidates.append(Candidate(finding: Finding(
                cause: .sandboxFailed, severity: setupSeverity(sandbox), confidence: .high, container: nil,
                title: "pod \(context.name) cannot start on node \(node): the runtime cannot create its sandbox (network)",
                explanation: "The container runtime failed to create the pod's sandbox, usually because the CNI network plugin failed on node \(node). This is a node or network problem, not the app's.",
                evidence: [context.evidence(sandbox)],
                fix: Fix(summary: "Check the CNI plugin's pods and logs on node \(node) (and IP address exhaustion); cordon the node and let the pod move if it persists.",
                         commands: ["kubectl get pods -n kube-system -o wide --field-selector spec.nodeName=\(sh(node))",
                                    "kubectl cordon \(sh(node))", "kubectl delete pod \(sh(context.name))\(context.ns)"])
            ), slot: .pod, rank: 85))
        }
        let allMountEvents = context.events(reasons: ["FailedMount", "FailedAttachVolume"])
        // A missing ConfigMap or Secret volume is ConfigReferenceRule's finding.
        let referencesMissingObject = allMountEvents.contains { event in
            ConfigReferenceRule.parse(event.message ?? "").map { !ConfigReferenceRule.exists($0, context) } ?? false
        }
        let mountEvents = allMountEvents.filter { ConfigReferenceRule.parse($0.message ?? "") == nil }
        if !referencesMissingObject, let mount = mountEvents.last, creating {
            let claims = (context.pod.spec?.volumes ?? []).compactMap { $0.persistentVolumeClaim?.claimName }
            let message = mount.message ?? ""
            let claim = claims.first { message.contains($0) } ?? claims.first
            var evidence = mountEvents.suffix(2).map(context.evidence)
            if let claim { evidence.append(Evidence(source: "spec", ref: "spec.volumes[].persistentVolumeClaim.claimName", text: claim)) }
            let multiAttach = mountEvents.contains { ($0.message ?? "").contains("Multi-Attach") }
            var summary = "Check the claim, its StorageClass and the volume's attachment" + (claim.map { " (kubectl describe pvc \(sh($0)))" } ?? "") +
                "; a volume still attached to another node must be released first."
            if multiAttach {
                summary = "The volume" + (claim.map { " of claim \($0)" } ?? "") + " is ReadWriteOnce and still attached to another pod's node: " +
                    (context.topOwner?.kind == "Deployment" ? "use the Recreate strategy so the old pod releases it before the new one starts, " : "") +
                    "or delete the pod that holds it."
            }
            candidates.append(Candidate(finding: Finding(
                cause: .volumeMountFailed, severity: setupSeverity(mount), confidence: .high, container: nil,
                title: "pod \(context.name) is stuck in ContainerCreating: a volume cannot be " + (mount.reason == "FailedAttachVolume" ? "attached" : "mounted"),
                explanation: "The kubelet on node \(node) cannot \(mount.reason == "FailedAttachVolume" ? "attach" : "mount") a volume" +
                    (claim.map { " (claim \($0))" } ?? "") + ": \(message)",
                evidence: evidence,
                fix: Fix(summary: summary,
                         commands: (claim.map { ["kubectl describe pvc \(sh($0))\(context.ns)"] } ?? []) + ["kubectl get volumeattachments"]
                            + (multiAttach && context.topOwner?.kind == "Deployment"
                                ? ["kubectl patch \(context.workloadTarget)\(context.ns) -p '{\"spec\":{\"strategy\":{\"type\":\"Recreate\",\"rollingUpdate\":null}}}'"] : []))
            ), slot: .pod, rank: 84))
        }
        for container in context.containers {
            guard let reason = container.waiting?.reason, reason == "CreateContainerError" || reason == "RunContainerError",
                  let message = container.waiting?.message else { continue }
            let lower = message.lowercased()
            // Start errors of the app's own command belong to StartErrorRule.
            if lower.contains("executable file not found") || lower.contains("chdir") || lower.contains("permission denied")
                || lower.contains("exec format") { continue }
            candidates.append(Candidate(finding: Finding(
                cause: .runtimeError, severity: .critical, confidence: .medium, container: container.name,
                title: "container \(container.name) cannot be created: the container runtime on node \(node) fails",
                explanation: "The runtime itself reports an error (\(reason)): \(message). This is a node or runtime problem, not the application's.",
                evidence: [context.statusEvidence(container, "state.waiting.reason", reason), context.statusEvidence(container, "state.waiting.message", message)]
                    + context.events(reasons: ["Failed"], container: container).suffix(2).map(context.evidence),
                fix: Fix(summary: "Delete the pod so it is recreated (often elsewhere); if it repeats on node \(node), restart its container runtime or cordon it.",
                         commands: ["kubectl delete pod \(sh(context.name))\(context.ns)", "kubectl cordon \(sh(node))"])
            ), slot: .notStarted(container.name), rank: 70))
        }
        // The runtime failed to start the process for reasons of its own (cgroups, mounts, devices):
        // a StartError that is not the app's command, working directory or architecture.
        for container in context.containers where context.isFailing(container) {
            guard let terminated = container.lastTermination, ["StartError", "ContainerCannotRun"].contains(terminated.reason ?? ""),
                  let message = terminated.message, isRuntimeFault(message) else { continue }
            let field = container.status?.state?.terminated != nil ? "state.terminated" : "lastState.terminated"
            candidates.append(Candidate(finding: Finding(
                cause: .runtimeError, severity: context.deathSeverity(container) ?? .critical, confidence: .high, container: container.name,
                title: "container \(container.name) cannot be started by the container runtime on node \(node)",
                explanation: "The runtime failed while setting the container up (\(terminated.reason ?? "StartError"), exit code \(terminated.exitCode ?? 128)), " +
                    "before the application ran: the problem is in the node's runtime, cgroups, mounts or devices, not in the app. Its own words are in the evidence.",
                evidence: [context.statusEvidence(container, "\(field).reason", terminated.reason ?? "StartError"),
                           context.statusEvidence(container, "\(field).message", message)]
                    + context.events(reasons: ["Failed"], container: container).suffix(1).map(context.evidence),
                fix: Fix(summary: "Look at node \(node)'s runtime (its version, cgroup driver and the mounts or devices the message names); delete the pod so it is recreated, and cordon the node if it repeats there.",
                         commands: ["kubectl describe node \(sh(node))", "kubectl delete pod \(sh(context.name))\(context.ns)", "kubectl cordon \(sh(node))"])
            ), slot: .died(container.name), rank: 89))
        }
        return candidates
    }

    /// Whether a runtime message is about the runtime's own setup (cgroups, mounts, devices,
    /// disk) rather than the app's command, working directory or architecture.
    static func isRuntimeFault(_ message: String) -> Bool {
        let lower = message.lowercased()
        if ["executable file not found", "chdir to cwd", "exec format error", "exec: \""].contains(where: lower.contains) { return false }
        // A subPath or hostPath that is a file where a directory is mounted (or the reverse) is the spec's mistake.
        if ["not a directory", "are you trying to mount", "subpath"].contains(where: lower.contains) { return false }
        return ["cgroup", "mount", "device", "rootfs", "no space left", "read-only file system", "seccomp", "apparmor", "sysctl",
                "failed to reserve container name", "context deadline exceeded", "shim"].contains(where: lower.contains)
    }
}
