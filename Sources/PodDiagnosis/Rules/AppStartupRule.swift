import Foundation
import KubeModel

/// The application crashes on start-up for a reason its log names: `missing-file-in-image`,
/// `missing-language-dependency`, `missing-env-var` (checked against the spec) and
/// `config-file-invalid` (naming the mounted ConfigMap and key).
enum AppStartupRule: DiagnosisRule {
    static let causes: Set<Cause> = [.missingFileInImage, .missingLanguageDependency, .missingEnvVar, .configFileInvalid]

    static func evaluate(_ context: DiagnosisContext) -> [Candidate] {
        context.containers.compactMap { container -> Candidate? in
            guard context.isFailing(container),
                  let crash = context.crashLog(container) else { return nil }
            let analysis = context.analysis(crash.text)
            guard let match = analysis.matches.filter({ causes.contains($0.cause) }).max(by: { $0.weight < $1.weight || $0.weight == $1.weight && $0.line < $1.line })
            else { return nil }
            var evidence = context.terminationEvidence(container)
            evidence.append(context.logEvidence(container, previous: crash.previous, line: match.line, text: match.text))
            switch match.cause {
            case .missingFileInImage: return missingFile(context, container, match, evidence)
            case .missingLanguageDependency: return missingDependency(context, container, match, evidence)
            case .missingEnvVar: return missingEnv(context, container, match, evidence)
            default: return invalidConfig(context, container, match, evidence, analysis: analysis)
            }
        }
    }

    private static func missingFile(_ context: DiagnosisContext, _ container: DiagnosisContext.ContainerView,
                                    _ match: LogAnalysis.Match, _ evidence: [Evidence]) -> Candidate {
        let path = match.values["path"] ?? "the entry file"
        if let candidate = missingKeyInMountedObject(context, container, path: path, evidence: evidence) { return candidate }
        // Only the program's own files are "missing from the image" with confidence; another missing
        // file (data, a volume path) is reported with less certainty.
        let commandText = ((container.spec.command ?? []) + (container.spec.args ?? [])).joined(separator: " ")
        let isEntry = match.weight > 70 || commandText.contains((path as NSString).lastPathComponent)
        let command = ((container.spec.command ?? []) + (container.spec.args ?? [])).joined(separator: " ")
        var evidence = evidence
        if !command.isEmpty { evidence.append(Evidence(source: "spec", ref: "\(container.specPath).command/args", text: command)) }
        let finding = Finding(
            cause: .missingFileInImage, severity: context.deathSeverity(container) ?? .critical, confidence: isEntry ? .high : .low, container: container.name,
            title: "container \(container.name) crashes at start: \(path) is not in the image",
            explanation: "The program's own entry file \(path) does not exist in \(container.spec.image ?? "the image"). " +
                "Either the Dockerfile does not copy it there (COPY/WORKDIR), or the command points at the wrong path.",
            evidence: evidence,
            fix: Fix(summary: "Check that the image contains \(path) (`docker run --rm --entrypoint ls \(sh(container.spec.image ?? "<the image>")) -la \(sh((path as NSString).deletingLastPathComponent))`) " +
                     "and fix the Dockerfile's COPY/WORKDIR or the command's path.",
                     commands: [context.logsCommand(container)])
        )
        return Candidate(finding: finding, slot: .died(container.name), rank: isEntry ? 82 : 45)
    }

    /// A missing file inside a mounted Secret or ConfigMap is a missing key of that object, not of the image.
    private static func missingKeyInMountedObject(_ context: DiagnosisContext, _ container: DiagnosisContext.ContainerView,
                                                  path: String, evidence: [Evidence]) -> Candidate? {
        let volumes = context.pod.spec?.volumes ?? []
        for mount in container.spec.volumeMounts ?? [] {
            guard let mountPath = mount.mountPath, path.hasPrefix(mountPath.hasSuffix("/") ? mountPath : mountPath + "/"),
                  let volume = volumes.first(where: { $0.name == mount.name }) else { continue }
            let key = String(path.dropFirst(mountPath.count).drop { $0 == "/" })
            let isSecret = volume.secret != nil
            guard let name = volume.secret?.secretName ?? volume.configMap?.name else { continue }
            let kind = isSecret ? "Secret" : "ConfigMap"
            var evidence = evidence
            evidence.append(Evidence(source: "spec", ref: "\(container.specPath).volumeMounts[\(mount.name ?? "?")]",
                                     text: "\(mountPath) from \(kind.lowercased()) \(name)"))
            let keys: [String]?
            if isSecret {
                keys = nil
            } else {
                keys = context.evidence.configMaps[name]?.object.map { (($0.data ?? [:]).keys.map { $0 } + ($0.binaryData ?? [:]).keys.map { $0 }).sorted() }
            }
            if let keys { evidence.append(Evidence(source: "object", ref: "configmap/\(name)", text: "keys: \(keys.joined(separator: ", "))")) }
            evidence += context.events(reasons: ["FailedMount"]).filter { ($0.message ?? "").contains(name) }.suffix(1).map(context.evidence)
            let finding = Finding(
                cause: isSecret ? .missingSecretKey : .missingConfigmapKey, severity: context.deathSeverity(container) ?? .critical, confidence: .high, container: container.name,
                title: "container \(container.name) crashes at start: \(kind) \(name) has no key \(key) (the app reads \(path))",
                explanation: "The app opens \(path), inside the volume where \(kind) \(name) is mounted (\(mountPath)), and the file is not there: the \(kind) exists but lacks key \(key).",
                evidence: evidence,
                fix: Fix(summary: "Add key \(key) to \(kind) \(name) in namespace \(context.namespace), then restart the pod.",
                         commands: [isSecret ? "kubectl create secret generic \(sh(name))\(context.ns) --from-file=\(sh(key))=./\(sh(key)) --dry-run=client -o yaml | kubectl apply -f -"
                                             : "kubectl create configmap \(sh(name))\(context.ns) --from-file=\(sh(key))=./\(sh(key)) --dry-run=client -o yaml | kubectl apply -f -",
                                    context.hasWorkload ? "kubectl rollout restart \(context.workloadTarget)\(context.ns)" : "kubectl delete pod \(sh(context.name))\(context.ns)"])
            )
            return Candidate(finding: finding, slot: .died(container.name), rank: 88)
        }
        return nil
    }

    private static func missingDependency(_ context: DiagnosisContext, _ container: DiagnosisContext.ContainerView,
                                          _ match: LogAnalysis.Match, _ evidence: [Evidence]) -> Candidate {
        let module = match.values["module"] ?? "a dependency"
        let finding = Finding(
            cause: .missingLanguageDependency, severity: context.deathSeverity(container) ?? .critical, confidence: .high, container: container.name,
            title: "container \(container.name) crashes at start: \(module) is not installed in the image",
            explanation: "The application imports \(module), which is not installed in \(container.spec.image ?? "the image"). " +
                "The dependency is missing from the requirements/package manifest, or the build did not install it into the final stage.",
            evidence: evidence,
            fix: Fix(summary: "Add \(module) to the app's dependencies (requirements.txt, package.json, pom.xml, Gemfile...) and rebuild the image; " +
                     "in a multi-stage build, check it is copied into the final stage.",
                     commands: [context.logsCommand(container)])
        )
        return Candidate(finding: finding, slot: .died(container.name), rank: 84)
    }

    private static func missingEnv(_ context: DiagnosisContext, _ container: DiagnosisContext.ContainerView,
                                   _ match: LogAnalysis.Match, _ evidence: [Evidence]) -> Candidate {
        let variable = match.values["variable"] ?? "a variable"
        let env = container.spec.env ?? []
        let defined = env.contains { $0.name == variable }
        var evidence = evidence
        evidence.append(Evidence(source: "spec", ref: "\(container.specPath).env",
                                 text: defined ? "\(variable) is set" : "\(variable) is not set (env has \(env.compactMap(\.name).joined(separator: ", ")))"))
        let sources = (container.spec.envFrom ?? []).compactMap { $0.configMapRef?.name.map { "configmap/\($0)" } ?? $0.secretRef?.name.map { "secret/\($0)" } }
        let finding = Finding(
            cause: .missingEnvVar, severity: context.deathSeverity(container) ?? .critical, confidence: defined ? .medium : .high, container: container.name,
            title: "container \(container.name) crashes at start: environment variable \(variable) is not set",
            explanation: "The application requires \(variable), and " +
                (defined ? "the spec sets it, but its value may be empty or wrong." : "the pod spec does not set it" +
                    (sources.isEmpty ? "." : " (unless \(sources.joined(separator: ", ")) provides it)."))
                ,
            evidence: evidence,
            fix: Fix(summary: "Set \(variable) in the container's env, from the ConfigMap or Secret that holds it.",
                     commands: [context.hasWorkload
                        ? "kubectl set env \(context.workloadTarget) -c \(sh(container.name)) \(sh(variable))=<value>\(context.ns)"
                        : context.applyPatchCommand()],
                     yaml: context.containerPatch(container, ["env:", "- name: \(variable)", "  valueFrom:", "    secretKeyRef:  # or configMapKeyRef",
                                                              "      name: <secret holding it>", "      key: \(variable)"]))
        )
        return Candidate(finding: finding, slot: .died(container.name), rank: 80)
    }

    private static func invalidConfig(_ context: DiagnosisContext, _ container: DiagnosisContext.ContainerView,
                                      _ match: LogAnalysis.Match, _ evidence: [Evidence], analysis: LogAnalysis) -> Candidate {
        var evidence = evidence
        // Which ConfigMap is mounted where the app reads its configuration.
        let mounts = container.spec.volumeMounts ?? []
        let volumes = context.pod.spec?.volumes ?? []
        var configMapName: String?
        var mountPath: String?
        let errorPath = match.values["path"]
        let configMounts = mounts.filter { mount in volumes.contains { $0.name == mount.name && $0.configMap?.name != nil } }
        // The mount the error's path lies in, else the first ConfigMap mount.
        let chosen = configMounts.first { mount in errorPath.map { path in mount.mountPath.map { path.hasPrefix($0) } ?? false } ?? false }
            ?? configMounts.first
        if let mount = chosen, let volume = volumes.first(where: { $0.name == mount.name }) {
            configMapName = volume.configMap?.name
            mountPath = mount.mountPath
        }
        var keyText = ""
        var badLine: String?
        var match = match
        if match.values["line"] == nil {
            // Python's yaml reports the position on the following lines: `in "/etc/app/config.yaml", line 7, column 14`.
            for text in analysis.lines.dropFirst(match.line).prefix(4) {
                guard let range = text.range(of: #"line (\d+)"#, options: .regularExpression) else { continue }
                let number = text[range].dropFirst(5)
                var values = match.values
                values["line"] = String(number)
                if let path = text.range(of: #"\"(/[^\"]+)\""#, options: .regularExpression) {
                    values["path"] = String(text[path].dropFirst().dropLast())
                }
                match = LogAnalysis.Match(cause: match.cause, weight: match.weight, line: match.line, text: match.text + " (" + text.trimmingCharacters(in: .whitespaces) + ")", values: values)
                evidence.append(Evidence(source: "log", ref: "\(container.name), the parser's position", text: text.trimmingCharacters(in: .whitespaces)))
                break
            }
        }
        if let configMapName, let configMap = context.evidence.configMaps[configMapName]?.object {
            let keys = (configMap.data ?? [:]).keys.sorted()
            let key = keys.first { key in match.text.contains(key) || match.values["path"]?.hasSuffix(key) == true }
                ?? keys.first { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json") || $0.hasSuffix(".toml") || $0.hasSuffix(".conf") }
                ?? keys.first
            if let key {
                keyText = " (key \(key))"
                if let lineText = match.values["line"], let line = Int(lineText), let data = configMap.data?[key] {
                    let lines = data.split(separator: "\n", omittingEmptySubsequences: false)
                    if line >= 1, line <= lines.count { badLine = "\(key) line \(line): \(lines[line - 1])" }
                }
            }
            evidence.append(Evidence(source: "object", ref: "configmap/\(configMapName) mounted at \(mountPath ?? "?")", text: "keys: \(keys.joined(separator: ", "))"))
            if let badLine { evidence.append(Evidence(source: "object", ref: "configmap/\(configMapName)", text: badLine)) }
        }
        let target = configMapName.map { "ConfigMap \($0)\(keyText)" } ?? "the configuration file"
        let finding = Finding(
            cause: .configFileInvalid, severity: context.deathSeverity(container) ?? .critical, confidence: configMapName == nil ? .medium : .high, container: container.name,
            title: "container \(container.name) crashes at start: its configuration does not parse",
            explanation: "The application failed to parse its configuration (\(match.text))" +
                (configMapName.map { ", which comes from ConfigMap \($0) mounted at \(mountPath ?? "?")" } ?? "") + ".",
            evidence: evidence,
            fix: Fix(summary: "Fix the syntax of \(target)" + (badLine.map { " around \($0)" } ?? "") + ", validate it (e.g. `yq . file`), then restart the pod.",
                     commands: configMapName.map { ["kubectl edit configmap \(sh($0))\(context.ns)",
                                                    context.hasWorkload ? "kubectl rollout restart \(context.workloadTarget)\(context.ns)"
                                                                        : "kubectl delete pod \(sh(context.name))\(context.ns)"] }
                        ?? [context.logsCommand(container)])
        )
        return Candidate(finding: finding, slot: .died(container.name), rank: 80)
    }
}
