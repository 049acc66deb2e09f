import Foundation
import KubeModel
import Testing
@testable import PodDiagnosis

/// Siblings are a shared view of a workload's pods that leaves the pod itself out, and the evidence of
/// many pods gives each exactly the siblings a copying filter would.
@Suite("Sibling pods")
struct SiblingPodsTests {
    static func pod(_ name: String, owner: String = "rs-1", namespace: String = "shop") -> Pod {
        Pod(metadata: ObjectMeta(name: name, namespace: namespace, uid: "uid-\(name)",
                                 ownerReferences: [OwnerReference(apiVersion: "apps/v1", kind: "ReplicaSet", name: "web", uid: owner, controller: true)]))
    }

    @Test func theViewLeavesOneOutInOrder() {
        let pods = (0..<5).map { Self.pod("p\($0)") }
        let view = SiblingPods(sharing: pods, leavingOut: 2)
        #expect(view.count == 4)
        #expect(view.map(\.metadata.name) == ["p0", "p1", "p3", "p4"])
        #expect(view[2].metadata.name == "p3")
        #expect(SiblingPods(sharing: pods, leavingOut: 4).map(\.metadata.name) == ["p0", "p1", "p2", "p3"])
        #expect(SiblingPods(pods).count == 5)
    }

    @Test func batchEvidenceHasTheSameSiblingsAsOnePodsEvidence() {
        var objects = ObjectSet()
        objects.pods = (0..<6).map { Self.pod("p\($0)") } + [Self.pod("other", owner: "rs-2"), Self.pod("elsewhere", namespace: "dev")]
        let now = Date()
        let batch = objects.evidence(for: objects.pods, now: now)
        for (pod, evidence) in zip(objects.pods, batch) {
            let alone = objects.evidence(for: pod, now: now)
            #expect(evidence.siblingPods.map(\.metadata.name) == alone.siblingPods.map(\.metadata.name), "\(pod.metadata.name ?? "")")
            #expect(!evidence.siblings.contains { $0.metadata.uid == pod.metadata.uid })
        }
        #expect(batch[0].siblings.count == 5)
        #expect(batch[6].siblings.isEmpty)
    }
}
