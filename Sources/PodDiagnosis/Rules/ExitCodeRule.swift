import Foundation
import KubeModel

/// What the exit code and the log say when nothing more specific does: `segfault` (139),
/// `exits-immediately` (exit 0 under `restartPolicy: Always`), `crash-no-logs` (died before writing
/// anything) and `app-error` (an exception or panic: the decisive line is quoted).
enum ExitCodeRule: DiagnosisRule {
    static func evaluate(_ context: DiagnosisContext) -> [Candidate] {
        context.containers.compactMap { container -> Candidate? in
            guard context.isFailing(container),
                  let terminated = container.lastTermination, let code = terminated.exitCode else { return nil }
            let crash = context.crashLog(container)
            let analysis = crash.map { context.analysis($0.text) }
            var evidence = context.terminationEvidence(container)

            if code == 139 || terminated.signal == 11 {
                if let line = analysis?.first(.segfault), let crash {
                    evidence.append(context.logEvidence(container, previous: crash.previous, line: line.line, text: line.text))
                }
                return Candidate(finding: Finding(
                    cause: .segfault, severity: context.deathSeverity(container) ?? .critical, confidence: .high, container: container.name,
                    title: "container \(container.name) crashes with a segmentation fault (exit code 139)",
                    explanation: "The process was killed by SIGSEGV: native code read or wrote memory it does not own. Typical causes are a native library built for another libc (Alpine musl vs glibc) or architecture, or a bug in native code.",
                    evidence: evidence,
                    fix: Fix(summary: "Run the image by hand to reproduce it, check native libraries match the base image (musl/glibc) and the node's architecture, and look for a core dump or stack trace.",
                             commands: [context.logsCommand(container), debugCommand(context, container)])
                ), slot: .died(container.name), rank: 86)
            }

            if code == 0 && container.kind == .regular && context.restartPolicy == "Always" {
                return Candidate(finding: Finding(
                    cause: .exitsImmediately, severity: context.deathSeverity(container) ?? .critical, confidence: .high, container: container.name,
                    title: "container \(container.name) exits successfully at once, and restartPolicy Always restarts it forever",
                    explanation: "The process finished with exit code 0 (reason \(terminated.reason ?? "Completed")) after " +
                        duration(terminated) + ". A Deployment's pod must run a long-lived process; a one-shot task belongs in a Job.",
                    evidence: evidence,
                    fix: Fix(summary: "Run a process that stays in the foreground (not a daemon that forks and exits, not a script that ends), or run this task as a Job/CronJob.",
                             commands: [context.logsCommand(container)])
                ), slot: .died(container.name), rank: 60)
            }
            guard code != 0 else { return nil }

            if let crash, analysis?.isEmpty ?? true {
                evidence.append(Evidence(source: "log", ref: "\(container.name) (\(crash.previous ? "previous" : "current"))", text: "(empty)"))
                return Candidate(finding: Finding(
                    cause: .crashNoLogs, severity: context.deathSeverity(container) ?? .critical, confidence: .medium, container: container.name,
                    title: "container \(container.name) exits with code \(code) before writing any log",
                    explanation: "The process died (exit code \(code)) without printing anything: the failure is in the entrypoint itself, a wrapper script, or something that runs before the app logs (an init step, a missing file or library).",
                    evidence: evidence,
                    fix: Fix(summary: "Start the image with a shell that sleeps and run the entrypoint by hand to see the error.",
                             commands: [debugCommand(context, container),
                                        "kubectl run \(sh(context.name))-shell --rm -it\(context.ns) --image=\(sh(container.spec.image ?? "<the image>")) --command -- sh"])
                ), slot: .died(container.name), rank: 50)
            }

            var explanation = "The process exited with code \(code)"
            if code == 137 { explanation += " (SIGKILL) without an OOMKilled reason or a probe kill: something outside killed it" }
            if code == 143 { explanation += " (SIGTERM)" }
            if let line = analysis?.decisiveLine, let crash {
                evidence.append(context.logEvidence(container, previous: crash.previous, line: line.number, text: line.text))
                explanation += ". The log shows why: \(Redact.line(line.text))"
            } else if crash == nil {
                explanation += "; its log could not be read"
            }
            return Candidate(finding: Finding(
                cause: .appError, severity: context.deathSeverity(container) ?? .critical, confidence: crash == nil ? .low : .medium, container: container.name,
                title: "container \(container.name) crashes with exit code \(code)" + (analysis?.decisiveLine.map { ": \(short(Redact.line($0.text)))" } ?? ""),
                explanation: explanation + ".",
                evidence: evidence,
                fix: Fix(summary: "Fix the error the application reports; read the whole log of the crashed instance.",
                         commands: [context.logsCommand(container)])
            ), slot: .died(container.name), rank: 40)
        }
    }

    /// `kubectl debug POD -it --copy-to=POD-debug --container=C -- sh`: a copy whose container sleeps.
    static func debugCommand(_ context: DiagnosisContext, _ container: DiagnosisContext.ContainerView) -> String {
        "kubectl debug \(sh(context.name))\(context.ns) -it --copy-to=\(sh(context.name))-debug --container=\(sh(container.name)) -- sh"
    }

    static func duration(_ terminated: ContainerStateTerminated) -> String {
        guard let start = terminated.startedAt?.date, let end = terminated.finishedAt?.date else { return "a short run" }
        return DiagnosisContext.age(end.timeIntervalSince(start))
    }

    static func short(_ text: String) -> String {
        text.count <= 120 ? text : String(text.prefix(117)) + "..."
    }
}
