// Watch benchmark: `poddoctor watch -A` over a cluster of 50,000 pods (5% crash-looping) served by the
// test API server. It measures the time until the caches are filled (`/readyz`) and every failing pod is
// reported, the memory then (resident and peak, from /proc), and in steady state, while a stream of
// changes arrives (healthy pods updated, failing pods crashing again the same way, healthy pods that
// start failing), the requests beyond the watches themselves and the memory after it.
//
//     swift build -c release && swift run -c release watch-bench [pods]     # e.g. 5000, 50000
//
// PODDOCTOR_BIN picks the binary to measure. Not a test: it prints figures and asserts nothing.
import Foundation
import KubeClient
import TestAPIServerHarness

let count = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 50_000
let healthyChanges = min(2_000, count / 5)
let repeatCrashes = min(250, count / ScanFixture.failingEvery)
let newFailures = 50
// Healthy pods that will start failing: their logs are written with the fixture.
let starting = (0..<count).filter { !ScanFixture.failing($0) }.suffix(newFailures)

let folder = NSTemporaryDirectory() + "poddoctor-watch-" + UUID().uuidString
try ScanFixture.write(count: count, to: folder, logsFor: Array(starting))
defer { try? FileManager.default.removeItem(atPath: folder) }
let server = try await TestAPIServer(["--fixtures", folder])
let kubeconfig = "\(folder)/kubeconfig"
try ScanFixture.writeKubeconfig(server: server, to: kubeconfig)

let poddoctor = ProcessInfo.processInfo.environment["PODDOCTOR_BIN"]
    ?? Bundle.main.executableURL?.deletingLastPathComponent().appendingPathComponent("poddoctor").path ?? "poddoctor"
guard FileManager.default.isExecutableFile(atPath: poddoctor) else {
    print("build poddoctor in release first: swift build -c release")
    exit(1)
}

/// A free loopback port for `/metrics`.
func freePort() -> UInt16 {
    let socket = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) } }
    _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) } }
    return UInt16(bigEndian: address.sin_port)
}

/// Resident and peak memory of a process, in MiB (VmRSS, VmHWM).
func memory(_ pid: pid_t) -> (resident: Double, peak: Double) {
    let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
    func field(_ name: String) -> Double {
        let line = status.split(separator: "\n").first { $0.hasPrefix(name + ":") } ?? ""
        return Double(line.split(separator: " ").dropFirst().first ?? "0").map { $0 / 1024 } ?? 0
    }
    return (field("VmRSS"), field("VmHWM"))
}

let port = freePort()
let output = "\(folder)/watch.out"
var pid: pid_t = 0
var actions = posix_spawn_file_actions_t()
posix_spawn_file_actions_init(&actions)
posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
posix_spawn_file_actions_addopen(&actions, 2, output + ".err", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
let arguments = [poddoctor, "watch", "-A", "-o", "json", "--kubeconfig", kubeconfig, "--metrics-port", String(port)]
let argv = arguments.map { strdup($0) } + [nil]
var environment = ProcessInfo.processInfo.environment
environment["HOME"] = folder
let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
let failingCount = (count + ScanFixture.failingEvery - 1) / ScanFixture.failingEvery
print("\(count) pods in \(ScanFixture.namespaces) namespaces, \(failingCount) failing; test API server \(server.baseURL)")
let start = Date()
guard posix_spawn(&pid, poddoctor, &actions, nil, argv, envp) == 0 else { fatalError("cannot start \(poddoctor)") }
defer {
    kill(pid, SIGTERM)
    var status: Int32 = 0
    waitpid(pid, &status, 0)
}

let probe = try CurlTransport(configuration: TransportConfiguration(proxy: .none))
func get(_ path: String) async -> HTTPResponse? {
    try? await probe.send(HTTPRequest(url: "http://127.0.0.1:\(port)\(path)"))
}
func reportLines() -> Int {
    (try? Data(contentsOf: URL(fileURLWithPath: output)))?.reduce(0) { $0 + ($1 == 10 ? 1 : 0) } ?? 0
}
/// Waits (at most `seconds`) until `condition` holds; returns whether it did.
func wait(seconds: Double, _ condition: () async -> Bool) async -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(200))
    }
    return await condition()
}
func fail(_ what: String) -> Never {
    let error = (try? String(contentsOfFile: output + ".err", encoding: .utf8)) ?? ""
    print("\(what); poddoctor said: \(error.suffix(600))")
    exit(1)
}

// 1. The caches fill (/readyz), then every failing pod is reported once.
guard await wait(seconds: 600, { await get("/readyz")?.status == 200 }) else { fail("the watch never became ready") }
let ready = Date().timeIntervalSince(start)
let atReady = memory(pid)
guard await wait(seconds: 900, { reportLines() >= failingCount }) else { fail("only \(reportLines()) of \(failingCount) failing pods were reported") }
let reported = Date().timeIntervalSince(start)
let afterStart = memory(pid)
let startRequests = try await server.requests()
print(String(format: "ready (every cache filled):     %6.2f s   %6.1f MiB resident", ready, atReady.resident))
print(String(format: "every failing pod reported:     %6.2f s   %6.1f MiB resident, %6.1f MiB peak; %d requests (%d log reads)",
             reported, afterStart.resident, afterStart.peak, startRequests.count, startRequests.filter { $0.path.hasSuffix("/log") }.count))

// 2. Steady state: a stream of changes, posted 100 at a time.
let seq = startRequests.map(\.seq).max() ?? 0
var changes: [String] = []
let healthy = (0..<count).filter { !ScanFixture.failing($0) && !starting.contains($0) }
for index in healthy.prefix(healthyChanges) { changes.append(ScanFixture.pod(index, touch: 1)) }
for index in stride(from: 0, to: count, by: ScanFixture.failingEvery).prefix(repeatCrashes) { changes.append(ScanFixture.pod(index, restarts: 7)) }
for index in starting { changes.append(ScanFixture.pod(index, failing: true)) }
let changed = Date()
for batch in stride(from: 0, to: changes.count, by: 100) {
    let items = changes[batch..<min(batch + 100, changes.count)]
    let list = try JSONSerialization.jsonObject(with: Data((#"{"kind":"List","apiVersion":"v1","items":["# + items.joined(separator: ",") + "]}").utf8))
    try await server.controlPost("/_control/objects", list)
}
guard await wait(seconds: 300, { reportLines() >= failingCount + newFailures }) else {
    fail("only \(reportLines() - failingCount) of \(newFailures) new failures were reported")
}
let settled = Date().timeIntervalSince(changed)
// Anything still queued has its time to finish: the requests are counted after a quiet second.
try await Task.sleep(for: .seconds(2))
let steady = try await server.requests().filter { $0.seq > seq }
let watches = steady.filter { $0.query.contains("watch=") }
let logs = steady.filter { $0.path.hasSuffix("/log") }
let other = steady.filter { !$0.query.contains("watch=") && !$0.path.hasSuffix("/log") }
let afterChanges = memory(pid)
print("steady state: \(changes.count) changes (\(healthyChanges) healthy pods updated, \(repeatCrashes) failing pods crashing again the same way, \(newFailures) pods starting to fail)")
print(String(format: "  all new failures reported after %.2f s; reports: %d (one per new failure, none repeated)", settled, reportLines() - failingCount))
print("  requests beyond the watches: \(logs.count) log reads (for \(newFailures) newly failing containers), \(other.count) others; watches reconnected: \(watches.count)")
print(String(format: "  requests per change beyond the watches: %.3f", Double(logs.count + other.count) / Double(changes.count)))
print(String(format: "memory after the changes:       %6.1f MiB resident, %6.1f MiB peak", afterChanges.resident, afterChanges.peak))
if let metrics = await get("/metrics") {
    let text = String(decoding: metrics.body, as: UTF8.self)
    for line in text.split(separator: "\n") where line.hasPrefix("poddoctor_cache_objects{") { print("  \(line)") }
}
server.stop()
