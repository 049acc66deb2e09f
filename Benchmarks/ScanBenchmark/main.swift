// Scan benchmark: `poddoctor diagnose -A` over 5,000 pods (5% failing) served by the test API server,
// reading protobuf (the default) and JSON, against `kubectl get pods -A -o json` on the same server and
// the server's own time to send the whole list (a plain GET, timed to its last byte, nothing decoded),
// measured in the same run; and one pod against the four commands a person runs. The tools run as
// child processes: wall time and peak memory (max RSS, from wait4) are measured the same way for each.
//
//     swift build -c release && swift run -c release scan-bench [pods]     # e.g. 5000, 50000
//
// Not a test: it prints figures and asserts nothing.
import Foundation
import KubeClient
import TestAPIServerHarness

let count = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 5_000
let namespaces = ScanFixture.namespaces
let failingEvery = ScanFixture.failingEvery

// The fixture: pods, their ReplicaSets and Deployments, ConfigMaps and Secrets, nodes, events and logs.
let folder = NSTemporaryDirectory() + "poddoctor-scan-" + UUID().uuidString
try ScanFixture.write(count: count, to: folder)
defer { try? FileManager.default.removeItem(atPath: folder) }
// SCAN_BENCH_KEEP=DIR keeps a copy of the fixture (for profiling `diagnose --from DIR`).
if let keep = ProcessInfo.processInfo.environment["SCAN_BENCH_KEEP"] {
    try? FileManager.default.removeItem(atPath: keep)
    try FileManager.default.copyItem(atPath: folder, toPath: keep)
}

let server = try await TestAPIServer(["--fixtures", folder])
let kubeconfig = "\(folder)/kubeconfig"
try ScanFixture.writeKubeconfig(server: server, namespace: "team-0", to: kubeconfig)

struct Run { var seconds: Double; var maxRSSKiB: Int; var status: Int32; var outputBytes: Int }

/// Runs a child process to its end and measures it (wall time; peak RSS from wait4's rusage).
func measure(_ executable: String, _ arguments: [String]) throws -> Run {
    var pid: pid_t = 0
    var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    let output = "\(folder)/out-\(UUID().uuidString)"
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, output + ".err", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var environment = ProcessInfo.processInfo.environment
    environment["KUBECONFIG"] = kubeconfig
    environment["HOME"] = folder
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { envp.forEach { free($0) } }
    let start = Date()
    guard posix_spawn(&pid, executable, &actions, nil, argv, envp) == 0 else {
        throw TestAPIServer.StartError(description: "cannot start \(executable)")
    }
    var status: Int32 = 0
    var usage = rusage()
    _ = wait4(pid, &status, 0, &usage)
    let seconds = Date().timeIntervalSince(start)
    let bytes = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
    let exitStatus = (status >> 8) & 0xff
    if arguments.contains("--verbose"), let trace = try? String(contentsOfFile: output + ".err", encoding: .utf8) {
        // Where the time went, by kind of request (from poddoctor's --verbose trace).
        var totals: [String: (count: Int, millis: Int)] = [:]
        for line in trace.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count >= 4, let millis = Int(parts[3].dropLast(2)) else { continue }
            let url = String(parts[1])
            let kind = url.contains("/log?") ? "logs" : url.contains("/pods?") ? "pod list" : url.contains("/events") ? "events"
                : url.contains("/configmaps") || url.contains("/secrets") ? "configmaps/secrets" : "other"
            totals[kind, default: (0, 0)].count += 1
            totals[kind, default: (0, 0)].millis += millis
        }
        for (kind, total) in totals.sorted(by: { $0.key < $1.key }) {
            print("    \(kind): \(total.count) requests, \(total.millis) ms in total (\(total.millis / max(1, total.count)) ms each)")
        }
    }
    if exitStatus != 0, let error = try? String(contentsOfFile: output + ".err", encoding: .utf8) {
        print("  \((executable as NSString).lastPathComponent) \(arguments.prefix(3).joined(separator: " ")) failed: \(error.prefix(300))")
    }
    return Run(seconds: seconds, maxRSSKiB: usage.ru_maxrss, status: exitStatus, outputBytes: bytes)
}

func requestCount() async throws -> Int { try await server.requests().count }

// PODDOCTOR_BIN picks the binary to measure (e.g. one built with --static-swift-stdlib, as the Dockerfile ships it).
let poddoctor = ProcessInfo.processInfo.environment["PODDOCTOR_BIN"]
    ?? Bundle.main.executableURL?.deletingLastPathComponent().appendingPathComponent("poddoctor").path ?? "poddoctor"
guard FileManager.default.isExecutableFile(atPath: poddoctor) else {
    print("build poddoctor in release first: swift build -c release")
    exit(1)
}
let kubectl = ["/usr/local/bin/kubectl", "/usr/bin/kubectl"].first { FileManager.default.isExecutableFile(atPath: $0) }
let failingCount = (count + failingEvery - 1) / failingEvery
print("\(count) pods in \(namespaces) namespaces, \(failingCount) failing; test API server \(server.baseURL)")

// The server's own time to send the whole list, as JSON and as protobuf: one GET each, timed to the
// last byte, the body counted and dropped (after one untimed GET each, which fills the server's caches).
let plain = try KubernetesClient(configuration: ClientConfiguration(
    server: server.baseURL, tls: TLSConfiguration(certificateAuthorityPEM: TestAPIServer.certificate("ca.pem")),
    proxy: .none, compression: false, credentials: .token("bench-token")))
func serverSend(_ accept: String) async throws -> (seconds: Double, bytes: Int) {
    let request = plain.request(path: "/api/v1/pods", headers: ["Accept": accept, "Accept-Encoding": "identity"])
    _ = try await plain.send(request)
    let start = Date()
    let response = try await plain.send(request)
    return (Date().timeIntervalSince(start), response.body.count)
}
let serverJSON = try await serverSend("application/json")
let serverProtobuf = try await serverSend("application/vnd.kubernetes.protobuf")
print(String(format: "server sends the list:          %6.2f s as JSON (%.1f MB), %.2f s as protobuf (%.1f MB)",
             serverJSON.seconds, Double(serverJSON.bytes) / 1e6, serverProtobuf.seconds, Double(serverProtobuf.bytes) / 1e6))

try await server.reset()
let scanJSON = try measure(poddoctor, ["diagnose", "-A", "-o", "json", "--kubeconfig", kubeconfig, "--wire-format", "json"])
let scanJSONRequests = try await requestCount()
print(String(format: "poddoctor diagnose -A (JSON):   %6.2f s  %7d KiB max RSS  %5d requests (%.2f per failing pod)  exit %d",
             scanJSON.seconds, scanJSON.maxRSSKiB, scanJSONRequests, Double(scanJSONRequests) / Double(failingCount), scanJSON.status))
try await server.reset()
let scan = try measure(poddoctor, ["diagnose", "-A", "-o", "json", "--kubeconfig", kubeconfig, "--verbose"])
let scanRequests = try await requestCount()
print(String(format: "poddoctor diagnose -A (protobuf): %4.2f s  %7d KiB max RSS  %5d requests (%.2f per failing pod)  exit %d",
             scan.seconds, scan.maxRSSKiB, scanRequests, Double(scanRequests) / Double(failingCount), scan.status))
print(String(format: "ratio poddoctor/server's own JSON send: %.2fx (target <= 2x)", scan.seconds / serverJSON.seconds))
// Beyond the burst (300 requests), kubectl's client-side limit of 50 requests per second paces the log reads.
try await server.reset()
let unpaced = try measure(poddoctor, ["diagnose", "-A", "-o", "json", "--kubeconfig", kubeconfig, "--qps", "0"])
print(String(format: "poddoctor diagnose -A (protobuf, --qps 0): %.2f s  %7d KiB max RSS  exit %d",
             unpaced.seconds, unpaced.maxRSSKiB, unpaced.status))

let offline = try measure(poddoctor, ["diagnose", "-A", "-o", "json", "--from", "\(folder)/objects.json", "--from", "\(folder)/logs"])
print(String(format: "poddoctor diagnose -A --from the same objects (no network): %.2f s  %d KiB max RSS", offline.seconds, offline.maxRSSKiB))

if let kubectl {
    try await server.reset()
    let list = try measure(kubectl, ["get", "pods", "-A", "-o", "json", "--kubeconfig", kubeconfig])
    let listRequests = try await requestCount()
    print(String(format: "kubectl get pods -A -o json:    %6.2f s  %7d KiB max RSS  %5d requests  exit %d",
                 list.seconds, list.maxRSSKiB, listRequests, list.status))
    print(String(format: "ratio poddoctor/kubectl:        time %.2fx (target <= 0.15x), memory %.2fx (target <= 0.25x); JSON: %.2fx, %.2fx",
                 scan.seconds / list.seconds, Double(scan.maxRSSKiB) / Double(list.maxRSSKiB),
                 scanJSON.seconds / list.seconds, Double(scanJSON.maxRSSKiB) / Double(list.maxRSSKiB)))

    let name = "api-7d4b9c8f6d-0"
    try await server.reset()
    let one = try measure(poddoctor, ["diagnose", name, "-n", "team-0", "--kubeconfig", kubeconfig])
    let oneRequests = try await requestCount()
    var manual = 0.0
    for arguments in [["get", "pod", name, "-n", "team-0", "-o", "json"],
                      ["get", "events", "-n", "team-0", "--field-selector", "involvedObject.name=\(name)"],
                      ["logs", name, "-n", "team-0", "--previous"],
                      ["describe", "pod", name, "-n", "team-0"]] {
        manual += try measure(kubectl, arguments + ["--kubeconfig", kubeconfig]).seconds
    }
    print(String(format: "one pod: poddoctor %.3f s (%d requests) vs the four kubectl commands %.3f s: %.2fx (target <= 0.15x)",
                 one.seconds, oneRequests, manual, one.seconds / manual))
} else {
    print("kubectl is not installed: no comparison")
}
server.stop()
