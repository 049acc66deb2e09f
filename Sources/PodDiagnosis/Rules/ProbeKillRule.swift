import Foundation
import KubeModel

/// `liveness-probe-kill` and `startup-probe-kill`: the kubelet killed a container because a probe
/// failed. The `Killing` event is the proof, whatever the exit code (137, 143, even 0). Then finds
/// out why the probe failed: wrong port or path, a timeout too short, or an app still starting.
enum ProbeKillRule: DiagnosisRule {
    static func evaluate(_ context: DiagnosisContext) -> [Candidate] {
        var candidates: [Candidate] = []
        for container in context.containers where context.isFailing(container) {
            if let kill = context.probeKill(container, probe: "startup"), let probe = container.spec.startupProbe {
                candidates.append(startupKill(context, container, kill, probe))
            } else if let kill = context.probeKill(container, probe: "liveness"), let probe = container.spec.livenessProbe {
                candidates.append(livenessKill(context, container, kill, probe))
            } else if let inferred = inferredKill(context, container) {
                candidates.append(inferred)
            }
        }
        return candidates
    }

    /// A probe kill whose `Killing` event is gone (events expire after an hour, or were not
    /// captured): exit 137 or 143 without `OOMKilled`, after an instance that lived as long as the
    /// probe allows (`initialDelaySeconds + failureThreshold × periodSeconds`, give or take a
    /// period, plus the grace period for the process to stop).
    static func inferredKill(_ context: DiagnosisContext, _ container: DiagnosisContext.ContainerView) -> Candidate? {
        guard let terminated = container.lastTermination, terminated.reason != "OOMKilled",
              let code = terminated.exitCode, code == 137 || code == 143,
              let lifetime = PodHealth.lifetime(terminated) else { return nil }
        let grace = Double(min(max(context.pod.spec?.terminationGracePeriodSeconds ?? 30, 0), 86_400))
        for (kind, probe) in [("startup", container.spec.startupProbe), ("liveness", container.spec.livenessProbe)] {
            guard let probe else { continue }
            let window = PodHealth.probeBudget(probe)
            let period = Double(min(max(probe.periodSeconds ?? 10, 1), 86_400))
            let probeGrace = probe.terminationGracePeriodSeconds.map { Double(min(max($0, 0), 86_400)) } ?? grace
            guard lifetime >= window - period, lifetime <= window + period + probeGrace + Double(probe.timeoutSeconds ?? 1) else { continue }
            var evidence = context.terminationEvidence(container)
            evidence.append(context.statusEvidence(container, container.status?.state?.terminated != nil ? "state.terminated" : "lastState.terminated", "lived \(format(lifetime)) s (\(terminated.startedAt?.description ?? "?") → \(terminated.finishedAt?.description ?? "?"))"))
            evidence.append(Evidence(source: "spec", ref: "\(container.specPath).\(kind)Probe",
                                     text: describe(probe) + "; it kills after \(format(window)) s"))
            evidence += context.events(reasons: ["Unhealthy"], container: container).filter { ($0.message ?? "").lowercased().hasPrefix(kind) }.suffix(2).map(context.evidence)
            let problem = problem(context, container, probe, kind: kind)
            let (explanation, summary, body) = advice(problem, probe: probe, container: container, probeKey: "\(kind)Probe")
            let cause: Cause = kind == "startup" ? .startupProbeKill : .livenessProbeKill
            let finding = Finding(
                cause: cause, severity: context.deathSeverity(container) ?? .critical, confidence: .medium, container: container.name,
                title: "container \(container.name) is most likely killed by its \(kind) probe",
                explanation: "Its last instance ended with exit code \(code) (SIGKILL or SIGTERM) without OOMKilled, after \(format(lifetime)) s: " +
                    "the time the \(kind) probe allows (\(format(window)) s) plus the grace period to stop. No Killing event confirms it " +
                    "(events expire after an hour, or were not captured). " + explanation,
                evidence: evidence,
                fix: Fix(summary: summary, commands: [context.applyPatchCommand(), "kubectl get events\(context.ns) --field-selector involvedObject.name=\(sh(context.name)),reason=Killing"],
                         yaml: context.containerPatch(container, body))
            )
            return Candidate(finding: finding, slot: .died(container.name), rank: 75)
        }
        return nil
    }

    /// Why a probe failed, from its spec, the container's ports and the `Unhealthy` messages.
    enum ProbeProblem {
        case wrongPort(probePort: String, containerPorts: [Int])
        case namedPortMissing(String)
        case wrongPath(path: String, status: String, suggestion: String?)
        case timeout(seconds: Int)
        case slowStart(seconds: Double?)
        /// The probe reaches the app, which answers an error status: it reports itself unhealthy.
        case unhealthyAnswer(path: String, status: String)
        case unknown
    }

    static func problem(_ context: DiagnosisContext, _ container: DiagnosisContext.ContainerView, _ probe: Probe, kind: String) -> ProbeProblem {
        let ports = container.spec.ports ?? []
        let port = probe.httpGet?.port ?? probe.tcpSocket?.port
        let messages = context.events(reasons: ["Unhealthy"], container: container).compactMap(\.message)
            .filter { $0.lowercased().hasPrefix(kind) }
        let lastMessage = (messages.last ?? "").lowercased()
        if case .string(let name)? = port, !ports.contains(where: { $0.name == name }) {
            return .namedPortMissing(name)
        }
        if case .int(let number)? = port, !ports.isEmpty, !ports.contains(where: { $0.containerPort == number }) {
            return .wrongPort(probePort: String(number), containerPorts: ports.compactMap(\.containerPort))
        }
        if let range = lastMessage.range(of: "statuscode: ") {
            let status = String(lastMessage[range.upperBound...].prefix { $0.isNumber })
            if status == "404" || status == "405" {
                let path = probe.httpGet?.path ?? "/"
                return .wrongPath(path: path, status: status, suggestion: servedHealthPath(context, container, instead: path, kind: kind))
            }
            if status.hasPrefix("5"), kind == "readiness" {
                return .unhealthyAnswer(path: probe.httpGet?.path ?? "/", status: status)
            }
        }
        let startup = context.crashLog(container).flatMap { context.analysis($0.text).reportedStartupSeconds }
            ?? context.log(container, previous: false).flatMap { context.analysis($0).reportedStartupSeconds }
        let budget = Double(probe.initialDelaySeconds ?? 0) + Double(probe.failureThreshold ?? 3) * Double(probe.periodSeconds ?? 10)
        if let startup, startup > budget { return .slowStart(seconds: startup) }
        if lastMessage.contains("deadline exceeded") || lastMessage.contains("timeout") || lastMessage.contains("timed out") {
            return .timeout(seconds: min(max(probe.timeoutSeconds ?? 1, 1), 86_400))
        }
        if lastMessage.contains("connection refused"), container.spec.startupProbe == nil, kind != "readiness" {
            return .slowStart(seconds: startup)
        }
        return .unknown
    }

    private static func livenessKill(
        _ context: DiagnosisContext, _ container: DiagnosisContext.ContainerView, _ kill: Event, _ probe: Probe
    ) -> Candidate {
        var evidence = [context.evidence(kill)]
        evidence += context.events(reasons: ["Unhealthy"], container: container).filter { ($0.message ?? "").hasPrefix("Liveness") }.suffix(2).map(context.evidence)
        evidence += context.terminationEvidence(container)
        evidence.append(Evidence(source: "spec", ref: "\(container.specPath).livenessProbe", text: describe(probe)))
        let problem = problem(context, container, probe, kind: "liveness")
        let (explanation, summary, body) = advice(problem, probe: probe, container: container, probeKey: "livenessProbe")
        if case .slowStart = problem, let startup = startupLine(context, container) { evidence.append(startup) }
        let exit = container.lastTermination?.exitCode.map { " (exit code \($0))" } ?? ""
        let finding = Finding(
            cause: .livenessProbeKill, severity: context.deathSeverity(container) ?? .critical, confidence: .high, container: container.name,
            title: "container \(container.name) is killed by its liveness probe",
            explanation: "The kubelet restarted \(container.name) because its liveness probe failed\(exit): \(kill.message ?? ""). " + explanation,
            evidence: evidence,
            fix: Fix(summary: summary, commands: [context.applyPatchCommand()], yaml: context.containerPatch(container, body))
        )
        return Candidate(finding: finding, slot: .died(container.name), rank: 100)
    }

    private static func startupKill(
        _ context: DiagnosisContext, _ container: DiagnosisContext.ContainerView, _ kill: Event, _ probe: Probe
    ) -> Candidate {
        var evidence = [context.evidence(kill)]
        evidence += context.events(reasons: ["Unhealthy"], container: container).filter { ($0.message ?? "").hasPrefix("Startup") }.suffix(2).map(context.evidence)
        evidence += context.terminationEvidence(container)
        // Bounded like the health model's budget, so absurd numbers from a file cannot trap.
        let period = min(max(probe.periodSeconds ?? 10, 1), 86_400)
        let threshold = min(max(probe.failureThreshold ?? 3, 1), 10_000)
        let budget = min(max(probe.initialDelaySeconds ?? 0, 0), 86_400) + period * threshold
        evidence.append(Evidence(source: "spec", ref: "\(container.specPath).startupProbe",
                                 text: "failureThreshold \(threshold) × periodSeconds \(period) = \(budget) s"))
        let measured = context.crashLog(container).flatMap { context.analysis($0.text).reportedStartupSeconds }
            ?? context.log(container, previous: false).flatMap { context.analysis($0).reportedStartupSeconds }
        if measured != nil, let startup = startupLine(context, container) { evidence.append(startup) }
        let needed = measured.map { DiagnosisContext.clampedInt(($0 * 1.5).rounded(.up), limit: 86_400) } ?? budget * 3
        let newThreshold = max(threshold + 1, DiagnosisContext.clampedInt((Double(needed) / Double(max(1, period))).rounded(.up), limit: 10_000))
        let finding = Finding(
            cause: .startupProbeKill, severity: context.deathSeverity(container) ?? .critical, confidence: .high, container: container.name,
            title: "container \(container.name) is killed by its startup probe before it finishes starting",
            explanation: "The startup probe allows \(budget) s (\(threshold) failures × \(period) s)" +
                (measured.map { ", but the app needs about \(format($0)) s to start" } ?? ", and the app does not answer within it") +
                ". The kubelet kills the container and it starts again from zero, forever.",
            evidence: evidence,
            fix: Fix(summary: "Give start-up \(newThreshold * period) s: set startupProbe.failureThreshold to \(newThreshold) (with periodSeconds \(period)).",
                     commands: [context.applyPatchCommand()],
                     yaml: context.containerPatch(container, ["startupProbe:", "  failureThreshold: \(newThreshold)", "  periodSeconds: \(period)"]))
        )
        return Candidate(finding: finding, slot: .died(container.name), rank: 100)
    }

    /// Explanation, fix summary and YAML body for a probe problem.
    static func advice(_ problem: ProbeProblem, probe: Probe, container: DiagnosisContext.ContainerView, probeKey: String)
        -> (String, String, [String]) {
        let portKey = probe.httpGet != nil ? "httpGet" : "tcpSocket"
        switch problem {
        case .wrongPort(let probePort, let ports):
            let right = ports.first.map(String.init) ?? "<the port the app listens on>"
            return ("The probe checks port \(probePort), but the container listens on \(ports.map(String.init).joined(separator: ", ")): nothing answers there.",
                    "Point the probe at the port the app listens on (\(right)).",
                    ["\(probeKey):", "  \(portKey):", "    port: \(right)"])
        case .namedPortMissing(let name):
            let right = container.spec.ports?.first?.containerPort.map(String.init) ?? "<the port the app listens on>"
            return ("The probe uses the named port \"\(name)\", which the container does not declare.",
                    "Use a port the container declares (\(right)), or name its port \"\(name)\".",
                    ["\(probeKey):", "  \(portKey):", "    port: \(right)"])
        case .wrongPath(let path, let status, let suggestion):
            return ("The probe's path \(path) answers \(status): the app does not serve it.",
                    "Point the probe at a path the app serves" + (suggestion.map { ": \($0) (the app's log shows it)." } ?? " (for example its health endpoint)."),
                    ["\(probeKey):", "  httpGet:", "    path: \(suggestion ?? "/healthz  # a path the app really serves")"])
        case .timeout(let seconds):
            let relaxed = max(5, seconds * 3)
            if probeKey == "livenessProbe" {
                if container.spec.startupProbe != nil {
                    return ("The probe times out after \(seconds) s: the app answers too slowly (check its CPU limit too).",
                            "Give the probe more time (timeoutSeconds \(relaxed)); the pod already has a startupProbe, so this is about the running app.",
                            ["\(probeKey):", "  timeoutSeconds: \(relaxed)", "  failureThreshold: 5"])
                }
                return ("The probe times out after \(seconds) s: the app answers too slowly, typically while it starts (check its CPU limit too).",
                        "Give the probe more time (timeoutSeconds \(relaxed)) and add a startupProbe so start-up is not judged by the liveness probe.",
                        ["\(probeKey):", "  timeoutSeconds: \(relaxed)", "  failureThreshold: 5", "startupProbe:"] + probeTarget(probe)
                            + ["  timeoutSeconds: \(relaxed)", "  periodSeconds: 10", "  failureThreshold: 12"])
            }
            return ("The probe times out after \(seconds) s: the app answers too slowly (check its CPU limit too).",
                    "Give the probe more time: timeoutSeconds \(relaxed), failureThreshold 5.",
                    ["\(probeKey):", "  timeoutSeconds: \(relaxed)", "  failureThreshold: 5"])
        case .slowStart(let seconds):
            let needed = DiagnosisContext.clampedInt(((seconds ?? 60) * 1.5).rounded(.up), limit: 86_400)
            let threshold = max(3, DiagnosisContext.clampedInt((Double(needed) / 10).rounded(.up), limit: 10_000))
            let measured = seconds.map { "The app needs about \(format($0)) s to start, " } ?? "The app is still starting when the probe begins, "
            // Never propose what the pod already has: an existing startupProbe needs a larger budget instead.
            if let startup = container.spec.startupProbe, probeKey != "startupProbe" {
                let period = min(max(startup.periodSeconds ?? 10, 1), 86_400)
                let larger = max(min(max(startup.failureThreshold ?? 3, 1), 10_000) + 1, DiagnosisContext.clampedInt((Double(needed) / Double(period)).rounded(.up), limit: 10_000))
                return (measured + "and its startupProbe (\(format(PodHealth.probeBudget(startup))) s) lets the \(probeKey == "readinessProbe" ? "readiness" : "liveness") probe judge it too early.",
                        "Raise the startupProbe's failureThreshold to \(larger) (with periodSeconds \(period)), so start-up gets \(larger * period) s.",
                        ["startupProbe:", "  failureThreshold: \(larger)", "  periodSeconds: \(period)"])
            }
            let probeName = probeKey.replacingOccurrences(of: "Probe", with: "")
            return (measured + "but the \(probeName) probe starts failing after \(probe.initialDelaySeconds ?? 0) s" +
                        (probeKey == "livenessProbe" ? " and kills it before it is ready." : ", before the app can answer."),
                    "Add a startupProbe that allows \(threshold * 10) s of start-up; the \(probeName) probe only begins once it succeeds.",
                    ["startupProbe:"] + probeTarget(probe) + ["  periodSeconds: 10", "  failureThreshold: \(threshold)"])
        case .unhealthyAnswer(let path, let status):
            return ("The probe reaches the app, and \(path) answers \(status): the app itself reports that it is not ready, usually because a check behind that endpoint (a database, a remote service) fails. The probe is right; what it checks is not.",
                    "Find out why \(path) answers \(status): the app's log names the check that fails; fix that dependency or its configuration rather than the probe.",
                    [])
        case .unknown:
            let target = probe.httpGet.map { " (\($0.path ?? "/") on port \($0.port.map { "\($0)" } ?? "?"))" } ?? ""
            return ("The probe keeps failing while the app runs.",
                    "Check the endpoint the probe calls\(target), and relax the probe while you investigate.",
                    ["\(probeKey):", "  failureThreshold: 5", "  timeoutSeconds: 5"])
        }
    }

    /// The probe's target lines (same handler), for a startupProbe copied from it.
    static func probeTarget(_ probe: Probe) -> [String] {
        if let http = probe.httpGet {
            return ["  httpGet:", "    path: \(http.path ?? "/")", "    port: \(http.port.map { "\($0)" } ?? "<the port the app listens on>")"]
        }
        if let tcp = probe.tcpSocket { return ["  tcpSocket:", "    port: \(tcp.port.map { "\($0)" } ?? "<the port the app listens on>")"] }
        if let exec = probe.exec { return ["  exec:", "    command: \(exec.command ?? [])"] }
        return []
    }

    /// A health-check path the app's log shows it serves (other than `path`), preferring one that
    /// fits the probe (`ready` for readiness, `live`/`health` for liveness).
    static func servedHealthPath(_ context: DiagnosisContext, _ container: DiagnosisContext.ContainerView, instead path: String, kind: String) -> String? {
        let text = [context.log(container, previous: false), context.log(container, previous: true)].compactMap { $0 }.joined(separator: "\n")
        guard let regex = try? NSRegularExpression(pattern: #"/(?:actuator/health(?:/\w+)?|readyz?|healthz?|livez?|health|status|ping)\b"#) else { return nil }
        var found: [String] = []
        for line in text.split(separator: "\n") where !line.contains(" 404") {
            let line = String(line)
            for match in regex.matches(in: line, range: NSRange(line.startIndex..., in: line)) {
                guard let range = Range(match.range, in: line) else { continue }
                let candidate = String(line[range])
                if candidate != path && !found.contains(candidate) { found.append(candidate) }
            }
        }
        let preferred = kind == "readiness" ? ["ready"] : ["live", "health"]
        return found.first { candidate in preferred.contains { candidate.contains($0) } } ?? found.first
    }

    /// The log line where the app reports its start-up time, as evidence.
    static func startupLine(_ context: DiagnosisContext, _ container: DiagnosisContext.ContainerView) -> Evidence? {
        for previous in [true, false] {
            guard let text = context.log(container, previous: previous), let startup = context.analysis(text).reportedStartup else { continue }
            return Evidence(source: "log", ref: "\(container.name) (\(previous ? "previous" : "current")), line \(startup.line): start-up took \(format(startup.seconds)) seconds",
                            text: startup.text)
        }
        return nil
    }

    /// `httpGet :8080/healthz, initialDelaySeconds 10, periodSeconds 10, timeoutSeconds 1, failureThreshold 3`.
    static func describe(_ probe: Probe) -> String {
        var target = "exec"
        if let http = probe.httpGet { target = "httpGet :\(http.port.map { "\($0)" } ?? "?")\(http.path ?? "")" }
        if let tcp = probe.tcpSocket { target = "tcpSocket :\(tcp.port.map { "\($0)" } ?? "?")" }
        if let grpc = probe.grpc { target = "grpc :\(grpc.port ?? 0)" }
        return "\(target), initialDelaySeconds \(probe.initialDelaySeconds ?? 0), periodSeconds \(probe.periodSeconds ?? 10), " +
            "timeoutSeconds \(probe.timeoutSeconds ?? 1), failureThreshold \(probe.failureThreshold ?? 3)"
    }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(DiagnosisContext.clampedInt(seconds)) : String(format: "%.1f", seconds)
    }
}
