import Foundation
import KubeClient
import PodDiagnosis
import Prometheus

/// What `poddoctor watch` exposes to monitoring: Prometheus metrics (failing pods by namespace and
/// cause, findings, relists and objects cached by kind, API requests and latency, the last sync) and
/// its health (ready once every cache is filled; unhealthy when nothing was heard from the API server
/// for ``staleAfter``).
public final class WatchMonitor: @unchecked Sendable {
    /// The metrics, in Prometheus' text format on `/metrics`.
    public let registry = PrometheusCollectorRegistry()
    /// Unhealthy when the watch has not synced for this long (list, event or bookmark).
    public var staleAfter: TimeInterval = 900

    private let lock = NSLock()
    private var lastSync: Date?
    private var cachesFilled = false
    private var failing: [String: (namespace: String, cause: String)] = [:]
    private var failingGauges: [String: Gauge] = [:]
    private let syncGauge: Gauge

    /// Creates a monitor with its metrics registered.
    public init() {
        syncGauge = registry.makeGauge(name: "poddoctor_watch_last_sync_timestamp_seconds", help: "When the watch last heard from the API server (list, event or bookmark)")
    }

    /// The watch of `kind` started over (see ``WatchRestart``), counted by kind and reason.
    public func watchRestarted(_ reason: WatchRestart, kind: String = "Pod") {
        registry.makeCounter(name: "poddoctor_watch_restarts_total", labels: [("kind", kind), ("reason", reason.rawValue)],
                             help: "Times a watch started over, by kind and reason (ended by the server, dropped, server error, expired)").increment()
    }

    /// A full list of `kind` arrived (at start, or after its watch expired), of `count` objects.
    public func listed(kind: String = "Pod", count: Int? = nil) {
        registry.makeCounter(name: "poddoctor_watch_relists_total", labels: [("kind", kind)],
                             help: "Full lists, by kind (at start, and after a watch expired)").increment()
        if let count { cached(kind: kind, count: count) }
        synced()
    }

    /// The cache of `kind` holds `count` objects.
    public func cached(kind: String, count: Int) {
        registry.makeGauge(name: "poddoctor_cache_objects", labels: [("kind", kind)], help: "Objects held in the watch's caches, by kind")
            .set(to: Double(count))
    }

    /// Every cache has been filled by its first list: the watch is ready.
    public func cachesSynced() {
        lock.withLock { cachesFilled = true }
        synced()
    }

    /// The watch heard from the API server (an event or a bookmark).
    public func synced(at date: Date = Date()) {
        lock.withLock { lastSync = date }
        syncGauge.set(to: date.timeIntervalSince1970)
    }

    /// A diagnosis was reported: its findings are counted, and the pod counted as failing by its cause.
    public func reported(_ pod: PodReport, uid: String) {
        for finding in pod.findings {
            registry.makeCounter(name: "poddoctor_findings_total", labels: [("cause", finding.cause.rawValue), ("severity", finding.severity.rawValue)],
                                 help: "Findings reported, by cause and severity").increment()
        }
        let cause = pod.findings.first { $0.severity == .critical }?.cause.rawValue
        lock.withLock {
            failing[uid] = cause.map { (pod.namespace, $0) }
        }
        updateFailing()
    }

    /// A pod is gone, or healthy again.
    public func cleared(uid: String) {
        let changed = lock.withLock { failing.removeValue(forKey: uid) != nil }
        if changed { updateFailing() }
    }

    /// One API request, for the request counter and latency histogram by verb and code.
    public func request(_ metrics: TransferMetrics) {
        let labels = [("verb", metrics.method.rawValue), ("code", String(metrics.status))]
        registry.makeCounter(name: "poddoctor_api_requests_total", labels: labels, help: "API requests, by verb and status code").increment()
        registry.makeDurationHistogram(name: "poddoctor_api_request_duration_seconds", labels: [("verb", metrics.method.rawValue)],
                                       buckets: [.milliseconds(10), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
                                                 .seconds(1), .seconds(2.5), .seconds(5), .seconds(10)],
                                       help: "API request latency, by verb").record(metrics.duration)
    }

    /// Ready once every cache is filled (``cachesSynced()``).
    public var isReady: Bool { lock.withLock { cachesFilled } }

    /// Healthy unless the watch has not synced for ``staleAfter`` (before the first sync: healthy, starting).
    public func isHealthy(now: Date = Date()) -> Bool {
        lock.withLock { lastSync.map { now.timeIntervalSince($0) < staleAfter } ?? true }
    }

    /// The metrics in Prometheus' text exposition format.
    public func exposition() -> String { registry.emitToString() }

    private func updateFailing() {
        let counts = lock.withLock {
            failing.values.reduce(into: [String: (namespace: String, cause: String, count: Int)]()) { result, entry in
                let key = "\(entry.namespace)/\(entry.cause)"
                result[key] = (entry.namespace, entry.cause, (result[key]?.count ?? 0) + 1)
            }
        }
        lock.withLock {
            for (key, gauge) in failingGauges where counts[key] == nil { gauge.set(to: 0) }
            for (key, entry) in counts {
                let gauge = failingGauges[key] ?? registry.makeGauge(name: "poddoctor_failing_pods", labels: [("namespace", entry.namespace), ("cause", entry.cause)],
                                                                     help: "Pods failing now (a critical finding), by namespace and root cause")
                failingGauges[key] = gauge
                gauge.set(to: Double(entry.count))
            }
        }
    }
}
