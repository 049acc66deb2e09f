import Foundation
import KubeClient
import KubeModel
import PodDiagnosis
import PodDoctor
import TestAPIServerHarness
import Testing

/// `watch` in the cluster: `/metrics` is scraped and parsed, `/readyz` turns ready after the first
/// list, `/healthz` answers, and a failing pod is counted by namespace and cause.
@Suite("Watch monitoring")
struct MonitorTests {
    /// Prometheus text format: `name{labels} value` lines (comments skipped).
    static func parse(_ text: String) -> [String: Double] {
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            samples[String(line[..<space])] = value
        }
        return samples
    }

    @Test func metricsHealthAndReadiness() async throws {
        let server = try await TestAPIServer(["--fixtures", TestAPIServer.repositoryPath("Tests/Fixtures/apiserver-basic")])
        let monitor = WatchMonitor()
        let client = try SnapshotAndWatchTests.client(server) { monitor.request($0) }
        let http = try MonitorServer(monitor: monitor, port: 0, loopbackOnly: true)
        let serving = Task { try await http.run() }
        defer { serving.cancel() }
        let port = try #require(try await http.port())
        let transport = try CurlTransport(configuration: TransportConfiguration(proxy: .none))
        func get(_ path: String) async throws -> HTTPResponse {
            try await transport.send(HTTPRequest(url: "http://127.0.0.1:\(port)\(path)"))
        }
        #expect(try await get("/readyz").status == 503, "not ready before the first list")
        #expect(try await get("/healthz").status == 200)

        var watcher = PodWatcher(client: client, namespace: "rec")
        watcher.monitor = monitor
        let reports = ReportBox()
        let watching = Task { [watcher] in try await watcher.run { reports.add($0) } }
        defer { watching.cancel() }
        #expect(await reports.wait { $0.contains { $0.name == "web-7d4b9c8f6d-x7k2p" } })
        #expect(try await get("/readyz").status == 200)

        let scraped = try await get("/metrics")
        #expect(scraped.status == 200)
        #expect(scraped.headers["Content-Type"]?.hasPrefix("text/plain") == true)
        let samples = Self.parse(String(decoding: scraped.body, as: UTF8.self))
        #expect(samples["poddoctor_watch_relists_total{kind=\"Pod\"}"] == 1, "\(samples.keys.sorted())")
        #expect(samples["poddoctor_cache_objects{kind=\"Pod\"}"].map { $0 >= 1 } == true, "\(samples.keys.sorted())")
        #expect((samples["poddoctor_watch_last_sync_timestamp_seconds"] ?? 0) > 1_700_000_000)
        #expect(samples.contains { $0.key.hasPrefix("poddoctor_failing_pods{") && $0.key.contains("namespace=\"rec\"") && $0.value >= 1 }, "\(samples.keys.sorted())")
        #expect(samples.contains { $0.key.hasPrefix("poddoctor_findings_total{") && $0.value >= 1 })
        #expect(samples.contains { $0.key.hasPrefix("poddoctor_api_requests_total{") && $0.key.contains("verb=\"GET\"") && $0.key.contains("code=\"200\"") })
        #expect(samples.contains { $0.key.hasPrefix("poddoctor_api_request_duration_seconds_count") })
    }

    @Test func watchRestartsAreCountedByReason() {
        let monitor = WatchMonitor()
        monitor.watchRestarted(.expired)
        monitor.watchRestarted(.dropped)
        monitor.watchRestarted(.dropped)
        monitor.watchRestarted(.dropped, kind: "Event")
        let samples = Self.parse(monitor.exposition())
        #expect(samples["poddoctor_watch_restarts_total{kind=\"Pod\",reason=\"dropped\"}"] == 2, "\(samples.keys.sorted())")
        #expect(samples["poddoctor_watch_restarts_total{kind=\"Pod\",reason=\"expired\"}"] == 1)
        #expect(samples["poddoctor_watch_restarts_total{kind=\"Event\",reason=\"dropped\"}"] == 1)
        #expect(samples["poddoctor_watch_restarts_total{kind=\"Pod\",reason=\"ended\"}"] == nil)
    }

    @Test func aWatchThatStopsSyncingIsUnhealthy() {
        let monitor = WatchMonitor()
        monitor.synced(at: Date().addingTimeInterval(-1000))
        monitor.staleAfter = 900
        #expect(!monitor.isHealthy())
        monitor.synced()
        #expect(monitor.isHealthy())
    }
}

/// The watch's work queue: repeated changes to a waiting pod coalesce into one diagnosis of its
/// latest object, and a change during a diagnosis queues the pod once more.
@Suite("Watch work queue")
struct WorkQueueTests {
    static func pod(_ name: String, _ version: String) -> Pod {
        Pod(metadata: ObjectMeta(name: name, namespace: "x", uid: name, resourceVersion: version))
    }

    @Test func changesCoalesceAndRequeueAfterADiagnosis() async {
        let queue = WorkQueue()
        await queue.add("a", Self.pod("a", "1"))
        await queue.add("b", Self.pod("b", "1"))
        await queue.add("a", Self.pod("a", "2"))
        #expect(await queue.count == 2)
        let first = await queue.next()
        #expect(first?.0 == "a" && first?.1.metadata.resourceVersion == "2", "one diagnosis of a's latest object, first in line")
        // a changes while it is diagnosed: queued again after it is done, not twice at once.
        await queue.add("a", Self.pod("a", "3"))
        #expect(await queue.next()?.0 == "b")
        #expect(await queue.count == 0)
        await queue.done("a")
        let again = await queue.next()
        #expect(again?.0 == "a" && again?.1.metadata.resourceVersion == "3")
        await queue.close()
        #expect(await queue.next() == nil)
    }
}
