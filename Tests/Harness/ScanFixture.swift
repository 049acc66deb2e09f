import Foundation

/// A large cluster for the benchmarks: `count` pods of one Deployment per namespace (50 namespaces,
/// 20 nodes), one in twenty crash-looping with its BackOff event and logs, and the ReplicaSets,
/// Deployments, ConfigMaps, Secrets and nodes they reference.
public enum ScanFixture {
    /// Namespaces the pods are spread over.
    public static let namespaces = 50
    /// One pod in this many fails.
    public static let failingEvery = 20

    /// The namespace of pod `index`.
    public static func namespace(_ index: Int) -> String { "team-\(index % namespaces)" }
    /// The name of pod `index`.
    public static func name(_ index: Int) -> String { "api-7d4b9c8f6d-\(String(index, radix: 36))" }
    /// The uid of pod `index`.
    public static func uid(_ index: Int) -> String { String(format: "%08x-0000-4000-8000-%012x", index, index) }
    /// Whether pod `index` fails in the fixture as written.
    public static func failing(_ index: Int) -> Bool { index % failingEvery == 0 }

    /// Pod `index` as JSON: crash-looping (`restarts` times) when `failing`, else running;
    /// `touch` adds an annotation, as a controller's or the kubelet's update of a healthy pod does.
    public static func pod(_ index: Int, failing: Bool? = nil, restarts: Int = 6, touch: Int? = nil) -> String {
        let namespace = namespace(index), name = name(index), uid = uid(index)
        let failing = failing ?? Self.failing(index)
        let state = failing
            ? #"{"waiting":{"reason":"CrashLoopBackOff","message":"back-off 2m40s restarting failed container=app pod=\#(name)_\#(namespace)(\#(uid))"}}"#
            : #"{"running":{"startedAt":"2026-11-25T12:00:00Z"}}"#
        let annotations = touch.map { #","annotations":{"bench/touch":"\#($0)"}"# } ?? ""
        return """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"\(name)","namespace":"\(namespace)","uid":"\(uid)","resourceVersion":"\(1000 + index)","creationTimestamp":"2026-11-25T12:00:00Z","labels":{"app":"api","pod-template-hash":"7d4b9c8f6d"}\(annotations),"ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"api-7d4b9c8f6d","uid":"rs-\(namespace)","controller":true}]},"spec":{"nodeName":"node-\(index % 20)","restartPolicy":"Always","containers":[{"name":"app","image":"registry.example.com/api:2.1.0","env":[{"name":"DATABASE_URL","valueFrom":{"secretKeyRef":{"name":"db","key":"url"}}},{"name":"MODE","valueFrom":{"configMapKeyRef":{"name":"api-config","key":"mode"}}}],"resources":{"limits":{"memory":"256Mi","cpu":"500m"}},"ports":[{"containerPort":8080}]}]},"status":{"phase":"Running","podIP":"10.244.\(index % 250).\(index % 200)","conditions":[{"type":"Ready","status":"\(failing ? "False" : "True")"}],"containerStatuses":[{"name":"app","ready":\(!failing),"restartCount":\(failing ? restarts : 0),"image":"registry.example.com/api:2.1.0","imageID":"","state":\(state),"lastState":\(failing ? #"{"terminated":{"exitCode":1,"reason":"Error","startedAt":"2026-11-25T13:57:00Z","finishedAt":"2026-11-25T13:57:02Z"}}"# : "{}")}]}}
        """
    }

    /// Writes a kubeconfig for `server` (a bearer token; `namespace` as the context's default) to
    /// `path`, for the tools a benchmark runs.
    public static func writeKubeconfig(server: TestAPIServer, namespace: String? = nil, to path: String) throws {
        let context = namespace.map { "{cluster: bench, user: bench, namespace: \($0)}" } ?? "{cluster: bench, user: bench}"
        try """
        apiVersion: v1
        kind: Config
        current-context: bench
        clusters: [{name: bench, cluster: {server: "\(server.baseURL)", certificate-authority: "\(TestAPIServer.certificatePath("ca.pem"))"}}]
        contexts: [{name: bench, context: \(context)}]
        users: [{name: bench, user: {token: bench-token}}]
        """.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Writes pod `index`'s crashed and current logs under `folder/logs` (the server serves them).
    public static func writeLogs(_ index: Int, in folder: String) throws {
        let logs = "\(folder)/logs/\(namespace(index))/\(name(index))"
        try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        let crash = "2026-11-25T13:57:01.000000000Z starting api 2.1.0\n2026-11-25T13:57:02.000000000Z Error: connect ECONNREFUSED 10.96.7.7:5432\n"
        try crash.write(toFile: "\(logs)/app.previous.log", atomically: true, encoding: .utf8)
        try crash.write(toFile: "\(logs)/app.log", atomically: true, encoding: .utf8)
    }

    /// Writes the fixture folder (`objects.json` and `logs/`) for `count` pods; `logsFor` adds logs
    /// for pods that are not failing yet (a benchmark that makes them fail later).
    public static func write(count: Int, to folder: String, logsFor extra: [Int] = []) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var items = (0..<count).map { pod($0) }
        for n in 0..<namespaces {
            let namespace = "team-\(n)"
            items.append(#"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"\#(namespace)"}}"#)
            items.append(#"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"api","namespace":"\#(namespace)","uid":"dep-\#(namespace)","annotations":{"deployment.kubernetes.io/revision":"1"}},"spec":{"selector":{"matchLabels":{"app":"api"}}},"status":{"replicas":100,"readyReplicas":95}}"#)
            items.append(#"{"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"api-7d4b9c8f6d","namespace":"\#(namespace)","uid":"rs-\#(namespace)","annotations":{"deployment.kubernetes.io/revision":"1"},"ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment","name":"api","uid":"dep-\#(namespace)","controller":true}]},"spec":{"selector":{"matchLabels":{"app":"api"}}},"status":{"replicas":100,"readyReplicas":95}}"#)
            items.append(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"api-config","namespace":"\#(namespace)"},"data":{"mode":"production"}}"#)
            items.append(#"{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db","namespace":"\#(namespace)"},"type":"Opaque","data":{"url":"cG9zdGdyZXM6Ly9kYg=="}}"#)
        }
        for n in 0..<20 {
            items.append(#"{"apiVersion":"v1","kind":"Node","metadata":{"name":"node-\#(n)"},"status":{"nodeInfo":{"architecture":"amd64"},"conditions":[{"type":"Ready","status":"True"}]}}"#)
        }
        for index in stride(from: 0, to: count, by: failingEvery) {
            let namespace = namespace(index), name = name(index), uid = uid(index)
            items.append(#"{"apiVersion":"v1","kind":"Event","metadata":{"name":"\#(name).backoff","namespace":"\#(namespace)"},"involvedObject":{"kind":"Pod","namespace":"\#(namespace)","name":"\#(name)","uid":"\#(uid)","fieldPath":"spec.containers{app}"},"reason":"BackOff","message":"Back-off restarting failed container app in pod \#(name)_\#(namespace)(\#(uid))","type":"Warning","count":25,"firstTimestamp":"2026-11-25T13:30:00Z","lastTimestamp":"2026-11-25T13:57:30Z","source":{"component":"kubelet"}}"#)
            try writeLogs(index, in: folder)
        }
        for index in extra { try writeLogs(index, in: folder) }
        try (#"{"kind":"List","apiVersion":"v1","metadata":{},"items":["# + items.joined(separator: ",") + "]}").write(
            toFile: "\(folder)/objects.json", atomically: true, encoding: .utf8)
    }
}
