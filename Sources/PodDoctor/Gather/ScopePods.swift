import Foundation
import KubeModel
import PodDiagnosis

/// The pods of one gathering, each judged once: those that need more than their own status, and
/// all of them, the healthy ones slimmed to what the engine reads of them.
struct ScopePods: Sendable {
    /// Whether healthy pods are slimmed (``EvidenceGatherer/slimHealthyPods``).
    let slim: Bool
    /// Every pod, in the order read.
    private(set) var all: [Pod] = []
    /// The pods that need their events, logs and referenced objects (``PodHealth/needsEvidence``).
    private(set) var failing: [Pod] = []

    /// An empty set of pods.
    init(slim: Bool) {
        self.slim = slim
    }

    /// Adds pods read at `now`; returns those that need evidence.
    @discardableResult
    mutating func add(_ pods: [Pod], now: Date) -> [Pod] {
        var found: [Pod] = []
        for pod in pods {
            if EvidenceGatherer.needsEvidence(pod, now: now) {
                failing.append(pod)
                found.append(pod)
                all.append(pod)
            } else {
                all.append(slim ? Self.slimmed(pod) : pod)
            }
        }
        return found
    }

    /// A healthy pod reduced to what the engine reads of it: a sibling's node and readiness, its
    /// status column, owner and images.
    static func slimmed(_ pod: Pod) -> Pod {
        var slim = Pod(metadata: ObjectMeta(
            name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid,
            resourceVersion: pod.metadata.resourceVersion, creationTimestamp: pod.metadata.creationTimestamp,
            labels: pod.metadata.labels, ownerReferences: pod.metadata.ownerReferences))
        slim.metadata.deletionTimestamp = pod.metadata.deletionTimestamp
        var spec = PodSpec()
        spec.nodeName = pod.spec?.nodeName
        spec.restartPolicy = pod.spec?.restartPolicy
        spec.containers = (pod.spec?.containers ?? []).map { Container(name: $0.name, image: $0.image) }
        spec.initContainers = pod.spec?.initContainers?.map { Container(name: $0.name, image: $0.image, restartPolicy: $0.restartPolicy) }
        slim.spec = spec
        slim.status = pod.status
        return slim
    }
}
