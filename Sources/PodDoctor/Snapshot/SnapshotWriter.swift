import Foundation
import KubeModel
import PodDiagnosis

/// Saves what a diagnosis read so it can be shared and diagnosed elsewhere (`diagnose --from`):
/// `objects.json` (a v1 `List`), `logs/NAMESPACE/POD/CONTAINER[.previous].log` and `snapshot.json`.
/// Secrets are written as metadata only; they never had data. With `redact`, names and IP
/// addresses are replaced consistently by placeholders.
public struct SnapshotWriter: Sendable {
    /// Whether to replace names and IP addresses.
    public var redact: Bool

    /// Creates a writer.
    public init(redact: Bool = false) {
        self.redact = redact
    }

    /// Writes `objects` into `folder` (created if needed); returns the number of objects and logs written.
    @discardableResult
    public func write(_ objects: ObjectSet, to folder: String, takenAt: Date) throws -> (objects: Int, logs: Int) {
        let manager = FileManager.default
        try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let items = try Self.items(objects)
        let redactor = redact ? Redactor(objects) : nil
        var list = try String(decoding: JSONSerialization.data(withJSONObject: [
            "kind": "List", "apiVersion": "v1", "metadata": [String: Any](), "items": items,
        ], options: [.prettyPrinted, .sortedKeys]), as: UTF8.self)
        if let redactor { list = redactor.apply(list) }
        try list.write(toFile: "\(folder)/objects.json", atomically: true, encoding: .utf8)
        var logs = 0
        for (key, text) in objects.logs.sorted(by: { "\($0.key)" < "\($1.key)" }) {
            let namespace = redactor?.apply(key.namespace) ?? key.namespace
            let pod = redactor?.apply(key.pod) ?? key.pod
            let directory = "\(folder)/logs/\(namespace)/\(pod)"
            try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let name = key.container + (key.previous ? ".previous.log" : ".log")
            try (redactor?.apply(text) ?? text).write(toFile: "\(directory)/\(name)", atomically: true, encoding: .utf8)
            logs += 1
        }
        // What was checked and what could not be read, so that offline lookups say "absent" or
        // "unknown" exactly as they did live.
        let unreadable = objects.unreadable.reduce(into: [String: String]()) { result, entry in
            result[redactor?.apply(entry.key) ?? entry.key] = redactor?.apply(entry.value) ?? entry.value
        }
        let meta: [String: Any] = ["apiVersion": "poddoctor/v1", "kind": "Snapshot", "takenAt": Time(takenAt).description, "redacted": redact,
                                   "checkedKinds": objects.checkedKinds.sorted(), "unreadable": unreadable]
        try JSONSerialization.data(withJSONObject: meta, options: [.prettyPrinted, .sortedKeys]).write(to: URL(fileURLWithPath: "\(folder)/snapshot.json"))
        return (items.count, logs)
    }

    /// Every object as a JSON dictionary with its kind and apiVersion.
    static func items(_ objects: ObjectSet) throws -> [Any] {
        var items: [Any] = []
        func add<T: KubernetesObject>(_ values: [T]) throws {
            for value in values {
                guard var object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(value)) as? [String: Any] else { continue }
                object["kind"] = T.kind
                object["apiVersion"] = T.apiVersion
                items.append(object)
            }
        }
        try add(objects.pods)
        try add(objects.events)
        try add(objects.replicaSets)
        try add(objects.deployments)
        try add(objects.statefulSets)
        try add(objects.daemonSets)
        try add(objects.jobs)
        try add(objects.cronJobs)
        try add(objects.nodes)
        try add(objects.configMaps)
        try add(objects.services)
        try add(objects.endpoints)
        try add(objects.claims)
        for secret in objects.secrets {
            // Metadata only: a Secret's data is never read, so it cannot be written; nor its annotations,
            // where kubectl keeps a copy of the whole Secret (last-applied-configuration).
            var meta = secret.metadata
            meta.annotations = nil
            let metadata = try JSONSerialization.jsonObject(with: JSONEncoder().encode(meta))
            items.append(["kind": "Secret", "apiVersion": "v1", "metadata": metadata])
        }
        return items
    }
}

/// Replaces names (namespaces, pods, nodes, workloads, services, ConfigMaps, Secrets) and IP
/// addresses by stable placeholders (`namespace-1`, `pod-3`, `192.0.2.7`), the same everywhere.
struct Redactor {
    private var replacements: [(String, String)] = []
    private let ipRegex = try? NSRegularExpression(pattern: #"\b(?:\d{1,3}\.){3}\d{1,3}\b"#)

    init(_ objects: ObjectSet) {
        var mapping: [String: String] = [:]
        func add(_ names: [String?], _ prefix: String) {
            for name in Set(names.compactMap { $0 }).sorted() where name.count >= 3 && mapping[name] == nil {
                mapping[name] = "\(prefix)-\(mapping.count + 1)"
            }
        }
        add(objects.pods.map(\.metadata.namespace), "namespace")
        add(objects.pods.map(\.metadata.name), "pod")
        add(objects.nodes.map(\.metadata.name) + objects.pods.map { $0.spec?.nodeName }, "node")
        add(objects.deployments.map(\.metadata.name) + objects.replicaSets.map(\.metadata.name) + objects.statefulSets.map(\.metadata.name)
            + objects.daemonSets.map(\.metadata.name) + objects.jobs.map(\.metadata.name) + objects.cronJobs.map(\.metadata.name), "workload")
        add(objects.services.map(\.metadata.name), "service")
        add(objects.configMaps.map(\.metadata.name), "configmap")
        add(objects.secrets.map(\.metadata.name), "secret")
        // Longest first, so that `web-7d4b9c8f6d-x7k2p` is replaced before `web`.
        replacements = mapping.sorted { $0.key.count == $1.key.count ? $0.key < $1.key : $0.key.count > $1.key.count }
    }

    func apply(_ text: String) -> String {
        var result = text
        for (name, placeholder) in replacements { result = result.replacingOccurrences(of: name, with: placeholder) }
        guard let ipRegex else { return result }
        var addresses: [String: String] = [:]
        let matches = ipRegex.matches(in: result, range: NSRange(result.startIndex..., in: result))
        for match in matches {
            guard let range = Range(match.range, in: result) else { continue }
            let address = String(result[range])
            // Documentation ranges (RFC 5737), which real clusters do not use.
            let n = addresses.count
            if addresses[address] == nil { addresses[address] = n < 250 ? "192.0.2.\(n + 1)" : "198.51.100.\(n % 250 + 1)" }
        }
        for (address, placeholder) in addresses.sorted(by: { $0.key.count > $1.key.count }) {
            result = result.replacingOccurrences(of: address, with: placeholder)
        }
        return result
    }
}
