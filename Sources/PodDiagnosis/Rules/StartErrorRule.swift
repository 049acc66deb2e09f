import Foundation
import KubeModel

/// The process could not be started as specified: `command-not-found` (127, `StartError`
/// "executable file not found", a one-string `command`), `command-not-executable` (126, permission
/// denied), `working-dir-missing` (chdir failed) and `exec-format-error` (a binary for another CPU).
enum StartErrorRule: DiagnosisRule {
    static func evaluate(_ context: DiagnosisContext) -> [Candidate] {
        context.containers.compactMap { container in
            guard context.isFailing(container) else { return nil }
            return candidate(context, container)
        }
    }

    private static func candidate(_ context: DiagnosisContext, _ container: DiagnosisContext.ContainerView) -> Candidate? {
        let terminated = container.lastTermination
        let runtimeMessage = [terminated?.message, container.waiting?.message].compactMap { $0 }.joined(separator: " ")
        let lower = runtimeMessage.lowercased()
        // The runtime's own failures (cgroups, mounts, devices) are RuntimeSetupRule's.
        if ["StartError", "ContainerCannotRun"].contains(terminated?.reason ?? ""), RuntimeSetupRule.isRuntimeFault(terminated?.message ?? "") { return nil }
        let crash = context.crashLog(container)
        let analysis = crash.map { context.analysis($0.text) }
        let code = terminated?.exitCode
        var evidence = context.terminationEvidence(container)
        if let message = container.waiting?.message, !message.isEmpty, terminated?.message != message {
            evidence.append(context.statusEvidence(container, "state.waiting.message", message))
        }
        func logEvidence(_ match: LogAnalysis.Match?) {
            if let match, let crash { evidence.append(context.logEvidence(container, previous: crash.previous, line: match.line, text: match.text)) }
        }

        if lower.contains("exec format error") || analysis?.first(.execFormatError) != nil {
            logEvidence(analysis?.first(.execFormatError))
            return execFormat(context, container, evidence: evidence)
        }
        if lower.contains("chdir to cwd") || (lower.contains("chdir") && lower.contains("no such file")) {
            let dir = container.spec.workingDir ?? quoted(in: runtimeMessage) ?? "the working directory"
            evidence.append(Evidence(source: "spec", ref: "\(container.specPath).workingDir", text: dir))
            let finding = Finding(
                cause: .workingDirMissing, severity: context.deathSeverity(container) ?? .critical, confidence: .high, container: container.name,
                title: "container \(container.name) cannot start: its working directory \(dir) does not exist in the image",
                explanation: "The runtime could not change into workingDir \(dir) before starting the process.",
                evidence: evidence,
                fix: Fix(summary: "Set workingDir to a folder that exists in the image (check the Dockerfile's WORKDIR), or remove it.",
                         commands: [context.applyPatchCommand()],
                         yaml: context.containerPatch(container, ["workingDir: /app  # a folder that exists in \(container.spec.image ?? "the image")"]))
            )
            return Candidate(finding: finding, slot: .died(container.name), rank: 92)
        }
        let notFound = lower.contains("executable file not found") || lower.contains("no such file or directory") && terminated?.reason == "StartError"
        let shellNotFound = analysis?.first(.commandNotFound)
        if notFound || code == 127 || shellNotFound != nil {
            logEvidence(shellNotFound)
            return commandNotFound(context, container, evidence: evidence, runtimeMessage: runtimeMessage, shellLine: shellNotFound)
        }
        let denied = analysis?.first(.commandNotExecutable)
        if code == 126 || lower.contains("permission denied") || denied != nil {
            logEvidence(denied)
            let program = denied?.values["path"] ?? container.spec.command?.first ?? "the entrypoint"
            let finding = Finding(
                cause: .commandNotExecutable, severity: context.deathSeverity(container) ?? .critical, confidence: code == 126 || denied != nil ? .high : .medium,
                container: container.name,
                title: "container \(container.name) cannot run \(program): it is not executable",
                explanation: "Starting \(program) failed with \"permission denied\" (exit code \(code.map(String.init) ?? "126")): the file lacks the execute bit, or its interpreter cannot be run.",
                evidence: evidence,
                fix: Fix(summary: "Make \(program) executable in the image (`RUN chmod +x \(program)` in the Dockerfile), or call it through its interpreter.",
                         commands: [context.applyPatchCommand()],
                         yaml: context.containerPatch(container, ["command: [\"sh\", \"\(program)\"]"]))
            )
            return Candidate(finding: finding, slot: .died(container.name), rank: 88)
        }
        return nil
    }

    private static func commandNotFound(
        _ context: DiagnosisContext, _ container: DiagnosisContext.ContainerView, evidence: [Evidence],
        runtimeMessage: String, shellLine: LogAnalysis.Match?
    ) -> Candidate {
        var evidence = evidence
        let command = container.spec.command ?? []
        let args = container.spec.args ?? []
        var summary: String
        var body: [String]
        var title: String
        if let single = command.first, command.count == 1, single.contains(" ") {
            // `command: ["node server.js"]`: the whole string is taken as the program's name.
            let parts = single.split(separator: " ").map(String.init)
            let corrected = "[" + parts.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
            evidence.append(Evidence(source: "spec", ref: "\(container.specPath).command", text: "[\"\(single)\"]"))
            title = "container \(container.name) cannot start: command \"\(single)\" is one string, so the runtime looks for a program of that name"
            summary = "Write the command in exec form, one element per word: command: \(corrected)."
            body = ["command: \(corrected)"]
        } else if command.isEmpty, let single = args.first, args.count == 1, single.contains(" ") {
            let parts = single.split(separator: " ").map(String.init)
            let corrected = "[" + parts.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
            evidence.append(Evidence(source: "spec", ref: "\(container.specPath).args", text: "[\"\(single)\"]"))
            title = "container \(container.name) cannot start: args \"\(single)\" is one string"
            summary = "Split args into one element per word: args: \(corrected)."
            body = ["args: \(corrected)"]
        } else {
            let program = shellLine?.values["path"] ?? quoted(in: runtimeMessage) ?? command.first ?? "the entrypoint"
            if !command.isEmpty {
                evidence.append(Evidence(source: "spec", ref: "\(container.specPath).command", text: command.description))
            }
            title = "container \(container.name) cannot start: \(program) is not found in the image"
            summary = "Use a program that exists in \(container.spec.image ?? "the image") (check its PATH and the Dockerfile), or install \(program) in the image."
            body = ["command: [\"\(program)\"]  # fill in the full path of a program that exists in the image"]
        }
        let finding = Finding(
            cause: .commandNotFound, severity: context.deathSeverity(container) ?? .critical, confidence: .high, container: container.name,
            title: title,
            explanation: "The runtime could not find the program to run (exit code \(container.lastTermination?.exitCode.map(String.init) ?? "127")). " +
                (runtimeMessage.isEmpty ? "" : "It said: \(runtimeMessage)"),
            evidence: evidence,
            fix: Fix(summary: summary, commands: [context.applyPatchCommand()], yaml: context.containerPatch(container, body))
        )
        return Candidate(finding: finding, slot: .died(container.name), rank: 90)
    }

    private static func execFormat(_ context: DiagnosisContext, _ container: DiagnosisContext.ContainerView, evidence: [Evidence]) -> Candidate {
        var evidence = evidence
        let architecture = context.evidence.node.object?.status?.nodeInfo?.architecture
        if let architecture {
            evidence.append(Evidence(source: "node", ref: "node \(context.pod.spec?.nodeName ?? "").status.nodeInfo.architecture", text: architecture))
        }
        let selectorArch = architecture == "arm64" ? "amd64" : "arm64"
        let finding = Finding(
            cause: .execFormatError, severity: context.deathSeverity(container) ?? .critical, confidence: .high, container: container.name,
            title: "container \(container.name) cannot run: the image is built for another CPU architecture" +
                (architecture.map { " than the node's \($0)" } ?? ""),
            explanation: "\"exec format error\" means the kernel cannot execute the binary: \(container.spec.image ?? "the image") has no build for " +
                "\(architecture ?? "this node's") architecture.",
            evidence: evidence,
            fix: Fix(summary: "Build and push a multi-architecture image (docker buildx build --platform linux/amd64,linux/arm64), " +
                     "or pin the pod to nodes of the architecture the image supports.",
                     commands: [context.applyPatchCommand()],
                     yaml: (context.hasWorkload ? "spec:\n  template:\n    spec:\n      nodeSelector:\n        kubernetes.io/arch: \(selectorArch)\n"
                            : "spec:\n  nodeSelector:\n    kubernetes.io/arch: \(selectorArch)\n"))
        )
        return Candidate(finding: finding, slot: .died(container.name), rank: 94)
    }

    /// The first `"quoted"` word of a runtime message (`exec: "gunicorn": executable file not found`).
    static func quoted(in text: String) -> String? {
        guard let open = text.firstIndex(of: "\"") else { return nil }
        let rest = text[text.index(after: open)...]
        guard let close = rest.firstIndex(of: "\"") else { return nil }
        let word = String(rest[..<close]).replacingOccurrences(of: "\\", with: "")
        return word.isEmpty ? nil : word
    }
}
