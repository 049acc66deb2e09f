import Foundation
import KubeClient
import KubeModel
import TestAPIServerHarness
import Testing

/// Watches, logs, retries and warnings against the test API server.
@Suite("Watches, logs and retries")
struct APIStreamTests {
    static func pod(_ name: String, labels: [String: String] = ["app": "extra"]) -> [String: Any] {
        ["apiVersion": "v1", "kind": "Pod",
         "metadata": ["name": name, "namespace": "rec", "labels": labels],
         "spec": ["containers": [["name": "app", "image": "busybox"]], "nodeName": "fake-node-1"],
         "status": ["phase": "Running"]]
    }

    /// In both encodings: JSON lines, and protobuf's length-prefixed frames.
    @Test(arguments: WireFormat.allCases)
    func watchListsThenStreamsChangesAndSurvivesExpiryAndDrops(_ wireFormat: WireFormat) async throws {
        let env = try await APITests.start(["--bookmark-interval", "0.3"], wireFormat: wireFormat)
        let server = env.server, client = env.client
        var events = client.watch(Pod.self, namespace: "rec", maxBackoff: .seconds(1)).makeAsyncIterator()

        guard case .listed(let pods, let version)? = try await events.next() else {
            Issue.record("a watch without a resource version must list first")
            return
        }
        #expect(pods.count == 5)
        #expect(version != nil)

        try await server.controlPost("/_control/objects", Self.pod("extra-1"))
        var sawAdded = false
        var sawBookmark = false
        while !(sawAdded && sawBookmark), let event = try await events.next() {
            switch event {
            case .added(let pod): sawAdded = sawAdded || pod.metadata.name == "extra-1"
            case .bookmark: sawBookmark = true
            default: break
            }
        }
        #expect(sawAdded && sawBookmark)

        // The server forgets old versions: the watch lists again and carries on.
        try await server.controlPost("/_control/compact", [:])
        try await server.addFault(["path_prefix": "/api/v1/namespaces/rec/pods", "drop": true, "times": 1])
        try await server.controlPost("/_control/objects", Self.pod("extra-2"))
        var relisted = false
        var sawSecond = false
        while !sawSecond, let event = try await events.next() {
            switch event {
            case .listed(let items, _):
                relisted = true
                sawSecond = items.contains { $0.metadata.name == "extra-2" }
            case .added(let pod), .modified(let pod):
                sawSecond = pod.metadata.name == "extra-2"
            default: break
            }
        }
        #expect(sawSecond)
        try await server.controlPost("/_control/delete", ["apiVersion": "v1", "kind": "Pod", "namespace": "rec", "name": "extra-1"])
        var deleted = false
        while !deleted, let event = try await events.next() {
            if case .deleted(let pod) = event { deleted = pod.metadata.name == "extra-1" }
        }
        #expect(deleted)
        let watches = try await server.requests().filter { $0.query.contains("watch=1") }
        #expect(watches.allSatisfy { $0.query.contains("allowWatchBookmarks=true") })
        _ = relisted
    }

    /// A watch says why it starts over: here its resource version was compacted away (410), so it lists again.
    @Test(arguments: WireFormat.allCases)
    func aWatchSaysWhyItStartsOver(_ wireFormat: WireFormat) async throws {
        let env = try await APITests.start(wireFormat: wireFormat)
        try await env.server.controlPost("/_control/compact", [:])
        let restarts = RestartLog()
        var events = env.client.watch(Pod.self, namespace: "rec", resourceVersion: "1", maxBackoff: .seconds(1),
                                      onRestart: { restarts.add($0) }).makeAsyncIterator()
        guard case .listed(let pods, _)? = try await events.next() else {
            Issue.record("a watch from a compacted resource version must list again")
            return
        }
        #expect(pods.count == 5)
        #expect(restarts.all == [.expired])
    }

    @Test func logsWithEveryParameter() async throws {
        let env = try await APITests.start()
        let server = env.server, client = env.client
        let current = try await client.logs(namespace: "rec", pod: "web-7d4b9c8f6d-x7k2p", options: LogOptions(container: "app"))
        #expect(!current.isEmpty)
        let previous = try await client.logs(namespace: "rec", pod: "web-7d4b9c8f6d-x7k2p", options: LogOptions(container: "app", previous: true))
        #expect(previous != current)
        let tail = try await client.logs(namespace: "rec", pod: "web-7d4b9c8f6d-x7k2p", options: LogOptions(container: "app", tailLines: 2))
        #expect(tail.split(separator: "\n").count == 2)
        let limited = try await client.logs(namespace: "rec", pod: "web-7d4b9c8f6d-x7k2p", options: LogOptions(container: "app", limitBytes: 40))
        #expect(limited.utf8.count == 40)
        let stamped = try await client.logs(namespace: "rec", pod: "web-7d4b9c8f6d-x7k2p", options: LogOptions(container: "app", timestamps: true))
        #expect(stamped.split(separator: "\n").allSatisfy { Time(rfc3339: String($0.prefix { $0 != " " })) != nil })
        let seen = try await server.requests().map(\.query)
        #expect(seen.contains { $0.contains("previous=true") })
        #expect(seen.contains { $0.contains("limitBytes=40") })

        do {
            _ = try await client.logs(namespace: "rec", pod: "web-7d4b9c8f6d-x7k2p")
            Issue.record("a multi-container pod's log without a container was served")
        } catch let error as APIError {
            #expect(error.code == 400)
            #expect(error.message.contains("app"))
        }
        // A pod that never reached a node has an empty log (204).
        #expect(try await client.logs(namespace: "rec", pod: "cache-warmup").isEmpty)
    }

    @Test func followedLogYieldsNewLines() async throws {
        let env = try await APITests.start()
        let server = env.server, client = env.client
        let lines = try await client.logLines(
            namespace: "rec", pod: "web-7d4b9c8f6d-x7k2p", options: LogOptions(container: "app", tailLines: 1, follow: true))
        var iterator = lines.makeAsyncIterator()
        _ = try await iterator.next()
        try await server.controlPost("/_control/logs", ["namespace": "rec", "pod": "web-7d4b9c8f6d-x7k2p", "container": "app",
                                                        "append": "a line written later\n"])
        let next = try #require(try await iterator.next())
        #expect(String(decoding: next, as: UTF8.self).hasSuffix("a line written later"))
    }

    @Test func retriesHonourRetryAfterAndStopAtTheLimit() async throws {
        let env = try await APITests.start()
        let server = env.server, client = env.client
        try await server.addFault(["path": "/api/v1/namespaces/rec/configmaps", "status": 503, "retry_after": 1, "times": 2])
        let list = try await client.list(ConfigMap.self, namespace: "rec")
        #expect(list.items.count == 3)
        #expect(try await server.requests().map(\.status) == [503, 503, 200])

        try await server.reset()
        try await server.addFault(["path": "/api/v1/namespaces/rec/services", "status": 429, "retry_after": 0])
        do {
            _ = try await client.list(Service.self, namespace: "rec")
            Issue.record("an endless 429 ended in success")
        } catch let error as APIError {
            #expect(error.code == 429)
        }
        // maxRetries is 3: four attempts in all.
        #expect(try await server.requests().count == 4)

        // A 500 without Retry-After is not retried.
        try await server.reset()
        try await server.addFault(["path": "/api/v1/namespaces/rec/endpoints", "status": 500, "times": 1])
        await #expect(throws: APIError.self) { _ = try await client.list(Endpoints.self, namespace: "rec") }
        #expect(try await server.requests().count == 1)
    }

    @Test func droppedConnectionOnAReadIsRetried() async throws {
        let env = try await APITests.start()
        let server = env.server, client = env.client
        try await server.addFault(["path": "/api/v1/namespaces/rec/pods/debug-shell", "drop": true, "times": 1])
        let pod = try await client.get(Pod.self, name: "debug-shell", namespace: "rec")
        #expect(pod.metadata.name == "debug-shell")
        #expect(try await server.requests().count == 2)
    }

    @Test func htmlFromAProxyIsAReadableAPIError() async throws {
        let env = try await APITests.start()
        let server = env.server, client = env.client
        try await server.addFault(["path": "/api/v1/namespaces/rec/pods/debug-shell", "html": true, "times": 1])
        do {
            _ = try await client.get(Pod.self, name: "debug-shell", namespace: "rec")
            Issue.record("an HTML answer decoded as a pod")
        } catch let error as APIError {
            #expect(error.code == 502)
            #expect(error.message.contains("not a Kubernetes API response"))
        }
    }

    @Test func warningHeadersAreParsed() {
        #expect(WarningText.parse(#"299 - "unknown field \"spec\"""#) == #"unknown field "spec""#)
        #expect(WarningText.parse("299 - plain") == "299 - plain")
    }

    @Test func rateLimiterSpacesRequests() async throws {
        let limiter = RateLimiter(ratePerSecond: 20, burst: 1)
        let clock = ContinuousClock()
        let start = clock.now
        for _ in 0..<5 { try await limiter.acquire() }
        // The first passes at once, the next four wait 50 ms each at least.
        #expect(clock.now - start >= .milliseconds(190))
    }
}

/// The reasons a watch gave for starting over, in order.
final class RestartLog: @unchecked Sendable {
    private let lock = NSLock()
    private var reasons: [WatchRestart] = []
    func add(_ reason: WatchRestart) { lock.withLock { reasons.append(reason) } }
    var all: [WatchRestart] { lock.withLock { reasons } }
}
