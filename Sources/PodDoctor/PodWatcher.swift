import Foundation
import KubeClient
import KubeModel
import PodDiagnosis

/// Watches pods and diagnoses each one when it starts failing or its cause changes. Survives API
/// server restarts and expired watches (the watch reconnects and lists again; nothing is missed).
public struct PodWatcher: Sendable {
    let client: KubernetesClient
    let namespace: String?
    /// The shortest time between two diagnoses of one pod whose status reason did not change.
    public var minimumInterval: TimeInterval = 10

    /// Watches `namespace`, or every namespace when `nil`.
    public init(client: KubernetesClient, namespace: String?) {
        self.client = client
        self.namespace = namespace
    }

    /// Runs until the task is cancelled; `report` is called for each new or changed diagnosis.
    public func run(report: @Sendable (PodReport) async -> Void) async throws {
        var state: [String: (key: String, status: String, at: Date)] = [:]
        let doctor = PodDoctor(client: client)
        func consider(_ pod: Pod) async {
            guard let uid = pod.metadata.uid ?? pod.metadata.name else { return }
            let status = PodStatusColumn.status(of: pod)
            guard EvidenceGatherer.needsEvidence(pod) else {
                state[uid] = nil
                return
            }
            // A pod already reported as failing is not diagnosed again within the interval unless its
            // status changes; a pod not (yet) failing is looked at on every change, so nothing is missed.
            if let previous = state[uid], previous.key != "healthy", previous.status == status,
               Date().timeIntervalSince(previous.at) < minimumInterval { return }
            guard let name = pod.metadata.name,
                  let diagnosis = try? await doctor.diagnose(.pod(name: name, namespace: pod.metadata.namespace ?? "default")),
                  let result = diagnosis.pods.first
            else { return }
            let first = result.findings.first { $0.severity == .critical }
            let key = first.map { "\($0.cause.rawValue)/\($0.container ?? "")" } ?? "healthy"
            let changed = state[uid]?.key != key
            state[uid] = (key, status, Date())
            if changed && result.isFailing { await report(result) }
        }
        for try await event in client.watch(Pod.self, namespace: namespace) {
            switch event {
            case .listed(let pods, _):
                let present = Set(pods.compactMap { $0.metadata.uid ?? $0.metadata.name })
                state = state.filter { present.contains($0.key) }
                for pod in pods { await consider(pod) }
            case .added(let pod), .modified(let pod):
                await consider(pod)
            case .deleted(let pod):
                state[pod.metadata.uid ?? pod.metadata.name ?? ""] = nil
            case .bookmark:
                break
            }
        }
    }
}
