import Foundation
import KubeModel

/// `missing-configmap`, `missing-secret`, `missing-configmap-key`, `missing-secret-key`: the
/// container cannot be created because an object (or key) it references is absent. Confirms the
/// absence from the lookup instead of trusting the message, and says where the object exists instead.
enum ConfigReferenceRule: DiagnosisRule {
    static func evaluate(_ context: DiagnosisContext) -> [Candidate] {
        var candidates: [Candidate] = []
        for container in context.containers {
            let waiting = container.waiting
            // Only a container that cannot be created: a running one's old "not found" event is history.
            guard waiting?.reason == "CreateContainerConfigError" || waiting?.reason == "ContainerCreating" else { continue }
            let messages = [waiting?.reason == "CreateContainerConfigError" ? waiting?.message : nil].compactMap { $0 }
                + context.events(reasons: ["Failed"], container: container).reversed().compactMap(\.message)
            guard let reference = messages.lazy.compactMap({ parse($0) }).first else { continue }
            if reference.key == nil, exists(reference, context) { continue }
            candidates.append(build(context, container, reference, waitingMessage: waiting?.message))
        }
        // Volumes: FailedMount events for the pod (ContainerCreating); the newest naming an object wins.
        if candidates.isEmpty, let mount = context.events(reasons: ["FailedMount"]).reversed().first(where: { parse($0.message ?? "") != nil }),
           let reference = parse(mount.message ?? ""), !exists(reference, context) {
            let container = context.regularContainers.first { $0.waiting?.reason == "ContainerCreating" } ?? context.regularContainers.first
            if let container {
                var candidate = build(context, container, reference, waitingMessage: nil, mountEvent: mount)
                if let latest = context.events(reasons: ["FailedMount"]).last, latest != mount {
                    candidate.finding.evidence.append(context.evidence(latest))
                }
                candidates.append(candidate)
            }
        }
        return candidates
    }

    /// Whether the referenced object exists now (then an old "not found" is history).
    static func exists(_ reference: Reference, _ context: DiagnosisContext) -> Bool {
        switch reference.kind {
        case .configMap: return context.evidence.configMaps[reference.name]?.object != nil
        case .secret: return context.evidence.secrets[reference.name]?.object != nil
        }
    }

    /// An object (and maybe a key) a message says is missing.
    struct Reference: Equatable {
        enum Kind: String { case configMap = "ConfigMap", secret = "Secret" }
        var kind: Kind
        var name: String
        var key: String?
    }

    /// Reads `configmap "x" not found`, `secret "x" not found`, `couldn't find key K in ConfigMap ns/name`.
    static func parse(_ message: String) -> Reference? {
        let lower = message.lowercased()
        if let range = lower.range(of: "couldn't find key ") {
            let rest = message[range.upperBound...]
            let key = String(rest.prefix { $0 != " " })
            let isSecret = rest.contains(" in Secret ")
            guard let inRange = rest.range(of: isSecret ? " in Secret " : " in ConfigMap ") else { return nil }
            let qualified = String(rest[inRange.upperBound...].prefix { !$0.isWhitespace })
            let name = qualified.split(separator: "/").last.map(String.init) ?? qualified
            return Reference(kind: isSecret ? .secret : .configMap, name: name, key: key)
        }
        for (word, kind) in [("configmap \"", Reference.Kind.configMap), ("secret \"", .secret), ("configmaps \"", .configMap), ("secrets \"", .secret)] {
            if let range = lower.range(of: word), lower.contains("not found") {
                let rest = message[range.upperBound...]
                let name = String(rest.prefix { $0 != "\"" })
                if !name.isEmpty { return Reference(kind: kind, name: name, key: nil) }
            }
        }
        return nil
    }

    private static func build(
        _ context: DiagnosisContext, _ container: DiagnosisContext.ContainerView, _ reference: Reference,
        waitingMessage: String?, mountEvent: Event? = nil
    ) -> Candidate {
        var evidence: [Evidence] = []
        if let reason = container.waiting?.reason { evidence.append(context.statusEvidence(container, "state.waiting.reason", reason)) }
        if let waitingMessage, !waitingMessage.isEmpty { evidence.append(context.statusEvidence(container, "state.waiting.message", waitingMessage)) }
        if let mountEvent { evidence.append(context.evidence(mountEvent)) }
        if let failed = context.events(reasons: ["Failed"], container: container).last { evidence.append(context.evidence(failed)) }

        let isSecret = reference.kind == .secret
        let lookupState: (exists: Bool?, keys: [String]?, elsewhere: [String])
        if isSecret {
            switch context.evidence.secrets[reference.name] {
            case .found?: lookupState = (true, nil, [])
            case .absent(let elsewhere)?: lookupState = (false, nil, elsewhere)
            case .unknown(let why)?:
                evidence.append(Evidence(source: "object", ref: "secret/\(reference.name)", text: "could not be checked: \(why)"))
                lookupState = (nil, nil, [])
            case nil: lookupState = (nil, nil, [])
            }
        } else {
            switch context.evidence.configMaps[reference.name] {
            case .found(let map)?: lookupState = (true, ((map.data ?? [:]).keys.map { $0 } + (map.binaryData ?? [:]).keys.map { $0 }).sorted(), [])
            case .absent(let elsewhere)?: lookupState = (false, nil, elsewhere)
            case .unknown(let why)?:
                evidence.append(Evidence(source: "object", ref: "configmap/\(reference.name)", text: "could not be checked: \(why)"))
                lookupState = (nil, nil, [])
            case nil: lookupState = (nil, nil, [])
            }
        }
        let kindWord = isSecret ? "secret" : "configmap"
        let objectRef = "\(kindWord)/\(reference.name)"
        if lookupState.exists == false {
            evidence.append(Evidence(source: "object", ref: "\(objectRef) -n \(context.namespace)",
                                     text: "not found" + (lookupState.elsewhere.isEmpty ? "" : "; exists in namespace \(lookupState.elsewhere.joined(separator: ", "))")))
        } else if let keys = lookupState.keys {
            evidence.append(Evidence(source: "object", ref: "\(objectRef) -n \(context.namespace)", text: "keys: \(keys.joined(separator: ", "))"))
        }
        let confidence: Confidence = lookupState.exists == nil ? .medium : .high

        if let key = reference.key {
            let cause: Cause = isSecret ? .missingSecretKey : .missingConfigmapKey
            let keys = lookupState.keys.map { " It has: \($0.joined(separator: ", "))." } ?? ""
            let finding = Finding(
                cause: cause, severity: .critical, confidence: confidence, container: container.name,
                title: "container \(container.name) cannot start: key \(key) is missing from \(reference.kind.rawValue) \(reference.name)",
                explanation: "The container's env or volume needs key \(key) of \(reference.kind.rawValue) \(reference.name) in namespace \(context.namespace), and the object has no such key.\(keys)",
                evidence: evidence,
                fix: Fix(summary: "Add key \(key) to \(reference.kind.rawValue) \(reference.name), or fix the `key:` the pod asks for" +
                         (lookupState.keys?.isEmpty == false ? " (one of \(lookupState.keys?.joined(separator: ", ") ?? ""))" : "") + ".",
                         commands: isSecret
                            ? ["kubectl patch secret \(sh(reference.name))\(context.ns) --type merge -p \(sh(#"{"stringData":{"# + jsonString(key) + #":"<value>"}}"#))"]
                            : ["kubectl patch configmap \(sh(reference.name))\(context.ns) --type merge -p \(sh(#"{"data":{"# + jsonString(key) + #":"<value>"}}"#))"])
            )
            return Candidate(finding: finding, slot: .notStarted(container.name), rank: 92)
        }

        let cause: Cause = isSecret ? .missingSecret : .missingConfigmap
        var summary: String
        var commands: [String]
        if let other = lookupState.elsewhere.first {
            summary = "\(reference.kind.rawValue) \(reference.name) exists in namespace \(other), not in \(context.namespace) where the pod runs: create it in \(context.namespace) (copy it), or mark the reference optional."
            commands = ["kubectl get \(kindWord) \(sh(reference.name)) -n \(sh(other)) -o yaml | sed -e '/^  namespace:/d' -e '/^  uid:/d' -e '/^  resourceVersion:/d' -e '/^  creationTimestamp:/d' | kubectl apply\(context.ns) -f -"]
        } else {
            summary = "Create \(reference.kind.rawValue) \(reference.name) in namespace \(context.namespace), or mark the reference `optional: true` if the app can run without it."
            commands = [isSecret ? "kubectl create secret generic \(sh(reference.name))\(context.ns) --from-literal=KEY=VALUE"
                                 : "kubectl create configmap \(sh(reference.name))\(context.ns) --from-file=FILE"]
        }
        let yaml = context.containerPatch(container, [
            "envFrom:  # or the env/volume entry that references it",
            "- \(isSecret ? "secretRef" : "configMapRef"):",
            "    name: \(reference.name)",
            "    optional: true",
        ])
        let finding = Finding(
            cause: cause, severity: .critical, confidence: confidence, container: container.name,
            title: "container \(container.name) cannot start: \(reference.kind.rawValue) \(reference.name) does not exist in namespace \(context.namespace)" +
                (lookupState.elsewhere.isEmpty ? "" : " (it exists in \(lookupState.elsewhere.joined(separator: ", ")))"),
            explanation: "The kubelet cannot create the container because it references \(reference.kind.rawValue) \(reference.name), which " +
                (lookupState.exists == false ? "is not in namespace \(context.namespace)" : lookupState.exists == true ? "exists now (it was probably created after the pod failed; the kubelet retries on its own)" : "could not be checked") + ".",
            evidence: evidence,
            fix: Fix(summary: summary, commands: commands, yaml: yaml)
        )
        return Candidate(finding: finding, slot: .notStarted(container.name), rank: lookupState.exists == true ? 60 : 93)
    }
}
