import Foundation
import Logging
import KubeClient
import KubeModel
import PodDiagnosis
import PodDoctor
import TestAPIServerHarness
import Testing

@Suite("Snapshots and watch")
struct SnapshotAndWatchTests {
    /// A client of the test server, with room for a watcher's connections (HTTP/1.1: one per watch).
    static func client(_ server: TestAPIServer, observer: (@Sendable (TransferMetrics) -> Void)? = nil) throws -> KubernetesClient {
        var options = KubernetesClient.Options()
        options.maxConnectionsPerHost = PodWatcher.connectionsNeeded()
        options.observer = observer
        return try KubernetesClient(configuration: ClientConfiguration(
            server: server.baseURL, tls: TLSConfiguration(certificateAuthorityPEM: TestAPIServer.certificate("ca.pem")), proxy: .none), options: options)
    }

    @Test func snapshotRoundTripGivesTheSameDiagnosis() async throws {
        let scenario = try ScenarioFolder("27-missing-configmap-other-namespace")
        let folder = try scenario.servableCopy()
        let server = try await TestAPIServer(["--fixtures", folder])
        let client = try Self.client(server)
        let scope = DiagnosisScope.namespace(scenario.expected.pod.namespace)
        let live = try await Doctor(client: client).diagnose(scope, now: scenario.now)

        let objects = try await EvidenceGatherer(client: client).gather(scope, now: scenario.now)
        let output = NSTemporaryDirectory() + "poddoctor-snapshot-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: output) }
        try SnapshotWriter().write(objects, to: output, takenAt: scenario.now)
        let read = try SnapshotReader().read([output])
        #expect(read.takenAt.map { abs($0.timeIntervalSince(scenario.now)) < 1 } == true)
        let offline = Doctor.diagnose(read.objects, now: read.takenAt ?? scenario.now)
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
        let report = Doctor.diagnose(redacted.objects, now: scenario.now)
        // The log's address and the Service's ClusterIP got the same placeholder: the Service is still found.
        let finding = try #require(report.pods.compactMap(\.findings.first).first { $0.cause.rawValue == scenario.expected.findings0?.cause })
        #expect(finding.confidence == .high, "\(finding.title)")
    }

    /// A redacted snapshot of several scenarios, with credentials, dotted names and IPv6 addresses
    /// planted, contains none of the original names, addresses or credentials; a plain snapshot
    /// still has no env values, ConfigMap values, last-applied copies or credentials in logs.
    @Test(arguments: ["demo", "14-dependency-refused-no-endpoints", "27-missing-configmap-other-namespace", "13-config-yaml-invalid",
                      "52-rollout-regression", "63-oom-loop-running-now", "68-runtime-error-cgroup-crio", "76-node-reboot-survived"])
    func snapshotsAreSafeToHandOver(_ name: String) throws {
        let path = name == "demo" ? TestAPIServer.repositoryPath("Examples/demo") : try ScenarioFolder(name).path
        var objects = try SnapshotReader().read([path]).objects
        let target = try #require(name == "demo" ? objects.pods.first : objects.pods.first { $0.metadata.name == (try? ScenarioFolder(name))?.expected.pod.name })
        let podName = target.metadata.name ?? ""
        let podNamespace = target.metadata.namespace ?? "default"
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        let credentials = ["S3cretPw!", "abcdefghijklmnop.bearer", "AKIAIOSFODNN7EXAMPLE", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJl",
                           "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", "hunter2-env-value", "wJalrXUtnFEMIK7MDENG", "TOKEN-PLANTED-GH"]
        let planted = """
            connecting to postgres://app:S3cretPw!@db.internal:5432/orders
            GET /api Authorization: Bearer abcdefghijklmnop.bearer
            aws: AKIAIOSFODNN7EXAMPLE aws_secret_access_key=wJalrXUtnFEMIK7MDENG
            token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJl
            -----BEGIN RSA PRIVATE KEY-----
            MIIEvQIBADANBgkqhkiG9w0BAQEFAASC
            -----END RSA PRIVATE KEY-----
            peer fd00:10:244:1::2f and 2001:db8:ffff:0:0:0:0:9 and node ip-10-0-1-23.ec2.internal (ip-10-0-1-23)
            connection refused by 10.0.1.23.
            DB_PASSWORD=hunter2-env-value GITHUB_TOKEN=TOKEN-PLANTED-GH --password hunter2-env-value
            """
        let pod = try #require(objects.pods.firstIndex { $0.metadata.name == podName && $0.metadata.namespace == podNamespace })
        objects.pods[pod].spec?.nodeName = "ip-10-0-1-23.ec2.internal"
        objects.pods[pod].status?.podIPs = [PodIP(ip: "fd00:10:244:1::2f")]
        objects.pods[pod].metadata.annotations = ["kubectl.kubernetes.io/last-applied-configuration": #"{"spec":{"containers":[{"env":[{"value":"hunter2-env-value"}]}]}}"#]
        let env = objects.pods[pod].spec?.containers.first?.env ?? []
        objects.pods[pod].spec?.containers[0].env = env + [EnvVar(name: "DB_PASSWORD", value: "hunter2-env-value")]
        objects.configMaps.append(ConfigMap(metadata: ObjectMeta(name: "app.config", namespace: podNamespace), data: ["settings.yaml": "api_key: hunter2-env-value"]))
        objects.logs[ObjectSet.LogKey(namespace: podNamespace, pod: podName, container: "app", previous: false)] = planted
        let names = Set(objects.pods.map(\.metadata.name) + objects.pods.map(\.metadata.namespace) + objects.nodes.map(\.metadata.name)
            + objects.pods.map { $0.spec?.nodeName } + objects.services.map(\.metadata.name) + objects.configMaps.map(\.metadata.name)
            + objects.deployments.map(\.metadata.name) + objects.replicaSets.map(\.metadata.name) + objects.secrets.map(\.metadata.name)
            + ["ip-10-0-1-23"]).compactMap { $0 }.filter { !["default", "kube-system", "kube-root-ca.crt", "kubernetes"].contains($0) }
        let addresses = Set(objects.pods.compactMap { $0.status?.podIP } + objects.services.compactMap { $0.spec?.clusterIP }.filter { $0 != "None" }
            + ["fd00:10:244:1::2f", "2001:db8:ffff:0:0:0:0:9", "10.0.1.23"])

        for redact in [false, true] {
            let output = NSTemporaryDirectory() + "poddoctor-safe-" + UUID().uuidString
            defer { try? FileManager.default.removeItem(atPath: output) }
            try SnapshotWriter(redact: redact).write(objects, to: output, takenAt: now)
            var text = ""
            var meta = ""
            for file in FileManager.default.enumerator(atPath: output)?.compactMap({ $0 as? String }) ?? [] {
                let content = (try? String(contentsOfFile: output + "/" + file, encoding: .utf8)) ?? ""
                // snapshot.json's list of what was removed is PodDoctor's own prose ("Secret data ..."): searched for credentials only.
                if file == "snapshot.json" { meta = content } else { text += file + "\n" + content + "\n" }
            }
            for credential in credentials { #expect(!(text + meta).contains(credential), "\(name) redact=\(redact): \(credential) is in the snapshot") }
            #expect(!text.contains("last-applied-configuration\":"), "\(name): a last-applied copy is in the snapshot")
            #expect(meta.contains("\"removed\""))
            guard redact else { continue }
            for original in names {
                // As a whole word, and not as a JSON key (keys are the API's field names, never rewritten).
                let pattern = "(?<![A-Za-z0-9-])" + NSRegularExpression.escapedPattern(for: original) + "(?![A-Za-z0-9-])(?!\"\\s*:)"
                if let found = text.range(of: pattern, options: .regularExpression) {
                    let start = text.index(found.lowerBound, offsetBy: -60, limitedBy: text.startIndex) ?? text.startIndex
                    let end = text.index(found.upperBound, offsetBy: 60, limitedBy: text.endIndex) ?? text.endIndex
                    let context = String(text[start..<end])
                    Issue.record("\(name): name \(original) is in the redacted snapshot: …\(context)…")
                }
            }
            for address in addresses { #expect(!text.contains(address), "\(name): address \(address) is in the redacted snapshot") }
        }
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
        let report = Doctor.diagnose(try SnapshotReader().read([output]).objects, now: scenario.now)
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
    /// Whether any report so far satisfies `condition`.
    func contains(where condition: (PodReport) -> Bool) -> Bool { lock.withLock { reports.contains(where: condition) } }
    /// Every report so far.
    var all: [PodReport] { lock.withLock { reports } }
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
        let report = try await Doctor(client: client).diagnose(
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
        let report = Doctor.diagnose(read.objects, now: scenario.now)
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
        let captured = WatchErrorTests.Captured()
        let watcher = Task {
            var watcher = PodWatcher(client: client, namespace: "rec")
            watcher.recheckInterval = 0.5
            watcher.logger = Logger(label: "test") { _ in captured }
            try await watcher.run { reports.add($0) }
        }
        defer { watcher.cancel() }
        // Observe that the watcher diagnosed the pod (from its caches), then that it said nothing:
        // a wait that passes only because nothing has happened yet would prove nothing.
        var looked = false
        for _ in 0..<100 where !looked {
            looked = captured.all.contains { $0.contains("diagnosed") && $0.contains("rec/stuck-1") && $0.contains("healthy") }
            if !looked { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(looked, "the watcher never diagnosed the stuck pod: \(captured.all)")
        #expect(!reports.contains { $0.name == "stuck-1" }, "a pod that is only being created was reported as failing")
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

/// A watch never swallows a failed read: it is logged (swift-log) and tried again.
@Suite("Watch errors")
struct WatchErrorTests {
    final class Captured: LogHandler, @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            // `key=value` pairs in key order, as a log line shows them.
            let metadata = (event.metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            lock.withLock { lines.append("\(event.level) \(event.message) \(metadata)") }
        }
        var all: [String] { lock.withLock { lines } }
    }

    @Test func aFailedLogReadIsLoggedAndRetried() async throws {
        let server = try await TestAPIServer(["--fixtures", TestAPIServer.repositoryPath("Tests/Fixtures/apiserver-basic")])
        // Reading the crash-looping pod's logs fails (the kubelet answers 500 through the API server).
        try await server.addFault(["path": "/api/v1/namespaces/rec/pods/web-7d4b9c8f6d-x7k2p/log", "status": 500])
        let client = try SnapshotAndWatchTests.client(server)
        let captured = Captured()
        var watcher = PodWatcher(client: client, namespace: "rec")
        watcher.logger = Logger(label: "test") { _ in captured }
        watcher.recheckInterval = 0.2
        let task = Task { [watcher] in try await watcher.run { _ in } }
        defer { task.cancel() }
        var logged = false
        for _ in 0..<100 where !logged {
            logged = captured.all.contains { $0.contains("warning") && $0.contains("web-7d4b9c8f6d-x7k2p") && $0.contains("trying again") }
            if !logged { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(logged, "\(captured.all)")
        // ...and read again later (back-off from 5 s), not given up.
        let path = "/api/v1/namespaces/rec/pods/web-7d4b9c8f6d-x7k2p/log"
        let before = try await server.requests().filter { $0.path == path }.count
        var again = false
        for _ in 0..<200 where !again {
            again = try await server.requests().filter { $0.path == path }.count > before
            if !again { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(again, "the failed log read was not tried again")
    }
}

