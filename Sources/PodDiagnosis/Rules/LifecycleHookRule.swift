import Foundation
import KubeModel

/// `post-start-hook-failed`: the container's `postStart` hook failed, so the kubelet killed it;
/// `pre-stop-hook-failed`: its `preStop` hook failed when an instance was stopped (a warning: the
/// stop went on without the hook's clean-up).
enum LifecycleHookRule: DiagnosisRule {
    static func evaluate(_ context: DiagnosisContext) -> [Candidate] {
        postStart(context) + preStop(context)
    }

    static func preStop(_ context: DiagnosisContext) -> [Candidate] {
        context.containers.compactMap { container -> Candidate? in
            let failures = context.events(reasons: ["FailedPreStopHook"], container: container).filter {
                ($0.lastSeen).map { context.now.timeIntervalSince($0) < PodHealth.recentWindow } ?? false
            }
            guard let last = failures.last, !context.isFinished else { return nil }
            let hook = container.spec.lifecycle?.preStop
            // When the stop it belongs to ended the last instance (SIGKILL/SIGTERM), the hook is why that death looks as it does.
            let stoppedByKubelet = [137, 143].contains(container.lastTermination?.exitCode ?? 0)
            let hookText = hook?.exec?.command?.joined(separator: " ") ?? hook?.httpGet.map { "httpGet \($0.path ?? "/") :\($0.port.map { "\($0)" } ?? "?")" } ?? "the hook"
            return Candidate(finding: Finding(
                cause: .preStopHookFailed, severity: stoppedByKubelet ? context.deathSeverity(container) ?? .warning : .warning, confidence: .high, container: container.name,
                title: "the preStop hook of container \(container.name) failed when an instance was stopped",
                explanation: "When the kubelet stopped \(container.name), its preStop hook (\(hookText)) failed (\(last.message ?? "")); the container was stopped without the hook's clean-up" +
                    (container.lastTermination?.exitCode == 137 ? ", and was killed at the end of its grace period (exit code 137)." : "."),
                evidence: failures.suffix(2).map(context.evidence) + context.terminationEvidence(container)
                    + [Evidence(source: "spec", ref: "\(container.specPath).lifecycle.preStop", text: hookText)],
                fix: Fix(summary: "Make the preStop hook `\(hookText)` exist in the image and finish well within terminationGracePeriodSeconds (\(context.pod.spec?.terminationGracePeriodSeconds ?? 30) s).",
                         commands: [context.logsCommand(container)])
            ), slot: stoppedByKubelet ? .died(container.name) : .context("pre-stop-hook/\(container.name)"), rank: 70)
        }
    }

    static func postStart(_ context: DiagnosisContext) -> [Candidate] {
        context.containers.compactMap { container -> Candidate? in
            let hookEvents = context.events(reasons: ["FailedPostStartHook"], container: container)
            let waitingReason = container.waiting?.reason
            guard context.isFailing(container) || waitingReason == "PostStartHookError" else { return nil }
            guard !hookEvents.isEmpty || waitingReason == "PostStartHookError"
                || container.lastTermination?.reason == "PostStartHookError" else { return nil }
            var evidence: [Evidence] = []
            if let waitingReason { evidence.append(context.statusEvidence(container, "state.waiting.reason", waitingReason)) }
            if let message = container.waiting?.message, !message.isEmpty { evidence.append(context.statusEvidence(container, "state.waiting.message", message)) }
            evidence += hookEvents.suffix(2).map(context.evidence)
            let hook = container.spec.lifecycle?.postStart
            let hookText = hook?.exec?.command?.joined(separator: " ") ?? hook?.httpGet.map { "httpGet \($0.path ?? "/") :\($0.port.map { "\($0)" } ?? "?")" } ?? "the hook"
            evidence.append(Evidence(source: "spec", ref: "\(container.specPath).lifecycle.postStart", text: hookText))
            let finding = Finding(
                cause: .postStartHookFailed, severity: context.deathSeverity(container) ?? .critical, confidence: .high, container: container.name,
                title: "container \(container.name) is killed because its postStart hook fails",
                explanation: "The kubelet runs the postStart hook (\(hookText)) right after starting the container; when it fails, the container is killed and restarted.",
                evidence: evidence,
                fix: Fix(summary: "Fix the postStart hook `\(hookText)` (it must exist in the image and exit 0), or remove the hook while you investigate.",
                         commands: [context.applyPatchCommand()],
                         yaml: context.containerPatch(container, ["lifecycle:", "  postStart: null  # or a command that exists and succeeds"]))
            )
            // The hook's failure is why the container dies: it answers the same question as an exit code.
            return Candidate(finding: finding, slot: .died(container.name), rank: 90)
        }
    }
}
