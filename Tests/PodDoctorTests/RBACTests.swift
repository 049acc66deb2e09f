import Foundation
import KubeClient
import KubeModel
import PodDiagnosis
import PodDoctor
import TestAPIServerHarness
import Testing
import Yams

/// The manifests in `deploy/` grant what the code reads, and no more: every request a one-pod
/// diagnosis, a namespace scan, a cluster scan, a workload diagnosis, a snapshot and a watch send is
/// granted, and every verb and resource granted is used by one of them.
@Suite("RBAC versus code", .serialized)
struct RBACTests {
    /// One kind of access, as the API server's authorizer sees a request.
    struct Access: Hashable, CustomStringConvertible {
        var group: String
        var resource: String
        var verb: String
        var namespace: String?
        var description: String { "\(verb) \(group.isEmpty ? "" : group + "/")\(resource)\(namespace.map { " in \($0)" } ?? " (cluster-wide)")" }
        var grant: Grant { Grant(group: group, resource: resource, verb: verb) }
    }

    /// What a role rule grants, one verb on one resource of one group.
    struct Grant: Hashable, CustomStringConvertible {
        var group: String
        var resource: String
        var verb: String
        var description: String { "\(verb) \(group.isEmpty ? "" : group + "/")\(resource)" }
    }

    /// The access a recorded request needs (RequestInfoFactory's rules); `nil` for non-resource paths.
    static func access(_ request: RecordedRequest) -> Access? {
        var parts = request.path.split(separator: "/").map(String.init)
        guard let root = parts.first, root == "api" || root == "apis" else { return nil }
        let group: String
        if root == "api" {
            guard parts.count >= 3 else { return nil }
            group = ""
            parts.removeFirst(2)
        } else {
            guard parts.count >= 4 else { return nil }
            group = parts[1]
            parts.removeFirst(3)
        }
        var namespace: String?
        if parts.first == "namespaces", parts.count > 2 {
            namespace = parts[1]
            parts.removeFirst(2)
        }
        guard let resource = parts.first else { return nil }
        let name = parts.count > 1 ? parts[1] : nil
        let subresource = parts.count > 2 ? "/" + parts[2...].joined(separator: "/") : ""
        let watch = request.query.split(separator: "&").contains { $0 == "watch=1" || $0 == "watch=true" }
        let verb = watch ? "watch" : (name == nil ? "list" : "get")
        return Access(group: group, resource: resource + subresource, verb: verb, namespace: namespace)
    }

    /// The grants of the Role or ClusterRole in `file` (under `deploy/`).
    static func grants(_ file: String) throws -> Set<Grant> {
        let text = try String(contentsOfFile: TestAPIServer.repositoryPath("deploy/\(file)"), encoding: .utf8)
        let documents = try Yams.load_all(yaml: text).compactMap { $0 as? [String: Any] }
        let role = try #require(documents.first { ["Role", "ClusterRole"].contains($0["kind"] as? String ?? "") })
        var grants = Set<Grant>()
        for rule in (role["rules"] as? [[String: Any]]) ?? [] {
            for group in (rule["apiGroups"] as? [String]) ?? [] {
                for resource in (rule["resources"] as? [String]) ?? [] {
                    for verb in (rule["verbs"] as? [String]) ?? [] { grants.insert(Grant(group: group, resource: resource, verb: verb)) }
                }
            }
        }
        return grants
    }

    /// Scenario folders whose diagnoses together send every kind of read PodDoctor makes.
    static let folders = [
        "14-dependency-refused-no-endpoints", "15-dependency-dns-no-service", "16-dependency-auth-cronjob", "20-segfault-daemonset",
        "27-missing-configmap-other-namespace", "29-missing-secret", "45-volume-multi-attach", "52-rollout-regression",
        "84-statefulset-next-ordinal-starting",
    ]

    /// What one folder's commands read, as (access, whether the command was namespace-scoped).
    static func exercise(_ name: String, forbid: [String] = []) async throws -> (accesses: [(Access, scoped: Bool)], reports: [DiagnosisReport]) {
        let scenario = try ScenarioFolder(name)
        let folder = try scenario.servableCopy()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try await TestAPIServer(["--fixtures", folder, "--clock", scenario.expected.now] + forbid.flatMap { ["--forbid", $0] })
        let client = try SnapshotAndWatchTests.client(server)
        let doctor = Doctor(client: client)
        let namespace = scenario.expected.pod.namespace
        var accesses: [(Access, scoped: Bool)] = []
        var reports: [DiagnosisReport] = []
        var seen = 0
        func collect(scoped: Bool) async throws {
            let requests = try await server.requests()
            // Read-only, whatever the command: GET only, and Secrets only ever as metadata.
            for request in requests where request.seq > seen {
                #expect(request.method == "GET", "\(name): \(request.method) \(request.path)")
                if request.path.contains("/secrets") { #expect(request.header("Accept")?.contains("as=PartialObjectMetadata") == true) }
            }
            accesses += requests.filter { $0.seq > seen }.compactMap(access).map { ($0, scoped) }
            seen = requests.map(\.seq).max() ?? seen
        }
        let one = try await doctor.diagnose(.pod(name: scenario.expected.pod.name, namespace: namespace))
        reports.append(one)
        try await collect(scoped: true)
        reports.append(try await doctor.diagnose(.namespace(namespace)))
        try await collect(scoped: true)
        if let owner = one.pods.first?.owner, ["Deployment", "StatefulSet", "DaemonSet", "Job"].contains(owner.kind) {
            reports.append(try await doctor.diagnose(.workload(kind: owner.kind.lowercased(), name: owner.name, namespace: namespace)))
            try await collect(scoped: true)
        }
        // `diagnose replicaset/NAME`: the one read of a ReplicaSet by name (a pod's chain lists them).
        if let replicaSet = try await client.get(Pod.self, name: scenario.expected.pod.name, namespace: namespace).metadata.controller,
           replicaSet.kind == "ReplicaSet" {
            reports.append(try await doctor.diagnose(.workload(kind: "replicaset", name: replicaSet.name, namespace: namespace)))
            try await collect(scoped: true)
        }
        let scoped = !forbid.isEmpty
        if !scoped {
            _ = try await doctor.diagnose(.allNamespaces)
            var gatherer = EvidenceGatherer(client: client)
            gatherer.slimHealthyPods = false
            _ = try await gatherer.gather(.allNamespaces)
            try await collect(scoped: false)
        }
        // `watch -A`, or `watch -n NS` under a namespaced Role: every kind it could list is watched
        // once its caches are filled.
        let started = try await server.requests().map(\.seq).max() ?? 0
        let monitor = WatchMonitor()
        var watcher = PodWatcher(client: client, namespace: scoped ? namespace : nil)
        watcher.monitor = monitor
        let watch = Task { [watcher] in try await watcher.run { _ in } }
        for _ in 0..<300 where !monitor.isReady { try await Task.sleep(for: .milliseconds(100)) }
        #expect(monitor.isReady, "\(name): the watch never filled its caches")
        var allWatched = false
        for _ in 0..<300 where !allWatched {
            let requests = try await server.requests().filter { $0.seq > started }
            func target(_ request: RecordedRequest) -> String {
                request.path + " " + (request.query.split(separator: "&").first { $0.hasPrefix("fieldSelector=") } ?? "")
            }
            let listed = Set(requests.filter { $0.status == 200 && !$0.query.contains("watch=") && $0.query.contains("limit=") }.map(target))
            let watched = Set(requests.filter { $0.query.contains("watch=") }.map(target))
            allWatched = listed.isSubset(of: watched)
            if !allWatched { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(allWatched, "\(name): a kind that was listed was never watched")
        watch.cancel()
        try await collect(scoped: scoped)
        return (accesses, reports)
    }

    @Test func theClusterRoleGrantsWhatIsReadAndNoMore() async throws {
        var all: [(Access, scoped: Bool)] = []
        for folder in Self.folders { all += try await Self.exercise(folder).accesses }
        let used = Set(all.map(\.0.grant))
        let role = try Self.grants("clusterrole.yaml")
        let secrets = try Self.grants("optional/clusterrole-secrets-metadata.yaml")
        #expect(!role.contains { $0.resource == "secrets" }, "the default role grants no Secrets")
        for access in Set(all.map(\.0)) where !role.contains(access.grant) && !secrets.contains(access.grant) {
            Issue.record("read but not granted: \(access)")
        }
        for grant in role.union(secrets) where !used.contains(grant) {
            Issue.record("granted but never read: \(grant)")
        }
        #expect(Set(role.map(\.verb)).isSubset(of: ["get", "list", "watch"]))
    }

    /// `-n NS` with the namespaced Role: every namespaced read is in the namespace and granted by the
    /// Role; the only cluster-wide reads are optional ones (nodes, node events, namesakes elsewhere),
    /// and with those and Secrets forbidden the diagnosis still gives its verdict, saying what it missed.
    @Test func aNamespacedRoleIsEnough() async throws {
        let role = try Self.grants("namespaced/role.yaml")
        var used = Set<Grant>()
        let optional: Set<String> = ["nodes", "events", "configmaps", "secrets", "services"]
        for folder in Self.folders {
            let scenario = try ScenarioFolder(folder)
            let (accesses, reports) = try await Self.exercise(folder, forbid: ["*:*:-", "get:secrets", "list:secrets"])
            for (access, _) in accesses {
                if let namespace = access.namespace {
                    #expect(role.contains(access.grant) || access.resource == "secrets", "\(folder): not granted by the Role: \(access)")
                    #expect(namespace == scenario.expected.pod.namespace || access.resource == "services" || access.resource == "endpoints",
                            "\(folder): read outside its namespace: \(access)")
                    used.insert(access.grant)
                } else {
                    #expect(optional.contains(access.resource), "\(folder): a cluster-wide read that is not optional: \(access)")
                }
            }
            let pod = try #require(reports.first?.pods.first { $0.name == scenario.expected.pod.name })
            if let verdict = scenario.expected.sweep?["+0s"] {
                #expect((pod.verdict?.rawValue ?? "healthy") == verdict, "\(folder): \(pod.findings.map(\.cause.rawValue))")
            }
            #expect(reports.first?.warnings?.contains { $0.contains("nodes") } == true, "\(folder): \(reports.first?.warnings ?? [])")
        }
        for grant in role where !used.contains(grant) { Issue.record("granted by the Role but never read: \(grant)") }
    }
}
