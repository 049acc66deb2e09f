import Foundation
import KubeClient
import PodDoctor
import TestAPIServerHarness
import Testing

/// A fleet: several clusters diagnosed in one run against several test API servers, one of them
/// unreachable, one slow, one forbidding; what could be read is reported, what could not is a line
/// of its own, and a cause one workload shows in two clusters is one fleet finding.
@Suite("Fleet", .serialized, .enabled(if: CLI.binary != nil, "the poddoctor binary is not built: run `swift build` first"))
struct FleetTests {
    @Test func aFleetOfFiveClusters() async throws {
        let oom = try ScenarioFolder("60-workload-oom-3-pods")
        let healthy = try ScenarioFolder("61-healthy-running")
        let oomFolder = try oom.servableCopy()
        let healthyFolder = try healthy.servableCopy()
        defer {
            try? FileManager.default.removeItem(atPath: oomFolder)
            try? FileManager.default.removeItem(atPath: healthyFolder)
        }
        let clock = ["--clock", oom.expected.now, "--token", "t"]
        let eu = try await TestAPIServer(["--fixtures", oomFolder] + clock)
        let us = try await TestAPIServer(["--fixtures", oomFolder] + clock)
        let slow = try await TestAPIServer(["--fixtures", healthyFolder] + clock)
        try await slow.addFault(["path_prefix": "/api/v1/pods", "delay": 2])
        let forbidding = try await TestAPIServer(["--fixtures", healthyFolder, "--forbid", "list:pods"] + clock)
        // A port with nothing behind it: bound and closed again.
        let unreachable = "https://127.0.0.1:9"

        let work = NSTemporaryDirectory() + "poddoctor-fleet-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let ca = TestAPIServer.repositoryPath("Tests/Fixtures/certs/ca.pem")
        let clusters = [("prod-eu", eu.baseURL), ("prod-us", us.baseURL), ("staging", slow.baseURL), ("locked", forbidding.baseURL), ("gone", unreachable)]
        let kubeconfig = work + "/config"
        try ("apiVersion: v1\nkind: Config\ncurrent-context: prod-eu\nclusters:\n"
            + clusters.map { "- {name: \($0.0), cluster: {server: \"\($0.1)\", certificate-authority: \"\(ca)\"}}\n" }.joined()
            + "contexts:\n" + clusters.map { "- {name: \($0.0), context: {cluster: \($0.0), user: u}}\n" }.joined()
            + "users: [{name: u, user: {token: t}}]\n").write(toFile: kubeconfig, atomically: true, encoding: .utf8)

        let result = try await CLI.run(["diagnose", "--kubeconfig", kubeconfig, "--all-contexts", "-A", "-o", "json", "--request-timeout", "10s"], limit: 120)
        #expect(!result.killed)
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(report["apiVersion"] as? String == "poddoctor/v1")
        let summaries = try #require(report["clusters"] as? [[String: Any]])
        let states = Dictionary(uniqueKeysWithValues: summaries.map { ($0["context"] as? String ?? "", $0["state"] as? String ?? "") })
        #expect(states == ["prod-eu": "ok", "prod-us": "ok", "staging": "ok", "locked": "forbidden", "gone": "unreachable"], "\(states)")
        let gone = try #require(summaries.first { $0["context"] as? String == "gone" })
        #expect((gone["reason"] as? String)?.contains("127.0.0.1:9") == true)
        // Pods carry their context; the shared cause is one fleet finding.
        let pods = try #require(report["pods"] as? [[String: Any]])
        // (The staging cluster's pods are healthy, so -o json leaves them out; its summary counts them.)
        #expect(Set(pods.compactMap { $0["context"] as? String }) == ["prod-eu", "prod-us"])
        let staging = try #require(summaries.first { $0["context"] as? String == "staging" })
        #expect(((staging["summary"] as? [String: Int])?["healthy"] ?? 0) > 0)
        let fleet = try #require(report["fleet"] as? [[String: Any]])
        let shared = try #require(fleet.first)
        #expect(shared["cause"] as? String == "oom-killed")
        #expect(shared["contexts"] as? [String] == ["prod-eu", "prod-us"])
        #expect(shared["clusters"] as? Int == 5)
        #expect((shared["title"] as? String)?.contains("in 2 of 5 clusters") == true)

        // As a gate, judged over the whole fleet; text groups by cluster with a line each on top.
        let gate = try await CLI.run(["diagnose", "--kubeconfig", kubeconfig, "--contexts", "prod-eu,staging", "-A", "--fail-on", "critical"], limit: 120)
        #expect(gate.status == 1)
        #expect(gate.stdout.contains("prod-eu:") && gate.stdout.contains("staging:") && gate.stdout.contains("── prod-eu ──"))

        // No cluster readable: the cluster error, 3.
        let none = try await CLI.run(["diagnose", "--kubeconfig", kubeconfig, "--contexts", "gone,locked", "-A"], limit: 120)
        #expect(none.status == 3)

        // A fleet snapshot, one folder per context, read back as a fleet.
        let snapshot = work + "/fleet"
        let saved = try await CLI.run(["snapshot", "--kubeconfig", kubeconfig, "--contexts", "prod-eu,prod-us,gone", "-A", "-f", snapshot], limit: 120)
        #expect(saved.status == 0, "\(saved.stderr)")
        #expect(saved.stderr.contains("gone: not read"))
        let offline = try await CLI.run(["diagnose", "--from", snapshot, "-o", "json"], limit: 60)
        let back = try #require(try JSONSerialization.jsonObject(with: Data(offline.stdout.utf8)) as? [String: Any])
        #expect(((back["clusters"] as? [[String: Any]]) ?? []).compactMap { $0["context"] as? String } == ["prod-eu", "prod-us"])
        #expect(((back["fleet"] as? [[String: Any]])?.first?["cause"] as? String) == "oom-killed")
    }
}

/// Clusters are read at once, not one after the other: every cluster's read starts before any ends
/// (a barrier that only opens when all have arrived; read one by one, it would never open).
@Suite("Fleet concurrency")
struct FleetConcurrencyTests {
    actor Barrier {
        let expected: Int
        private var arrived = 0
        private var waiting: [CheckedContinuation<Void, Never>] = []
        /// Whether the watchdog had to open it.
        private(set) var forced = false
        init(expected: Int) { self.expected = expected }
        func arrive() async {
            arrived += 1
            if arrived >= expected {
                waiting.forEach { $0.resume() }
                waiting.removeAll()
                return
            }
            await withCheckedContinuation { waiting.append($0) }
        }
        func release() {
            forced = !waiting.isEmpty || arrived < expected
            arrived = expected
            waiting.forEach { $0.resume() }
            waiting.removeAll()
        }
    }

    @Test func everyClusterIsReadAtOnce() async throws {
        let names = (1...6).map { "cluster-\($0)" }
        let kubeconfig = NSTemporaryDirectory() + "poddoctor-fleet-\(UUID().uuidString).yaml"
        defer { try? FileManager.default.removeItem(atPath: kubeconfig) }
        try ("apiVersion: v1\nkind: Config\ncurrent-context: cluster-1\nclusters:\n"
            + names.map { "- {name: \($0), cluster: {server: \"https://127.0.0.1:9\"}}\n" }.joined()
            + "contexts:\n" + names.map { "- {name: \($0), context: {cluster: \($0), user: u}}\n" }.joined()
            + "users: [{name: u, user: {token: t}}]\n").write(toFile: kubeconfig, atomically: true, encoding: .utf8)
        var fleet = FleetDoctor(overrides: ConfigOverrides(kubeconfig: kubeconfig))
        fleet.concurrency = 8
        #expect(try fleet.allContexts() == names)
        let barrier = Barrier(expected: names.count)
        // A bound: if the reads ran one by one the barrier would never open; after 60 s it is opened
        // by force and the result below fails.
        let watchdog = Task {
            try await Task.sleep(for: .seconds(60))
            await barrier.release()
        }
        defer { watchdog.cancel() }
        let results = await fleet.read(names) { _, _ in
            await barrier.arrive()
            return true
        }
        watchdog.cancel()
        #expect(results.count == names.count)
        #expect(results.allSatisfy { (try? $0.result.get()) == true })
        #expect(await !barrier.forced, "the reads did not all run at once")
    }
}
