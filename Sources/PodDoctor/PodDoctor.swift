import Foundation
import KubeClient
import KubeModel
import PodDiagnosis

/// PodDoctor as a library: diagnose pods of a live cluster, or of objects already at hand.
///
/// ```swift
/// let client = try KubernetesClient(configuration: try ClientConfiguration.load())
/// let report = try await PodDoctor(client: client).diagnose(.namespace("shop"))
/// for pod in report.pods where pod.isFailing { print(pod.name, pod.findings[0].cause) }
/// ```
public struct PodDoctor: Sendable {
    let gatherer: EvidenceGatherer

    /// Creates a doctor that reads through `client`.
    public init(client: KubernetesClient) {
        gatherer = EvidenceGatherer(client: client)
    }

    /// Reads what `scope` needs from the cluster and diagnoses every pod in it, as of `now` when
    /// given, else as of the API server's clock (the `Date` header of its responses).
    public func diagnose(_ scope: DiagnosisScope, now: Date? = nil) async throws -> DiagnosisReport {
        let gathered = try await gatherer.gather(scope, at: now)
        return Self.diagnose(gathered.objects, moment: gathered.moment)
    }

    /// Diagnoses the pods of an object set as of `now` (see ``diagnose(_:moment:namespace:selector:podName:)``).
    public static func diagnose(
        _ objects: ObjectSet, now: Date, namespace: String? = nil, selector: String? = nil, podName: String? = nil
    ) -> DiagnosisReport {
        diagnose(objects, moment: Moment(now, source: .given), namespace: namespace, selector: selector, podName: podName)
    }

    /// Diagnoses the pods of an object set (a snapshot, files, or what a scan read) as of `moment`,
    /// optionally narrowed to a namespace, a label selector or one pod.
    public static func diagnose(
        _ objects: ObjectSet, moment: Moment, namespace: String? = nil, selector: String? = nil, podName: String? = nil
    ) -> DiagnosisReport {
        let now = moment.date
        let matcher = selector.map(SelectorMatcher.init)
        let pods = objects.pods.filter { pod in
            if let namespace, (pod.metadata.namespace ?? "default") != namespace { return false }
            if let podName, pod.metadata.name != podName { return false }
            if let matcher, !matcher.matches(pod.metadata.labels ?? [:]) { return false }
            return true
        }
        // Healthy pods need nothing but themselves: assembling full evidence for thousands of them
        // would copy their siblings over and over.
        var failing: [Pod] = []
        var healthy: [Pod] = []
        for pod in pods {
            if EvidenceGatherer.needsEvidence(pod, now: now) { failing.append(pod) } else { healthy.append(pod) }
        }
        var evidence = objects.evidence(for: failing, now: now)
        evidence += healthy.map { PodEvidence(pod: $0, now: now) }
        var report = DiagnosisEngine.diagnose(evidence)
        report.moment = moment
        return report
    }
}

/// A label selector string (`app=web,tier!=cache,env in (a,b),!legacy`) matched against labels.
public struct SelectorMatcher: Sendable {
    enum Requirement: Sendable {
        case equals(String, String), notEquals(String, String), exists(String), absent(String)
        case isIn(String, Set<String>), notIn(String, Set<String>)
    }

    let requirements: [Requirement]

    /// Parses the selector; a part it cannot read is treated as "key exists".
    public init(_ selector: String) {
        var parts: [String] = []
        var depth = 0
        var current = ""
        for character in selector {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if character == ",", depth == 0 {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        requirements = parts.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map(Self.requirement)
    }

    static func requirement(_ text: String) -> Requirement {
        func values(_ rest: Substring) -> Set<String> {
            Set(rest.trimmingCharacters(in: CharacterSet(charactersIn: " ()")).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        }
        if let range = text.range(of: " notin ") { return .notIn(String(text[..<range.lowerBound]).trimmingCharacters(in: .whitespaces), values(text[range.upperBound...])) }
        if let range = text.range(of: " in ") { return .isIn(String(text[..<range.lowerBound]).trimmingCharacters(in: .whitespaces), values(text[range.upperBound...])) }
        if let range = text.range(of: "!=") { return .notEquals(String(text[..<range.lowerBound]), String(text[range.upperBound...])) }
        if let range = text.range(of: "==") { return .equals(String(text[..<range.lowerBound]), String(text[range.upperBound...])) }
        if let range = text.range(of: "=") { return .equals(String(text[..<range.lowerBound]), String(text[range.upperBound...])) }
        if text.hasPrefix("!") { return .absent(String(text.dropFirst())) }
        return .exists(text)
    }

    /// Whether `labels` satisfy every requirement.
    public func matches(_ labels: [String: String]) -> Bool {
        requirements.allSatisfy { requirement in
            switch requirement {
            case .equals(let key, let value): return labels[key] == value
            case .notEquals(let key, let value): return labels[key] != value
            case .exists(let key): return labels[key] != nil
            case .absent(let key): return labels[key] == nil
            case .isIn(let key, let values): return labels[key].map(values.contains) ?? false
            case .notIn(let key, let values): return labels[key].map { !values.contains($0) } ?? true
            }
        }
    }
}
