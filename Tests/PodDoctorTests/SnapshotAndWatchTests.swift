import Foundation
import KubeClient
import KubeModel
import PodDiagnosis
import PodDoctor
import TestAPIServerHarness
import Testing

@Suite("Snapshots and watch")
struct SnapshotAndWatchTests {
    static func client(_ server: TestAPIServer) throws -> KubernetesClient {
        try KubernetesClient(configuration: ClientConfiguration(
            server: server.baseURL, tls: TLSConfiguration(certificateAuthorityPEM: TestAPIServer.certificate("ca.pem")), proxy: .none))
    }

    @Test func snapshotRoundTripGivesTheSameDiagnosis() async throws {
        let scenario = try ScenarioFolder("27-missing-configmap-other-namespace")
        let folder = try scenario.servableCopy()
        let server = try await TestAPIServer(["--fixtures", folder])
        let client = try Self.client(server)
        let scope = DiagnosisScope.namespace(scenario.expected.pod.namespace)
        let live = try await PodDoctor(client: client).diagnose(scope, now: scenario.now)

        let objects = try await EvidenceGatherer(client: client).gather(scope, now: scenario.now)
        let output = NSTemporaryDirectory() + "poddoctor-snapshot-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: output) }
        try SnapshotWriter().write(objects, to: output, takenAt: scenario.now)
        let read = try SnapshotReader().read([output])
        #expect(read.takenAt.map { abs($0.timeIntervalSince(scenario.now)) < 1 } == true)
        let offline = PodDoctor.diagnose(read.objects, now: read.takenAt ?? scenario.now)
        #expect(offline.pods.map(\.name) == live.pods.map(\.name))
        #expect(offline.pods.map { $0.findings.first?.cause } == live.pods.map { $0.findings.first?.cause })
        // Secrets are metadata only.
        let list = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output + "/objects.json"))) as? [String: Any]
        let items = (list?["items"] as? [[String: Any]]) ?? []
        #expect(!items.isEmpty)
        for secret in items where secret["kind"] as? String == "Secret" {
            #expect(secret["data"] == nil && secret["stringData"] == nil)
        }
    }

    @Test func redactedSnapshotHidesNamesConsistently() async throws {
        let scenario = try ScenarioFolder("14-dependency-refused-no-endpoints")
        let read = try SnapshotReader().read([scenario.path])
        let output = NSTemporaryDirectory() + "poddoctor-redacted-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: output) }
        try SnapshotWriter(redact: true).write(read.objects, to: output, takenAt: scenario.now)
        let text = try String(contentsOfFile: output + "/objects.json", encoding: .utf8)
        #expect(!text.contains(scenario.expected.pod.name))
        #expect(!text.contains("\"\(scenario.expected.pod.namespace)\""))
        #expect(!text.contains("10.96.14.200"))
        // Still diagnosable: the same cause under placeholder names.
        let redacted = try SnapshotReader().read([output])
        let report = PodDoctor.diagnose(redacted.objects, now: scenario.now)
        // The log's address and the Service's ClusterIP got the same placeholder: the Service is still found.
        let finding = try #require(report.pods.compactMap(\.findings.first).first { $0.cause.rawValue == scenario.expected.findings0?.cause })
        #expect(finding.confidence == .high, "\(finding.title)")
    }

    @Test func redactionKeepsKeysAndAnnotationsReadable() throws {
        let scenario = try ScenarioFolder("52-rollout-regression")
        let read = try SnapshotReader().read([scenario.path])
        let output = NSTemporaryDirectory() + "poddoctor-redacted-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: output) }
        try SnapshotWriter(redact: true).write(read.objects, to: output, takenAt: scenario.now)
        let text = try String(contentsOfFile: output + "/objects.json", encoding: .utf8)
        #expect(text.contains("deployment.kubernetes.io/revision"))
        #expect(text.contains("\"apiVersion\""))
        let report = PodDoctor.diagnose(try SnapshotReader().read([output]).objects, now: scenario.now)
        #expect(report.pods.flatMap(\.findings).contains { $0.cause.rawValue == "rollout-regression" })
        // Writing again over an earlier snapshot replaces it; a folder with other files is refused.
        try SnapshotWriter(redact: true).write(read.objects, to: output, takenAt: scenario.now)
        let other = NSTemporaryDirectory() + "poddoctor-other-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: true)
        try "keep me".write(toFile: other + "/notes.txt", atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: other) }
        #expect(throws: SnapshotError.self) { try SnapshotWriter().write(read.objects, to: other, takenAt: scenario.now) }
    }

    @Test func watchReportsAPodThatStartsFailingAndSurvivesADrop() async throws {
        let server = try await TestAPIServer(["--fixtures", TestAPIServer.repositoryPath("Tests/Fixtures/apiserver-basic"), "--bookmark-interval", "0.5"])
        let client = try Self.client(server)
        let reports = ReportBox()
        let watcher = Task {
            var watcher = PodWatcher(client: client, namespace: "rec")
            watcher.minimumInterval = 0
            try await watcher.run { reports.add($0) }
        }
        defer { watcher.cancel() }
        // The crash-looping pod of the fixture is reported from the first list.
        #expect(await reports.wait { $0.contains { $0.name == "web-7d4b9c8f6d-x7k2p" } })

        try await server.controlPost("/_control/objects", Self.failingPod("late-1"))
        #expect(await reports.wait { $0.contains { $0.name == "late-1" } })

        try await server.addFault(["path_prefix": "/api/v1/namespaces/rec/pods", "drop": true, "times": 1])
        try await server.controlPost("/_control/compact", [:])
        try await server.controlPost("/_control/objects", Self.failingPod("late-2"))
        #expect(await reports.wait { $0.contains { $0.name == "late-2" && $0.findings.first?.cause == .imageNotFound } })
        let methods = Set(try await server.requests().map(\.method))
        #expect(methods == ["GET"])
    }

    static func failingPod(_ name: String) -> [String: Any] {
        ["apiVersion": "v1", "kind": "Pod",
         "metadata": ["name": name, "namespace": "rec", "uid": UUID().uuidString.lowercased()],
         "spec": ["containers": [["name": "app", "image": "registry.example.com/app:does-not-exist"]], "nodeName": "fake-node-1"],
         "status": ["phase": "Pending", "containerStatuses": [[
            "name": "app", "ready": false, "restartCount": 0, "image": "registry.example.com/app:does-not-exist", "imageID": "",
            "state": ["waiting": ["reason": "ImagePullBackOff",
                                  "message": "Back-off pulling image \"registry.example.com/app:does-not-exist\": ErrImagePull: manifest unknown"]],
         ]]]]
    }
}

/// Collects watch reports from another task.
final class ReportBox: @unchecked Sendable {
    private let lock = NSLock()
    private var reports: [PodReport] = []
    func add(_ report: PodReport) { lock.withLock { reports.append(report) } }
    /// Waits up to `seconds` (20 by default) for `condition` to hold.
    func wait(seconds: Double = 20, _ condition: ([PodReport]) -> Bool) async -> Bool {
        for _ in 0..<Int(seconds * 10) {
            if lock.withLock({ condition(reports) }) { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return lock.withLock { condition(reports) }
    }
}

@Suite("Forbidden reads degrade, not fail")
struct ForbiddenTests {
    @Test func aForbiddenReadDegradesOneFindingAndIsReported() async throws {
        let scenario = try ScenarioFolder("27-missing-configmap-other-namespace")
        let folder = try scenario.servableCopy()
        let server = try await TestAPIServer(["--fixtures", folder, "--forbid", "list:events", "--forbid", "get:configmaps", "--forbid", "list:configmaps"])
        let client = try SnapshotAndWatchTests.client(server)
        let report = try await PodDoctor(client: client).diagnose(
            .pod(name: scenario.expected.pod.name, namespace: scenario.expected.pod.namespace), now: scenario.now)
        let pod = try #require(report.pods.first)
        // Still diagnosed from the container status, with less confidence, and the report says what was missing.
        #expect(pod.findings.first?.cause.rawValue == "missing-configmap")
        #expect(pod.findings.first?.confidence == .medium)
        let warnings = (report.warnings ?? []).joined(separator: "\n")
        #expect(warnings.contains("events"), "\(warnings)")
        #expect(warnings.contains("ConfigMap"), "\(warnings)")
    }
}

@Suite("Partial input")
struct PartialInputTests {
    @Test func aPodAloneSaysNothingAboutConfigMapsItDidNotSee() throws {
        let scenario = try ScenarioFolder("27-missing-configmap-other-namespace")
        let all = try SnapshotReader().read([scenario.path])
        let pod = try #require(all.objects.pods.first { $0.metadata.name == scenario.expected.pod.name })
        // Only the pod, as `kubectl get pod NAME -o json` gives it.
        let file = NSTemporaryDirectory() + "poddoctor-pod-\(UUID().uuidString).json"
        defer { try? FileManager.default.removeItem(atPath: file) }
        var object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(pod)) as? [String: Any])
        object["kind"] = "Pod"
        object["apiVersion"] = "v1"
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: file))
        let read = try SnapshotReader().read([file])
        let report = PodDoctor.diagnose(read.objects, now: scenario.now)
        let finding = try #require(report.pods.first?.findings.first)
        #expect(finding.cause.rawValue == "missing-configmap")
        // The kubelet's message is the evidence; the absence itself was not checked.
        #expect(finding.confidence == .medium)
        #expect(!finding.evidence.contains { $0.source == "object" && $0.text.hasPrefix("not found") })
    }
}

@Suite("Watch rechecks")
struct WatchRecheckTests {
    @Test func aFailureThatArrivesAsEventsOnlyIsReported() async throws {
        let server = try await TestAPIServer(["--fixtures", TestAPIServer.repositoryPath("Tests/Fixtures/apiserver-basic")])
        let client = try SnapshotAndWatchTests.client(server)
        let uid = UUID().uuidString.lowercased()
        // A pod stuck in ContainerCreating: nothing wrong is visible on the pod itself.
        try await server.controlPost("/_control/objects", [
            "apiVersion": "v1", "kind": "Pod",
            "metadata": ["name": "stuck-1", "namespace": "rec", "uid": uid],
            "spec": ["nodeName": "fake-node-1", "containers": [["name": "app", "image": "registry.example.com/app:1.0"]],
                     "volumes": [["name": "data", "persistentVolumeClaim": ["claimName": "data-claim"]]]],
            "status": ["phase": "Pending", "containerStatuses": [[
                "name": "app", "ready": false, "restartCount": 0, "image": "registry.example.com/app:1.0", "imageID": "",
                "state": ["waiting": ["reason": "ContainerCreating"]]]]],
        ] as [String: Any])
        let reports = ReportBox()
        let watcher = Task {
            var watcher = PodWatcher(client: client, namespace: "rec")
            watcher.recheckInterval = 0.5
            try await watcher.run { reports.add($0) }
        }
        defer { watcher.cancel() }
        try await Task.sleep(for: .seconds(1))
        #expect(!(await reports.wait(seconds: 0.5) { $0.contains { $0.name == "stuck-1" } }))
        // Then only an event arrives; the pod object does not change.
        let now = Time(Date()).description
        try await server.controlPost("/_control/objects", [
            "apiVersion": "v1", "kind": "Event",
            "metadata": ["name": "stuck-1.mount", "namespace": "rec"],
            "involvedObject": ["kind": "Pod", "namespace": "rec", "name": "stuck-1", "uid": uid],
            "reason": "FailedMount", "type": "Warning", "count": 3, "firstTimestamp": now, "lastTimestamp": now,
            "message": "Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[data]: timed out waiting for the condition",
            "source": ["component": "kubelet"],
        ] as [String: Any])
        #expect(await reports.wait { $0.contains { $0.name == "stuck-1" && $0.findings.first?.cause == .volumeMountFailed } })
    }
}
