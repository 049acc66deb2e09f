import Foundation
import KubeModel

/// The image cannot be pulled: `image-not-found`, `image-pull-unauthorized` (checking
/// `imagePullSecrets` really exist), `image-registry-unreachable`, `invalid-image-name`; and the
/// `image-tag-latest` warning.
enum ImageRule: DiagnosisRule {
    static let pullReasons: Set<String> = ["ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull", "RegistryUnavailable"]

    static func evaluate(_ context: DiagnosisContext) -> [Candidate] {
        var candidates: [Candidate] = []
        for container in context.containers {
            if let reason = container.waiting?.reason, pullReasons.contains(reason) {
                candidates.append(pullFailure(context, container, reason: reason))
            }
            if let image = container.spec.image, usesLatest(image), !context.isFinished {
                candidates.append(Candidate(finding: Finding(
                    cause: .imageTagLatest, severity: .info, confidence: .high, container: container.name,
                    title: "container \(container.name) uses a moving tag (\(image))",
                    explanation: "\(image) points at whatever was pushed last: two pods of the same revision can run different code, and a rollback does not bring the old code back.",
                    evidence: [Evidence(source: "spec", ref: "\(container.specPath).image", text: image)],
                    fix: Fix(summary: "Pin a version tag or a digest (image@sha256:...).",
                             commands: context.hasWorkload ? ["kubectl set image \(context.workloadTarget) \(sh(container.name + "=" + repository(image) + ":<version>"))\(context.ns)"] : [])
                ), slot: .context("image-tag-latest/\(container.name)"), rank: 10))
            }
        }
        return candidates
    }

    static func usesLatest(_ image: String) -> Bool {
        if image.contains("@") { return false }
        let last = image.split(separator: "/").last.map(String.init) ?? image
        return !last.contains(":") || last.hasSuffix(":latest")
    }

    static func repository(_ image: String) -> String {
        let last = image.split(separator: "/").last.map(String.init) ?? image
        guard let colon = last.lastIndex(of: ":") else { return image }
        return String(image.dropLast(last.distance(from: colon, to: last.endIndex)))
    }

    private static func pullFailure(_ context: DiagnosisContext, _ container: DiagnosisContext.ContainerView, reason: String) -> Candidate {
        let image = container.spec.image ?? "?"
        var evidence = [context.statusEvidence(container, "state.waiting.reason", reason)]
        if let message = container.waiting?.message, !message.isEmpty {
            evidence.append(context.statusEvidence(container, "state.waiting.message", message))
        }
        let pullEvents = context.events(reasons: ["Failed"], container: container).filter { ($0.message ?? "").contains("pull") || ($0.message ?? "").contains("image") }
        if let last = pullEvents.last { evidence.append(context.evidence(last)) }
        let text = ([container.waiting?.message] + pullEvents.map(\.message)).compactMap { $0 }.joined(separator: " ").lowercased()

        if reason == "InvalidImageName" || text.contains("invalid reference format") || text.contains("couldn't parse image") {
            let corrected = image.lowercased().replacingOccurrences(of: " ", with: "")
            return Candidate(finding: Finding(
                cause: .invalidImageName, severity: .critical, confidence: .high, container: container.name,
                title: "container \(container.name) cannot start: \"\(image)\" is not a valid image reference",
                explanation: "Image references are [registry/]repository[:tag][@digest], lower case, without spaces or a scheme.",
                evidence: evidence,
                fix: Fix(summary: "Write the image as registry/repository:tag" + (corrected != image ? " (e.g. \(corrected))" : "") + ".",
                         commands: context.hasWorkload ? ["kubectl set image \(context.workloadTarget) \(sh(container.name + "=" + corrected))\(context.ns)"] : [])
            ), slot: .notStarted(container.name), rank: 95)
        }
        let unreachable = ["no such host", "i/o timeout", "connection refused", "dial tcp", "tls handshake timeout", "network is unreachable", "context deadline exceeded"]
            .contains { text.contains($0) }
        let unauthorized = ["unauthorized", "authentication required", "authorization failed", "403 forbidden", "denied: "]
            .contains { text.contains($0) } || text.contains("pull access denied")
        let notFound = ["manifest unknown", "not found", "name unknown", "repository does not exist", "does not exist"].contains { text.contains($0) }

        let pullSecrets = (context.pod.spec?.imagePullSecrets ?? []).compactMap(\.name)
        let absentSecrets = pullSecrets.filter { if case .absent? = context.evidence.secrets[$0] { return true } else { return false } }
        let uncheckedSecrets = pullSecrets.filter { if case .unknown? = context.evidence.secrets[$0] { return true } else { return false } }
        let registry = registryHost(image)

        if unreachable && !unauthorized {
            return Candidate(finding: Finding(
                cause: .imageRegistryUnreachable, severity: .critical, confidence: .high, container: container.name,
                title: "container \(container.name) cannot pull \(image): registry \(registry) is unreachable from node \(context.pod.spec?.nodeName ?? "?")",
                explanation: "The node could not connect to \(registry) (DNS, firewall, proxy or the registry is down).",
                evidence: evidence,
                fix: Fix(summary: "Check from the node that \(registry) resolves and is reachable (DNS, egress firewall, proxy settings of the container runtime), or use a mirror the cluster can reach.",
                         commands: ["kubectl debug node/\(sh(context.pod.spec?.nodeName ?? "<the pod's node>")) -it --image=busybox:1.36 -- nslookup \(sh(registry))"])
            ), slot: .notStarted(container.name), rank: 90)
        }
        // Docker Hub answers "pull access denied ... may require authorization" for missing repositories too:
        // without credentials, call it unauthorized; with working credentials, not found.
        if unauthorized && (pullSecrets.isEmpty || !absentSecrets.isEmpty || !uncheckedSecrets.isEmpty || !notFound) {
            var explanation = "The registry refused to serve \(image) to the node."
            var summary: String
            var commands: [String]
            if !absentSecrets.isEmpty {
                explanation += " The pod's imagePullSecrets name \(absentSecrets.joined(separator: ", ")), which does not exist in namespace \(context.namespace)."
                evidence.append(Evidence(source: "object", ref: "secret/\(absentSecrets[0]) -n \(context.namespace)", text: "not found"))
                summary = "Create the pull Secret \(absentSecrets[0]) in namespace \(context.namespace) with credentials for \(registry)."
                commands = ["kubectl create secret docker-registry \(sh(absentSecrets[0]))\(context.ns) --docker-server=\(sh(registry)) --docker-username=<your registry user> --docker-password=<a registry token>"]
            } else if let unchecked = uncheckedSecrets.first {
                explanation += " The pod's imagePullSecrets name \(uncheckedSecrets.joined(separator: ", ")), which could not be checked: if it is missing or holds other credentials, the pull is anonymous or refused."
                evidence.append(Evidence(source: "spec", ref: "spec.imagePullSecrets", text: pullSecrets.joined(separator: ", ")))
                summary = "Check that Secret \(unchecked) exists in namespace \(context.namespace) and holds credentials for \(registry)."
                commands = ["kubectl get secret \(sh(unchecked))\(context.ns)",
                            "kubectl create secret docker-registry \(sh(unchecked))\(context.ns) --docker-server=\(sh(registry)) --docker-username=<your registry user> --docker-password=<a registry token>"]
            } else if pullSecrets.isEmpty {
                explanation += " The pod has no imagePullSecrets, so the node pulls anonymously."
                evidence.append(Evidence(source: "spec", ref: "spec.imagePullSecrets", text: "(none)"))
                summary = "Create a pull Secret for \(registry) and attach it to the pod (or to its ServiceAccount)."
                commands = ["kubectl create secret docker-registry regcred\(context.ns) --docker-server=\(sh(registry)) --docker-username=<your registry user> --docker-password=<a registry token>",
                            "kubectl patch serviceaccount \(sh(context.pod.spec?.serviceAccountName ?? "default"))\(context.ns) -p '{\"imagePullSecrets\":[{\"name\":\"regcred\"}]}'"]
            } else {
                explanation += " The imagePullSecrets \(pullSecrets.joined(separator: ", ")) exist but their credentials are refused."
                summary = "Renew the credentials in \(pullSecrets.joined(separator: ", ")) for \(registry)."
                commands = ["kubectl get secret \(sh(pullSecrets[0]))\(context.ns) -o jsonpath='{.data.\\.dockerconfigjson}' | base64 -d  # check the registry and user"]
            }
            return Candidate(finding: Finding(
                cause: .imagePullUnauthorized, severity: .critical, confidence: .high, container: container.name,
                title: "container \(container.name) cannot pull \(image): the registry refuses access",
                explanation: explanation, evidence: evidence,
                fix: Fix(summary: summary, commands: commands,
                         yaml: context.hasWorkload ? "spec:\n  template:\n    spec:\n      imagePullSecrets:\n      - name: \(absentSecrets.first ?? "regcred")\n"
                                                   : "spec:\n  imagePullSecrets:\n  - name: \(absentSecrets.first ?? "regcred")\n")
            ), slot: .notStarted(container.name), rank: 90)
        }
        return Candidate(finding: Finding(
            cause: .imageNotFound, severity: .critical, confidence: notFound ? .high : .medium, container: container.name,
            title: "container \(container.name) cannot start: image \(image) does not exist",
            explanation: "The registry has no \(image): the repository or the tag is wrong, or it was never pushed.",
            evidence: evidence,
            fix: Fix(summary: "Fix the image name or tag of \(image) (list the repository's tags), and prefer pinning a digest.",
                     commands: context.hasWorkload ? ["kubectl set image \(context.workloadTarget) \(sh(container.name))=\(repository(image)):<existing-tag>\(context.ns)"] : [])
        ), slot: .notStarted(container.name), rank: 88)
    }

    /// The registry part of an image reference (`docker.io` when none is given).
    static func registryHost(_ image: String) -> String {
        let first = image.split(separator: "/").first.map(String.init) ?? ""
        if image.contains("/"), first.contains(".") || first.contains(":") || first == "localhost" { return first }
        return "docker.io"
    }
}
