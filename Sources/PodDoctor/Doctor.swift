import Foundation
import KubeClient
import KubeModel
import PodDiagnosis

/// PodDoctor as a library: diagnose pods of a live cluster, or of objects already at hand.
///
/// ```swift
/// let client = try KubernetesClient(configuration: try ClientConfiguration.load())
/// let report = try await Doctor(client: client).diagnose(.namespace("shop"))
/// for pod in report.pods where pod.isFailing { print(pod.name, pod.findings[0].cause) }
/// ```
public struct Doctor: Sendable {
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
        // An invalid selector matches nothing (the CLI refuses it first, as the API server would).
        let matcher: SelectorMatcher?? = selector.map { try? SelectorMatcher($0) }
        let pods = objects.pods.filter { pod in
            if let namespace, (pod.metadata.namespace ?? "default") != namespace { return false }
            if let podName, pod.metadata.name != podName { return false }
            if let matcher {
                guard let matcher, matcher.matches(pod.metadata.labels ?? [:]) else { return false }
            }
            return true
        }
        var report = DiagnosisEngine.diagnose(pods, in: objects, now: now)
        report.moment = moment
        return report
    }
}
