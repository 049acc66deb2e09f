import KubeModel

/// A finding a rule proposes, with the question it answers and how decisive its evidence is.
///
/// Several rules may explain the same death of a container (exit 137: OOM, or a liveness kill?);
/// the engine keeps, for each question, the candidate with the highest rank.
struct Candidate {
    /// The question a finding answers.
    enum Slot: Hashable {
        /// Why this container's process died.
        case died(String)
        /// Why this container never started (image, config, runtime).
        case notStarted(String)
        /// Why this running container is not ready.
        case notReady(String)
        /// Why the pod as a whole is not scheduled, running or ready.
        case pod
        /// Context that sharpens a cause; always kept.
        case context(String)
    }

    var finding: Finding
    var slot: Slot
    /// 0-100: 100 is proof (a `Killing` event), 40 a generic guess.
    var rank: Int
}

/// A family of rules: looks at the context and proposes findings.
protocol DiagnosisRule {
    static func evaluate(_ context: DiagnosisContext) -> [Candidate]
}

extension DiagnosisContext {
    /// Evidence for a status field.
    func statusEvidence(_ container: ContainerView, _ field: String, _ value: String) -> Evidence {
        Evidence(source: "status", ref: "\(container.statusPath).\(field)", text: value)
    }

    /// Evidence for a log line.
    func logEvidence(_ container: ContainerView, previous: Bool, line: Int, text: String) -> Evidence {
        Evidence(source: "log", ref: "\(container.name) (\(previous ? "previous" : "current")), line \(line)", text: Redact.line(text))
    }

    /// The evidence of a container's last termination: reason and exit code.
    func terminationEvidence(_ container: ContainerView) -> [Evidence] {
        guard let terminated = container.lastTermination else { return [] }
        let field = container.status?.state?.terminated != nil ? "state.terminated" : "lastState.terminated"
        var evidence: [Evidence] = []
        if let reason = terminated.reason { evidence.append(statusEvidence(container, "\(field).reason", reason)) }
        if let code = terminated.exitCode { evidence.append(statusEvidence(container, "\(field).exitCode", String(code))) }
        if let message = terminated.message, !message.isEmpty {
            evidence.append(statusEvidence(container, "\(field).message", message))
        }
        return evidence
    }

    /// `kubectl logs POD -c C --previous -n NS`.
    func logsCommand(_ container: ContainerView, previous: Bool = true) -> String {
        "kubectl logs \(sh(name)) -c \(sh(container.name))\(previous ? " --previous" : "")\(ns)"
    }

    /// A YAML patch of this container, nested under the workload's pod template when there is one.
    func containerPatch(_ container: ContainerView, _ body: [String]) -> String {
        let listKey = container.kind == .regular ? "containers" : "initContainers"
        var lines: [String] = []
        var indent = ""
        if hasWorkload {
            if topOwner?.kind == "CronJob" {
                lines += ["spec:", "  jobTemplate:", "    spec:", "      template:", "        spec:"]
                indent = "          "
            } else {
                lines += ["spec:", "  template:", "    spec:"]
                indent = "      "
            }
        } else {
            lines += ["spec:"]
            indent = "  "
        }
        lines.append("\(indent)\(listKey):")
        lines.append("\(indent)- name: \(container.name)")
        lines += body.map { "\(indent)  \($0)" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// How to apply a template patch: `kubectl patch` for a workload, recreate for a bare pod.
    func applyPatchCommand() -> String {
        if hasWorkload {
            return "kubectl patch \(workloadTarget)\(ns) --patch-file fix.yaml"
        }
        return "kubectl get pod \(sh(name))\(ns) -o yaml > pod.yaml  # edit it as shown, then: kubectl replace --force -f pod.yaml"
    }
}
