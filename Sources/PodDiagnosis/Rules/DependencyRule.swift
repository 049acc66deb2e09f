import Foundation
import KubeModel

/// `dependency-unreachable` and `dependency-auth-failed`: the app cannot reach, or log in to, a
/// database, cache or broker. Finds the in-cluster Service behind the host it names (by name,
/// `name.ns`, `name.ns.svc.cluster.local` or ClusterIP) and checks it exists and has ready endpoints.
enum DependencyRule: DiagnosisRule {
    static func evaluate(_ context: DiagnosisContext) -> [Candidate] {
        context.containers.compactMap { container -> Candidate? in
            let stuckInit: Bool
            if case .initStuck? = context.health(container)?.state { stuckInit = true } else { stuckInit = false }
            guard context.isFailing(container) || stuckInit,
                  let crash = context.crashLog(container) ?? context.log(container, previous: false).map({ ($0, false) })
            else { return nil }
            let analysis = context.analysis(crash.text)
            let relevant = analysis.matches.filter { $0.cause == .dependencyAuthFailed || $0.cause == .dependencyUnreachable }
            guard let match = relevant.max(by: { $0.weight < $1.weight || $0.weight == $1.weight && $0.line < $1.line }) else { return nil }
            // A passing "connection refused" without a host, before an unrelated exception, is noise.
            if match.values["host"] == nil, let decisive = analysis.decisiveLine, decisive.number > match.line,
               !relevant.contains(where: { $0.line == decisive.number }) { return nil }
            var evidence = context.terminationEvidence(container)
            evidence.append(context.logEvidence(container, previous: crash.previous, line: match.line, text: match.text))
            if match.cause == .dependencyAuthFailed { return authFailed(context, container, match, evidence) }
            return unreachable(context, container, match, evidence, analysis: analysis)
        }
    }

    /// What the cluster says about a host: a Service (with its ready endpoint count), or nothing.
    struct ServiceCheck {
        var service: Service?
        var serviceName: String
        var namespace: String
        var readyEndpoints: Int?
        var isClusterName: Bool
    }

    static func check(host rawHost: String, context: DiagnosisContext) -> ServiceCheck? {
        let host = rawHost.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        // Loopback means the pod itself (a sidecar not up yet), not a Service.
        if host == "localhost" || host.hasPrefix("127.") || host == "::1" || host.contains(":") { return nil }
        let services = context.evidence.services
        if IPv4(host) {
            guard let service = services.first(where: { $0.spec?.clusterIP == host || ($0.spec?.clusterIPs ?? []).contains(host) }) else { return nil }
            return ServiceCheck(service: service, serviceName: service.metadata.name ?? host,
                                namespace: service.metadata.namespace ?? context.namespace,
                                readyEndpoints: readyCount(service, context), isClusterName: true)
        }
        let parts = host.lowercased().split(separator: ".").map(String.init)
        guard let first = parts.first else { return nil }
        var namespace = context.namespace
        var isClusterName = parts.count == 1
        if parts.count >= 3, parts[2] == "svc" {
            namespace = parts[1]
            isClusterName = true
        } else if parts.count == 2, services.contains(where: { $0.metadata.namespace == parts[1] }) || parts[1] == context.namespace {
            // `name.namespace` only when that namespace is known; `db.internal` is an outside host.
            namespace = parts[1]
            isClusterName = true
        }
        guard isClusterName else { return nil }
        // A namespace whose Services were not read (a namespace-scoped diagnosis): unknown, not absent.
        if let covered = context.evidence.serviceNamespaces, !covered.contains(namespace) { return nil }
        let service = services.first { $0.metadata.name == first && ($0.metadata.namespace ?? context.namespace) == namespace }
        return ServiceCheck(service: service, serviceName: first, namespace: namespace,
                            readyEndpoints: service.flatMap { readyCount($0, context) }, isClusterName: true)
    }

    static func readyCount(_ service: Service, _ context: DiagnosisContext) -> Int? {
        guard let endpoints = context.evidence.endpoints.first(where: {
            $0.metadata.name == service.metadata.name && $0.metadata.namespace == service.metadata.namespace
        }) else { return nil }
        return (endpoints.subsets ?? []).reduce(0) { $0 + ($1.addresses ?? []).count }
    }

    private static func unreachable(_ context: DiagnosisContext, _ container: DiagnosisContext.ContainerView,
                                    _ match: LogAnalysis.Match, _ evidence: [Evidence], analysis: LogAnalysis) -> Candidate {
        var evidence = evidence
        let host = match.values["host"] ?? ""
        let port = match.values["port"]
        let target = port.map { "\(host):\($0)" } ?? host
        let check = host.isEmpty || !context.evidence.servicesChecked ? nil : check(host: host, context: context)
        var title = "container \(container.name) cannot reach \(target.isEmpty ? "a dependency" : target)"
        var explanation = "The app fails to connect to \(target.isEmpty ? "a service it needs" : target) and exits."
        var summary = "Make sure \(target.isEmpty ? "the dependency" : target) is running and reachable from namespace \(context.namespace)."
        var commands: [String] = []
        var confidence = Confidence.medium
        if let check {
            if let service = check.service {
                let ready = check.readyEndpoints
                evidence.append(Evidence(source: "object", ref: "service/\(check.serviceName) -n \(check.namespace)",
                                         text: "clusterIP \(service.spec?.clusterIP ?? "?"), selector \(selectorText(service)), ready endpoints: \(ready.map(String.init) ?? "unknown")"))
                if ready == 0 {
                    title = "container \(container.name) cannot reach \(target): Service \(check.serviceName) has no ready endpoints"
                    explanation += " Service \(check.serviceName) exists but no ready pod backs it (selector \(selectorText(service))): the dependency is down or its selector matches nothing."
                    summary = "Service \(check.serviceName) has no ready endpoints: start the pods behind it or fix its selector; make \(container.name) wait for it with an init container."
                    commands = ["kubectl get endpoints \(sh(check.serviceName)) -n \(sh(check.namespace))",
                                "kubectl get pods -n \(sh(check.namespace)) -l \(sh(selectorText(service)))"]
                    confidence = .high
                } else {
                    explanation += " Service \(check.serviceName) exists with \(ready.map { DiagnosisContext.count($0, "ready endpoint") } ?? "some ready endpoints"): the dependency may refuse connections or start slower than the app."
                    summary = "Check the dependency behind Service \(check.serviceName) and make \(container.name) wait for it (init container) or retry on start-up."
                    commands = ["kubectl get endpoints \(sh(check.serviceName)) -n \(sh(check.namespace))"]
                }
            } else {
                title = "container \(container.name) cannot reach \(target): Service \(check.serviceName) does not exist in namespace \(check.namespace)"
                explanation += " No Service named \(check.serviceName) exists in namespace \(check.namespace), so the name does not resolve."
                summary = "Create Service \(check.serviceName) in namespace \(check.namespace) (or deploy the dependency), or point the app at the right host."
                let elsewhere = context.evidence.services.filter { $0.metadata.name == check.serviceName && $0.metadata.namespace != check.namespace }
                    .compactMap(\.metadata.namespace).sorted()
                if let other = elsewhere.first {
                    let fqdn = "\(check.serviceName).\(other).svc.cluster.local" + (port.map { ":\($0)" } ?? "")
                    explanation += " A Service \(check.serviceName) exists in namespace \(other): a short name only resolves in the pod's own namespace."
                    summary = "Point the app at \(fqdn) (the Service in namespace \(other)), or create Service \(check.serviceName) in \(check.namespace)."
                    evidence.append(Evidence(source: "object", ref: "service/\(check.serviceName) -n \(other)", text: "exists"))
                }
                commands = ["kubectl get services -n \(sh(check.namespace))"]
                evidence.append(Evidence(source: "object", ref: "service/\(check.serviceName) -n \(check.namespace)", text: "not found"))
                confidence = .high
            }
        }
        // Never propose what the pod already has: a container that is itself the wait, or an init
        // container that waits for this host, needs the dependency fixed, not another wait.
        // The host or its Service's name, as a whole word of the init container's command (an IP address only whole).
        let names = Set([check?.serviceName, IPv4(host) ? host : host.split(separator: ".").first.map(String.init)]
            .compactMap { $0?.lowercased() }.filter { !$0.isEmpty })
        let waitingInit = context.initContainers.first { other in
            guard other.kind == .initContainer, other.name != container.name else { return false }
            let text = ((other.spec.command ?? []) + (other.spec.args ?? [])).joined(separator: " ").lowercased()
            let words = Set(text.split { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }.flatMap { word -> [String] in
                [String(word), String(word.split(separator: ".").first ?? word)]
            })
            return !names.isDisjoint(with: words)
        }
        var yaml: String?
        if container.kind == .initContainer {
            summary = summary.replacingOccurrences(of: "; make \(container.name) wait for it with an init container.", with: ".")
                .replacingOccurrences(of: " and make \(container.name) wait for it (init container) or retry on start-up.", with: ".")
            explanation += " \(container.name) is the pod's own wait for it: waiting longer does not help while the dependency is \(check?.service == nil && check != nil ? "missing" : "down")."
        } else if let waitingInit {
            summary = summary.replacingOccurrences(of: "; make \(container.name) wait for it with an init container.", with: ".")
                .replacingOccurrences(of: " and make \(container.name) wait for it (init container) or retry on start-up.", with: ", and make the app retry on start-up.")
            explanation += " The pod already waits for it in init container \(waitingInit.name), which passed: the dependency went away after it, or answers the wait but not the app."
            evidence.append(Evidence(source: "spec", ref: "\(waitingInit.specPath).command",
                                     text: ((waitingInit.spec.command ?? []) + (waitingInit.spec.args ?? [])).joined(separator: " ")))
        } else {
            let waitHost = check.map { $0.namespace == context.namespace ? $0.serviceName : "\($0.serviceName).\($0.namespace)" } ?? host
            let servicePort = check?.service?.spec?.ports?.first?.port.map(String.init)
            if !waitHost.isEmpty, let waitPort = port ?? servicePort {
                let indent = context.hasWorkload ? "      " : "  "
                yaml = (context.hasWorkload ? "spec:\n  template:\n    spec:\n      initContainers:\n" : "spec:\n  initContainers:\n") +
                    indent + "- name: wait-for-\(waitHost.split(separator: ".").first ?? "dependency")\n" +
                    indent + "  image: busybox:1.36\n" +
                    indent + "  command: [\"sh\", \"-c\", \"until nc -z \(waitHost) \(waitPort); do echo waiting for \(waitHost); sleep 2; done\"]\n"
            }
        }
        let finding = Finding(
            cause: .dependencyUnreachable, severity: context.deathSeverity(container) ?? .critical, confidence: confidence, container: container.name,
            title: title, explanation: explanation, evidence: evidence,
            fix: Fix(summary: summary, commands: commands, yaml: yaml)
        )
        return Candidate(finding: finding, slot: .died(container.name), rank: 78)
    }

    private static func authFailed(_ context: DiagnosisContext, _ container: DiagnosisContext.ContainerView,
                                   _ match: LogAnalysis.Match, _ evidence: [Evidence]) -> Candidate {
        var evidence = evidence
        let secretRefs = (container.spec.env ?? []).compactMap { env -> String? in
            guard let ref = env.valueFrom?.secretKeyRef, let name = ref.name else { return nil }
            return "\(env.name ?? "?") from secret \(name) key \(ref.key ?? "?")"
        }
        let fromSecrets = (container.spec.envFrom ?? []).compactMap { $0.secretRef?.name }.map { "envFrom secret \($0)" }
        let sources = secretRefs + fromSecrets
        if !sources.isEmpty {
            evidence.append(Evidence(source: "spec", ref: "\(container.specPath).env", text: sources.joined(separator: "; ")))
        }
        let secretNames = Array(Set((container.spec.env ?? []).compactMap { $0.valueFrom?.secretKeyRef?.name } + (container.spec.envFrom ?? []).compactMap { $0.secretRef?.name })).sorted()
        let user = match.values["user"].map { " as user \($0)" } ?? ""
        let finding = Finding(
            cause: .dependencyAuthFailed, severity: context.deathSeverity(container) ?? .critical, confidence: .high, container: container.name,
            title: "container \(container.name) is refused by its database or cache\(user): authentication failed",
            explanation: "The dependency rejects the credentials the app sends\(user)." +
                (secretNames.isEmpty ? "" : " They come from Secret \(secretNames.joined(separator: ", ")): it may hold an old or wrong password."),
            evidence: evidence,
            fix: Fix(summary: "Check that the credentials in \(secretNames.isEmpty ? "the app's configuration" : "Secret " + secretNames.joined(separator: ", ")) match the dependency's, then restart the pod.",
                     commands: secretNames.map { "kubectl get secret \(sh($0))\(context.ns) -o jsonpath='{.data}'  # compare with the database's user" }
                        + [context.hasWorkload ? "kubectl rollout restart \(context.workloadTarget)\(context.ns)" : "kubectl delete pod \(sh(context.name))\(context.ns)"])
        )
        return Candidate(finding: finding, slot: .died(container.name), rank: 84)
    }

    static func selectorText(_ service: Service) -> String {
        (service.spec?.selector ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }

    static func IPv4(_ text: String) -> Bool {
        let parts = text.split(separator: ".")
        return parts.count == 4 && parts.allSatisfy { UInt8($0) != nil }
    }
}
