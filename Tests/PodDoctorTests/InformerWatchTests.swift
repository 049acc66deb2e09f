import Foundation
import KubeClient
import KubeModel
import Logging
import PodDiagnosis
import PodDoctor
import TestAPIServerHarness
import Testing

/// `watch` built like an informer: after its caches are filled, a change costs no request beyond
/// the watches themselves, except the logs of a container whose failure is new or changed; a pod
/// failing at the start is reported once (a relist does not report it again), and a recovery once.
@Suite("Informer watch", .serialized)
struct InformerWatchTests {
    /// A running watcher of namespace `rec` of the basic fixture, with what it reports and logs.
    struct Running {
        let server: TestAPIServer
        let client: KubernetesClient
        let reports = ReportBox()
        let captured = WatchErrorTests.Captured()
        let monitor = WatchMonitor()
        let task: Task<Void, any Error>

        /// The test's own reads, told apart from the watcher's by their User-Agent.
        static let driver = "poddoctor-test-driver"

        /// A watcher of a test API server whose clock stands at `clock` (by default one at which the
        /// fixture's crash loop is minutes old), or runs in real time (`nil`).
        init(clock: String? = "2026-11-25T13:45:00Z") async throws {
            server = try await TestAPIServer(["--fixtures", TestAPIServer.repositoryPath("Tests/Fixtures/apiserver-basic"), "--bookmark-interval", "0.5"]
                                             + (clock.map { ["--clock", $0] } ?? []))
            let monitor = monitor
            let client = try SnapshotAndWatchTests.client(server) { monitor.request($0) }
            var options = KubernetesClient.Options()
            options.userAgent = Self.driver
            self.client = try KubernetesClient(configuration: client.configuration, options: options)
            var watcher = PodWatcher(client: client, namespace: "rec")
            watcher.minimumInterval = 0
            watcher.recheckInterval = 0.5
            watcher.monitor = monitor
            let (captured, reports) = (captured, reports)
            watcher.logger = Logger(label: "test") { _ in captured }
            task = Task { [watcher] in try await watcher.run { reports.add($0) } }
        }

        /// Waits (up to 30 s) until the watcher logs a diagnosis of `pod` whose metadata contains every string of `with`.
        func diagnosed(_ pod: String, with: [String] = []) async -> Bool {
            for _ in 0..<300 {
                if captured.all.contains(where: { line in line.contains("diagnosed") && line.contains("rec/\(pod)") && with.allSatisfy(line.contains) }) {
                    return true
                }
                try? await Task.sleep(for: .milliseconds(100))
            }
            return false
        }

        /// The pod as the server holds it, as a JSON object to change and post back.
        func pod(_ name: String) async throws -> [String: Any] {
            let pod = try await client.get(Pod.self, name: name, namespace: "rec")
            var object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(pod)) as? [String: Any])
            object["apiVersion"] = "v1"
            object["kind"] = "Pod"
            return object
        }

        /// Posts a pod with its first container status of `container` changed by `change`.
        func change(_ name: String, container: String, _ change: (inout [String: Any]) -> Void) async throws {
            var object = try await pod(name)
            var status = try #require(object["status"] as? [String: Any])
            var statuses = try #require(status["containerStatuses"] as? [[String: Any]])
            let index = try #require(statuses.firstIndex { $0["name"] as? String == container })
            change(&statuses[index])
            status["containerStatuses"] = statuses
            object["status"] = status
            try await server.controlPost("/_control/objects", object)
        }

        /// The watcher's requests since `seq` that are not watches (lists and reads).
        func reads(since seq: Int) async throws -> [RecordedRequest] {
            try await server.requests().filter { $0.seq > seq && !$0.query.contains("watch=") && $0.header("User-Agent") != Self.driver }
        }
    }

    static let crashing = "web-7d4b9c8f6d-x7k2p"

    @Test func changesCostNoRequestsBeyondTheWatchesButANewFailuresLogs() async throws {
        let watch = try await Running()
        defer { watch.task.cancel() }
        #expect(await watch.reports.wait { $0.contains { $0.name == Self.crashing } })
        for _ in 0..<300 where !watch.monitor.isReady { try await Task.sleep(for: .milliseconds(100)) }
        #expect(watch.monitor.isReady)
        let start = try await watch.server.requests().map(\.seq).max() ?? 0
        // Its logs were read once, at the start: the crashed instance of the failing container (and
        // the completed init container's).
        let logReads = try await watch.server.requests().filter { $0.path.hasSuffix("/\(Self.crashing)/log") }.map(\.query)
        #expect(logReads.filter { $0.contains("container=app") } == ["container=app&previous=true&tailLines=200&limitBytes=262144"], "\(logReads)")

        // It crashes again and again the same way, and a healthy pod changes: diagnosed from the caches.
        for restart in 4...7 {
            try await watch.change(Self.crashing, container: "app") { status in
                status["restartCount"] = restart
                status["ready"] = false
                status["state"] = restart % 2 == 0 ? ["running": ["startedAt": "2026-11-25T13:44:5\(restart)Z"]]
                    : ["waiting": ["reason": "CrashLoopBackOff", "message": "back-off 40s restarting failed container=app"]]
            }
            var healthy = try await watch.pod("web-7d4b9c8f6d-4jz9q")
            healthy["metadata"] = (healthy["metadata"] as? [String: Any] ?? [:]).merging(["annotations": ["touched": "\(restart)"]]) { $1 }
            try await watch.server.controlPost("/_control/objects", healthy)
        }
        #expect(await watch.diagnosed(Self.crashing, with: ["restarts=7"]))
        // The only read: the first time it runs again, its running instance's log (as a scan reads it), once.
        let reads = try await watch.reads(since: start).map { "\($0.path)?\($0.query)" }
        #expect(reads.isEmpty || reads == ["/api/v1/namespaces/rec/pods/\(Self.crashing)/log?container=app&tailLines=200&limitBytes=262144"],
                "repeated crashes cost requests beyond the watches: \(reads)")
        #expect(watch.reports.count { $0.name == Self.crashing } == 1, "the same failure was reported again: \(watch.reports.all.filter { $0.name == Self.crashing }.map { ($0.status, $0.findings.first?.cause.rawValue ?? "") })")

        // A pod that is only starting (running for seconds, not ready yet) is looked at, not failing,
        // and costs no log read.
        try await watch.server.controlPost("/_control/objects", [
            "apiVersion": "v1", "kind": "Pod", "metadata": ["name": "starting-1", "namespace": "rec", "uid": UUID().uuidString.lowercased()],
            "spec": ["nodeName": "fake-node-1", "containers": [["name": "app", "image": "registry.example.com/app:1.0",
                                                               "readinessProbe": ["httpGet": ["path": "/ready", "port": 8080], "periodSeconds": 5]]]],
            "status": ["phase": "Running", "startTime": "2026-11-25T13:44:55Z",
                       "conditions": [["type": "Ready", "status": "False"], ["type": "ContainersReady", "status": "False"]],
                       "containerStatuses": [["name": "app", "ready": false, "restartCount": 0, "image": "registry.example.com/app:1.0", "imageID": "",
                                              "state": ["running": ["startedAt": "2026-11-25T13:44:56Z"]]]]],
        ] as [String: Any])
        #expect(await watch.diagnosed("starting-1", with: ["cause=healthy"]), "\(watch.captured.all.filter { $0.contains("starting-1") })")
        #expect(try await watch.reads(since: start).filter { $0.path.contains("starting-1") }.isEmpty, "a starting pod's logs were read")
        #expect(!watch.reports.contains { $0.name == "starting-1" })

        // Now it is killed for memory: a new failure, so its crashed instance's log is read, once.
        let beforeOOM = try await watch.server.requests().map(\.seq).max() ?? 0
        try await watch.change(Self.crashing, container: "app") { status in
            status["restartCount"] = 8
            status["state"] = ["waiting": ["reason": "CrashLoopBackOff", "message": "back-off 1m20s restarting failed container=app"]]
            status["lastState"] = ["terminated": ["exitCode": 137, "reason": "OOMKilled", "startedAt": "2026-11-25T13:44:20Z", "finishedAt": "2026-11-25T13:44:50Z"]]
        }
        #expect(await watch.reports.wait { $0.contains { $0.name == Self.crashing && $0.findings.first?.cause == .oomKilled } })
        let newReads = try await watch.reads(since: beforeOOM)
        #expect(newReads.map(\.path) == ["/api/v1/namespaces/rec/pods/\(Self.crashing)/log"], "\(newReads.map { "\($0.path)?\($0.query)" })")
        #expect(newReads.first?.query.contains("previous=true") == true)
        #expect(newReads.first?.query.contains("container=app") == true)
    }

    @Test func aFailingPodIsReportedOnceThroughARelistAndItsRecoveryOnce() async throws {
        let watch = try await Running()
        defer { watch.task.cancel() }
        #expect(await watch.reports.wait { $0.contains { $0.name == Self.crashing } })
        // The API server restarts and its watch cache is gone (410): every cache lists again, and
        // nothing known is reported again.
        try await watch.server.controlPost("/_control/end-watches", ["expire": true])
        try await watch.server.controlPost("/_control/objects", SnapshotAndWatchTests.failingPod("after-relist"))
        // Meanwhile it crashes once more, the same way.
        try await watch.change(Self.crashing, container: "app") { status in status["restartCount"] = 4 }
        #expect(await watch.reports.wait { $0.contains { $0.name == "after-relist" } })
        #expect(await watch.diagnosed(Self.crashing, with: ["restarts=4"]), "the change after the restart was not looked at")
        let samples = MonitorTests.parse(watch.monitor.exposition())
        #expect((samples["poddoctor_watch_relists_total{kind=\"Pod\"}"] ?? 0) >= 2, "\(samples.filter { $0.key.contains("relists") })")
        #expect(watch.reports.count { $0.name == Self.crashing } == 1, "a relist reported a known failure again")

        // It recovers: said once, as recovered (a report that is not failing).
        try await watch.change(Self.crashing, container: "app") { status in
            status["ready"] = true
            status["restartCount"] = 0
            status["state"] = ["running": ["startedAt": "2026-11-25T13:30:00Z"]]
            status["lastState"] = [:] as [String: Any]
        }
        var object = try await watch.pod(Self.crashing)
        var status = try #require(object["status"] as? [String: Any])
        status["conditions"] = [["type": "Ready", "status": "True"], ["type": "ContainersReady", "status": "True"]]
        object["status"] = status
        try await watch.server.controlPost("/_control/objects", object)
        #expect(await watch.reports.wait { $0.contains { $0.name == Self.crashing && !$0.isFailing } })
        try await Task.sleep(for: .seconds(1.5))
        #expect(watch.reports.count { $0.name == Self.crashing && !$0.isFailing } == 1)
        let failing = MonitorTests.parse(watch.monitor.exposition()).filter { $0.key.hasPrefix("poddoctor_failing_pods{") }
        #expect(failing.values.reduce(0, +) == 2 && failing["poddoctor_failing_pods{namespace=\"rec\",cause=\"liveness-probe-kill\"}"] == 0,
                "only after-relist and the unschedulable pod fail now: \(failing)")
    }

    /// A failing pod being deleted has not recovered: nothing is said of it, and once it outstays its
    /// grace period it is looked at again with no change to the pod (stuck terminating is a warning, which
    /// `watch` leaves to `diagnose`; it is no longer reported as failing either).
    @Test func aPodBeingDeletedIsNotARecoveryAndIsLookedAtAgainOnceItOutstaysItsGrace() async throws {
        // The real clock: the deletion's grace runs out while the test waits.
        let watch = try await Running(clock: nil)
        defer { watch.task.cancel() }
        var doomed = SnapshotAndWatchTests.failingPod("doomed")
        try await watch.server.controlPost("/_control/objects", doomed)
        #expect(await watch.reports.wait { $0.contains { $0.name == "doomed" && $0.isFailing } })
        // Deleted 58 s ago (the API server's clock): within the 60 s PodDoctor allows, for 2 s more.
        var metadata = try #require(doomed["metadata"] as? [String: Any])
        metadata["deletionTimestamp"] = Time(Date(timeIntervalSinceNow: -58)).description
        metadata["deletionGracePeriodSeconds"] = 0
        doomed["metadata"] = metadata
        try await watch.server.controlPost("/_control/objects", doomed)
        #expect(await watch.diagnosed("doomed", with: ["status=Terminating"]),
                "a pod past its deletion's grace was not looked at again: \(watch.captured.all.filter { $0.contains("doomed") })")
        let said = watch.reports.all.filter { $0.name == "doomed" }
        #expect(said.count == 1, "a pod being deleted was reported again (as recovered?): \(said.map { $0.findings.first?.cause.rawValue ?? "recovered" })")
    }

    /// What the watch says of a scenario's pod, from its caches, is what a namespace scan says.
    @Test(arguments: [
        "01-oom-node-heap", "03-liveness-kill-exit137", "12-missing-env-var-python", "13-config-yaml-invalid",
        "14-dependency-refused-no-endpoints", "15-dependency-dns-no-service", "20-segfault-daemonset",
        "27-missing-configmap-other-namespace", "29-missing-secret", "32-image-not-found-tag-typo", "43-unschedulable-unbound-pvc",
        "48-node-not-ready", "52-rollout-regression", "53-failing-on-one-node", "60-workload-oom-3-pods", "76-node-reboot-survived",
    ])
    func theWatchSaysWhatAScanSays(_ name: String) async throws {
        let scenario = try ScenarioFolder(name)
        let folder = try scenario.servableCopy()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try await TestAPIServer(["--fixtures", folder, "--clock", scenario.expected.now])
        let client = try SnapshotAndWatchTests.client(server)
        let namespace = scenario.expected.pod.namespace
        let scan = try await Doctor(client: client).diagnose(.namespace(namespace))
        let expected = try #require(scan.pods.first { $0.name == scenario.expected.pod.name })
        let reports = ReportBox()
        let captured = WatchErrorTests.Captured()
        var watcher = PodWatcher(client: client, namespace: namespace)
        watcher.logger = Logger(label: "test") { _ in captured }
        let task = Task { [watcher] in try await watcher.run { reports.add($0) } }
        defer { task.cancel() }
        if expected.isFailing {
            #expect(await reports.wait { $0.contains { $0.name == expected.name } }, "\(name): never reported")
            let reported = try #require(reports.first { $0.name == expected.name })
            #expect(reported.findings.first?.cause == expected.findings.first?.cause, "\(name): \(reported.findings.map(\.cause)) vs \(expected.findings.map(\.cause))")
            #expect(reported.findings.first?.container == expected.findings.first?.container)
            #expect(reported.findings.first?.confidence == expected.findings.first?.confidence, "\(name)")
            #expect(reported.findings.first?.title == expected.findings.first?.title, "\(name)")
            #expect(reported.findings.first?.fix.summary == expected.findings.first?.fix.summary, "\(name)")
        } else {
            // Not failing: looked at (when it needs more than its status) and never reported.
            let pod = try await client.get(Pod.self, name: expected.name, namespace: namespace)
            let needsLook = PodHealth(pod: pod, now: scenario.now).needsEvidence
            var looked = false
            for _ in 0..<300 where needsLook && !looked {
                looked = captured.all.contains { $0.contains("diagnosed") && $0.contains("\(namespace)/\(expected.name)") }
                if !looked { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(looked || !needsLook, "\(name): the watch never looked at the pod")
            #expect(!reports.contains { $0.name == expected.name }, "\(name): a pod a scan finds well was reported")
        }
    }
}

extension ReportBox {
    /// How many reports satisfy `condition`.
    func count(where condition: (PodReport) -> Bool) -> Int { all.filter(condition).count }
    /// The first report that satisfies `condition`.
    func first(where condition: (PodReport) -> Bool) -> PodReport? { all.first(where: condition) }
}
