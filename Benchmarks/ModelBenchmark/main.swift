// Model benchmark: decodes a 5,000-pod list with the full models, as JSON (about 8 MB) and as protobuf,
// both served by the test API server (MB/s and pods/s of the decode alone), then pages through the same
// pods in each encoding and reports the peak memory of the paged read.
//
//     swift run -c release model-bench [pods] [decode|paged|json|protobuf]
//
// Run the two parts in separate processes (the default runs both) so that the paged read's peak
// memory is not hidden by what the decode part already allocated.
//
// Not a test: it prints figures and asserts nothing.
import Foundation
import KubeClient
import KubeModel
import TestAPIServerHarness

let count = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 5_000
let mode = CommandLine.arguments.dropFirst(2).first ?? "both"

/// A realistic pod of a Deployment: one container with probes, env and resources, a running or crash-looping status.
func podJSON(_ index: Int) -> String {
    let name = "shop-7d4b9c8f6d-\(String(index, radix: 36))"
    let crashing = index % 20 == 0
    let state = crashing
        ? #"{"waiting":{"reason":"CrashLoopBackOff","message":"back-off 40s restarting failed container=app pod=\#(name)_shop(uid-\#(index))"}}"#
        : #"{"running":{"startedAt":"2026-11-25T13:33:00Z"}}"#
    return """
    {"metadata":{"name":"\(name)","generateName":"shop-7d4b9c8f6d-","namespace":"shop-\(index % 50)","uid":"6f1c2a3e-\(String(format: "%04x", index % 65536))-4eaf-ab82-b1d4823502ea","resourceVersion":"\(10_000 + index)","creationTimestamp":"2026-11-25T13:32:52Z","labels":{"app":"shop","pod-template-hash":"7d4b9c8f6d","tier":"frontend"},"ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"shop-7d4b9c8f6d","uid":"7d0335d4-e556-4042-91e8-d48d9135ccf4","controller":true,"blockOwnerDeletion":true}]},"spec":{"containers":[{"name":"app","image":"registry.example.com/shop/app:1.4.2","args":["--port=8080"],"ports":[{"name":"http","containerPort":8080,"protocol":"TCP"}],"env":[{"name":"LOG_LEVEL","valueFrom":{"configMapKeyRef":{"name":"app-config","key":"log-level"}}},{"name":"DB_PASSWORD","valueFrom":{"secretKeyRef":{"name":"app-secret","key":"password"}}}],"resources":{"limits":{"cpu":"500m","memory":"256Mi"},"requests":{"cpu":"100m","memory":"128Mi"}},"livenessProbe":{"httpGet":{"path":"/healthz","port":"http","scheme":"HTTP"},"initialDelaySeconds":5,"timeoutSeconds":1,"periodSeconds":10,"successThreshold":1,"failureThreshold":3},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"IfNotPresent"}],"restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst","serviceAccountName":"default","nodeName":"node-\(index % 40)","schedulerName":"default-scheduler","tolerations":[{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":300}],"priority":0},"status":{"phase":"Running","conditions":[{"type":"Ready","status":"\(crashing ? "False" : "True")","lastProbeTime":null,"lastTransitionTime":"2026-11-25T13:33:10Z"},{"type":"PodScheduled","status":"True","lastProbeTime":null,"lastTransitionTime":"2026-11-25T13:32:52Z"}],"hostIP":"10.0.\(index % 40).1","podIP":"10.244.\(index % 250).\(index % 200)","startTime":"2026-11-25T13:32:52Z","containerStatuses":[{"name":"app","state":\(state),"lastState":{"terminated":{"exitCode":1,"reason":"Error","startedAt":"2026-11-25T13:33:40Z","finishedAt":"2026-11-25T13:33:41Z"}},"ready":\(!crashing),"restartCount":\(crashing ? 7 : 0),"image":"registry.example.com/shop/app:1.4.2","imageID":"registry.example.com/shop/app@sha256:9c2b5e","containerID":"containerd://\(index)","started":\(!crashing)}],"qosClass":"Burstable"}}
    """
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func memoryKiB(_ field: String) -> Int {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix(field + ":") } ?? ""
    return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
}

let items = (0..<count).map(podJSON).joined(separator: ",")

// The pods served by the test API server: the same list as JSON and as protobuf, then read page by page.
let folder = NSTemporaryDirectory() + "poddoctor-bench-" + UUID().uuidString
try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
let withKinds = items.replacingOccurrences(of: #"{"metadata":{"name":"shop-"#, with: #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"shop-"#)
try (#"{"kind":"List","apiVersion":"v1","metadata":{},"items":["# + withKinds + "]}").write(
    toFile: folder + "/objects.json", atomically: true, encoding: .utf8)
let server = try await TestAPIServer(["--fixtures", folder])
defer {
    server.stop()
    try? FileManager.default.removeItem(atPath: folder)
}
let largestPage = LargestPage()
func makeClient(_ format: WireFormat) throws -> KubernetesClient {
    var options = KubernetesClient.Options()
    options.observer = { largestPage.record($0.bytesReceived) }
    options.wireFormat = format
    return try KubernetesClient(configuration: ClientConfiguration(
        server: server.baseURL, tls: TLSConfiguration(certificateAuthorityPEM: TestAPIServer.certificate("ca.pem")), proxy: .none,
        compression: false), options: options)
}

let clock = ContinuousClock()
if mode == "both" || mode == "decode" {
    for format in WireFormat.allCases {
        let client = try makeClient(format)
        let accept = format == .json ? "application/json" : "application/vnd.kubernetes.protobuf"
        let response = try await client.send(client.request(path: "/api/v1/pods", headers: ["Accept": accept]))
        var best = Double.infinity
        for _ in 0..<5 {
            let start = clock.now
            let list = try client.decode(ObjectList<Pod>.self, from: response)
            let elapsed = seconds(clock.now - start)
            precondition(list.items.count == count)
            best = min(best, elapsed)
        }
        print(String(format: "decode ObjectList<Pod> from %@: %d bytes (%d per pod), best of 5 %.3f s, %.1f MB/s, %.0f pods/s",
                     format.rawValue, response.body.count, response.body.count / count, best,
                     Double(response.body.count) / best / 1e6, Double(count) / best))
    }
}
if mode == "decode" { exit(0) }

for format in WireFormat.allCases where mode == "both" || mode == "paged" || mode == format.rawValue {
    let client = try makeClient(format)
    _ = try await client.serverVersion()
    try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)  // resets the peak (VmHWM)
    let baseline = memoryKiB("VmRSS")
    largestPage.reset()
    let pagedStart = clock.now
    var seen = 0
    for try await page in client.pages(Pod.self, options: ListOptions(limit: 500)) {
        seen += page.list.items.count
    }
    let pagedSeconds = seconds(clock.now - pagedStart)
    let peak = memoryKiB("VmHWM")
    print(String(format: "paged read (%@), limit 500: %d pods in %.2f s; largest page %d KiB; peak RSS %d KiB over the %d KiB before (%.1fx the largest page)",
                 format.rawValue, seen, pagedSeconds, largestPage.bytes / 1024, peak - baseline, baseline,
                 Double((peak - baseline) * 1024) / Double(max(1, largestPage.bytes))))
}

/// The largest response body seen.
final class LargestPage: @unchecked Sendable {
    private let lock = NSLock()
    private var largest = 0
    func record(_ bytes: Int) { lock.withLock { largest = max(largest, bytes) } }
    func reset() { lock.withLock { largest = 0 } }
    var bytes: Int { lock.withLock { largest } }
}
