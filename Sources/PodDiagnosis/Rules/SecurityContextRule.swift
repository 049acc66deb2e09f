import Foundation
import KubeModel

/// `run-as-non-root-violation`: `runAsNonRoot: true`, and the image runs as root (or as a
/// non-numeric user the kubelet cannot verify).
enum SecurityContextRule: DiagnosisRule {
    static func evaluate(_ context: DiagnosisContext) -> [Candidate] {
        context.containers.compactMap { container -> Candidate? in
            guard container.waiting?.reason == "CreateContainerConfigError",
                  let message = container.waiting?.message, message.contains("runAsNonRoot") else { return nil }
            let nonNumeric = message.contains("non-numeric user")
            var evidence = [context.statusEvidence(container, "state.waiting.reason", "CreateContainerConfigError"),
                            context.statusEvidence(container, "state.waiting.message", message)]
            evidence.append(Evidence(source: "spec", ref: "securityContext.runAsNonRoot", text: "true"))
            let finding = Finding(
                cause: .runAsNonRootViolation, severity: .critical, confidence: .high, container: container.name,
                title: "container \(container.name) cannot start: runAsNonRoot is set but the image " + (nonNumeric ? "names its user by name" : "runs as root"),
                explanation: nonNumeric
                    ? "The image's USER is a name, so the kubelet cannot prove it is not root."
                    : "The pod requires a non-root user, and \(container.spec.image ?? "the image") starts as root (UID 0).",
                evidence: evidence,
                fix: Fix(summary: "Run as a non-root UID: set securityContext.runAsUser (e.g. 10001), or use an image whose USER is a numeric non-root UID.",
                         commands: [context.applyPatchCommand()],
                         yaml: context.containerPatch(container, ["securityContext:", "  runAsUser: 10001", "  runAsNonRoot: true"]))
            )
            return Candidate(finding: finding, slot: .notStarted(container.name), rank: 93)
        }
    }
}
