import Foundation
import KubeModel

/// `back-off`: where a crash-looping container stands in the kubelet's back-off (10 s doubling to
/// 5 min): the restart count, the current delay, when the next try comes, and how to reset it.
enum BackOffRule: DiagnosisRule {
    static func evaluate(_ context: DiagnosisContext) -> [Candidate] {
        context.containers.compactMap { container -> Candidate? in
            guard container.waiting?.reason == "CrashLoopBackOff" else { return nil }
            let message = container.waiting?.message ?? ""
            let delay = parseDelay(message) ?? min(300, 10 * pow(2, Double(max(1, container.restartCount) - 1)))
            var evidence = [context.statusEvidence(container, "state.waiting.message", message.isEmpty ? "CrashLoopBackOff" : message),
                            context.statusEvidence(container, "restartCount", String(container.restartCount))]
            var next = ""
            if let finished = container.status?.lastState?.terminated?.finishedAt?.date {
                let at = finished.addingTimeInterval(delay)
                let inSeconds = at.timeIntervalSince(context.now)
                next = inSeconds > 0 ? " The next restart is in about \(DiagnosisContext.age(inSeconds))." : " The next restart is due now."
                evidence.append(context.statusEvidence(container, "lastState.terminated.finishedAt", Time(finished).description))
            }
            if let backOff = context.events(reasons: ["BackOff"], container: container).last { evidence.append(context.evidence(backOff)) }
            return Candidate(finding: Finding(
                cause: .backOff, severity: .info, confidence: .high, container: container.name,
                title: "container \(container.name) has restarted \(DiagnosisContext.count(container.restartCount, "time")); the kubelet now waits \(format(delay)) between tries",
                explanation: "After each crash the kubelet doubles the wait before the next start (10s, 20s, 40s ... up to 5m).\(next) " +
                    "Deleting the pod resets the back-off; fixing the cause is what stops it.",
                evidence: evidence,
                fix: Fix(summary: "Fix the cause above; to retry at once after fixing it, delete the pod.",
                         commands: ["kubectl delete pod \(sh(context.name))\(context.ns)"])
            ), slot: .context("back-off/\(container.name)"), rank: 5)
        }
    }

    /// The delay of `back-off 2m40s restarting failed container=...` in seconds.
    static func parseDelay(_ message: String) -> Double? {
        let lower = message.lowercased()
        guard let range = lower.range(of: "back-off ") else { return nil }
        let token = lower[range.upperBound...].prefix { !$0.isWhitespace }
        guard let total = GoDuration.seconds(token) else { return nil }
        // The kubelet's back-off never exceeds 5 minutes.
        return total > 0 ? min(total, 300) : nil
    }

    static func format(_ seconds: Double) -> String {
        let whole = DiagnosisContext.clampedInt(seconds)
        return whole >= 60 ? "\(whole / 60)m\(whole % 60 == 0 ? "" : "\(whole % 60)s")" : "\(whole)s"
    }
}
