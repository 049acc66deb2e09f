import Foundation
import KubeModel

/// `post-start-hook-failed`: the container's `postStart` hook failed, so the kubelet killed it.
enum LifecycleHookRule: DiagnosisRule {
    static func evaluate(_ context: DiagnosisContext) -> [Candidate] {
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
                cause: .postStartHookFailed, severity: .critical, confidence: .high, container: container.name,
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
