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

    @Test func aPodRecreatedUnderItsNameIsAnotherPod() throws {
        let cache = PodCache()
        let first = ClusterCache.kept(pod: try Self.pod(1), now: Date())
        cache.replace(with: [first])
        // A StatefulSet's pod deleted and created again while the watch was away: same name, same
        // resourceVersion even, another uid.
        var again = first
        again.metadata.uid = "another-uid"
        let relist = cache.replace(with: [again])
        #expect(relist.removed.compactMap(\.metadata.uid) == [first.metadata.uid].compactMap { $0 }, "the old pod is gone")
        #expect(relist.changed == ["team-1/\(ScanFixture.name(1))"], "its successor is new")
    }

    @Test func sharedOwnerReferencesGoWithTheirLastPod() throws {
        let cache = PodCache()
        let pods = try [1, 51].map { ClusterCache.kept(pod: try Self.pod($0), now: Date()) }  // one ReplicaSet in team-1
        for pod in pods { cache.upsert(pod) }
        var job = pods[0]
        job.metadata.name = "job-pod"
        job.metadata.ownerReferences = [OwnerReference(apiVersion: "batch/v1", kind: "Job", name: "nightly-1", uid: "job-1", controller: true)]
        cache.upsert(job)
        #expect(cache.ownerSets == 2)
        cache.remove(job)
        #expect(cache.ownerSets == 1, "a finished Job's owner references outlive its pod")
        for pod in pods { cache.remove(pod) }
        #expect(cache.ownerSets == 0 && cache.count == 0)
    }
}

/// What `watch` reads of a failing container's logs: each instance once per failure, never again for
/// the same failure, and again for a new one.
@Suite("Watch log cache")
struct LogCacheTests {
    static func pod(restarts: Int, state: ContainerState, last: ContainerStateTerminated?) -> Pod {
        var pod = Pod(metadata: ObjectMeta(name: "api", namespace: "shop", uid: "u1"))
        var spec = PodSpec()
        spec.nodeName = "node-1"
        pod.spec = spec
        pod.status = PodStatus(phase: PodPhase(rawValue: "Running"), containerStatuses: [
            ContainerStatus(name: "app", ready: false, restartCount: restarts, state: state, lastState: last.map { ContainerState(terminated: $0) }),
        ])
        return pod
    }

    @Test func eachInstanceIsReadOncePerFailure() {
        let cache = LogCache()
        let exit1 = ContainerStateTerminated(exitCode: 1, reason: "Error")
        // First seen terminated, before any restart: its current instance is the crashed one.
        let ended = Self.pod(restarts: 0, state: ContainerState(terminated: exit1), last: nil)
        let first = cache.missing(for: ended, uid: "u1")
        #expect(first.map(\.read) == [LogPlan.Read(container: "app", previous: false)])
        for (signature, read) in first { cache.store(uid: "u1", read: read, signature: signature, text: "boom") }
        // Then waiting to restart: the same failure, but now the crash log is the previous instance's,
        // which was not read: it is asked for (the crash log must not go missing).
        let waiting = Self.pod(restarts: 1, state: ContainerState(waiting: ContainerStateWaiting(reason: "CrashLoopBackOff")), last: exit1)
        let second = cache.missing(for: waiting, uid: "u1")
        #expect(second.map(\.read) == [LogPlan.Read(container: "app", previous: true)])
        for (signature, read) in second { cache.store(uid: "u1", read: read, signature: signature, text: "boom") }
        // It crashes again the same way, many times: nothing more to read.
        #expect(cache.missing(for: Self.pod(restarts: 7, state: ContainerState(waiting: ContainerStateWaiting(reason: "CrashLoopBackOff")), last: exit1), uid: "u1").isEmpty)
        // A new failure (killed for memory): read again.
        let oom = ContainerStateTerminated(exitCode: 137, reason: "OOMKilled")
        let third = cache.missing(for: Self.pod(restarts: 8, state: ContainerState(waiting: ContainerStateWaiting(reason: "CrashLoopBackOff")), last: oom), uid: "u1")
        #expect(third.map(\.read) == [LogPlan.Read(container: "app", previous: true)])
    }

    @Test func aForbiddenReadIsSaidEveryTimeButNotAskedAgain() {
        let cache = LogCache()
        let pod = Self.pod(restarts: 2, state: ContainerState(waiting: ContainerStateWaiting(reason: "CrashLoopBackOff")),
                           last: ContainerStateTerminated(exitCode: 1, reason: "Error"))
        for (signature, read) in cache.missing(for: pod, uid: "u1") {
            cache.store(uid: "u1", read: read, signature: signature, text: nil, unreadable: "reading pod logs is forbidden")
        }
        #expect(cache.missing(for: pod, uid: "u1").isEmpty)
        #expect(cache.logs(for: pod, uid: "u1").unreadable.values.contains("reading pod logs is forbidden"))
    }
}
