import Foundation
import KubeModel
@testable import PodDoctor
import TestAPIServerHarness
import Testing

/// The watch's pod cache: a healthy pod is kept as a compact sibling that gives back exactly its
/// sibling form, a failing one whole; the controller index and a relist's changes stay right.
@Suite("Watch pod cache")
struct PodCacheTests {
    static func pod(_ index: Int, failing: Bool = false) throws -> Pod {
        try JSONDecoder().decode(Pod.self, from: Data(ScanFixture.pod(index, failing: failing).utf8))
    }

    @Test func aHealthyPodIsKeptAsItsSiblingFormAndAFailingOneWhole() throws {
        let cache = PodCache()
        let healthy = try Self.pod(1), failing = try Self.pod(2, failing: true)
        cache.upsert(ClusterCache.kept(pod: healthy, now: Date()))
        cache.upsert(ClusterCache.kept(pod: failing, now: Date()))
        let kept = try #require(cache.get(namespace: healthy.metadata.namespace, name: healthy.metadata.name ?? ""))
        #expect(kept == ClusterCache.sibling(healthy), "the compact record gives back the sibling form")
        #expect(ClusterCache.isSibling(kept))
        #expect(kept.status?.containerStatuses?.first?.ready == true && kept.status?.containerStatuses?.first?.state?.running != nil)
        #expect(kept.metadata.controller?.uid == healthy.metadata.controller?.uid)
        #expect(cache.get(namespace: failing.metadata.namespace, name: failing.metadata.name ?? "") == ClusterCache.kept(failing))
        #expect(cache.wholeCount == 1 && cache.count == 2)
    }

    @Test func theControllerIndexAndARelistStayRight() throws {
        let cache = PodCache()
        // Pods 0, 50, 100 share namespace team-0 and its ReplicaSet; 0 fails.
        let pods = try [0, 50, 100].map { try Self.pod($0, failing: $0 == 0) }.map { ClusterCache.kept(pod: $0, now: Date()) }
        var first = cache.replace(with: pods)
        #expect(first.changed.count == 3 && first.removed.isEmpty)
        #expect(cache.controlled(by: "rs-team-0").compactMap(\.metadata.name).sorted() == pods.compactMap(\.metadata.name).sorted())
        // Pod 50 starts failing (whole now), 100 is gone, 150 is new: the relist says so.
        var changed = try Self.pod(50, failing: true)
        changed.metadata.resourceVersion = "9999"
        first = cache.replace(with: [pods[0], changed, ClusterCache.kept(pod: try Self.pod(150), now: Date())])
        #expect(first.removed.compactMap(\.metadata.name) == [ScanFixture.name(100)])
        #expect(Set(first.changed) == ["team-0/\(ScanFixture.name(50))", "team-0/\(ScanFixture.name(150))"])
        #expect(cache.wholeCount == 2)
        cache.remove(changed)
        #expect(cache.controlled(by: "rs-team-0").compactMap(\.metadata.name).sorted() == [ScanFixture.name(0), ScanFixture.name(150)].sorted())
    }
}
