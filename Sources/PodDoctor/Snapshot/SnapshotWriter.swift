import Foundation
import KubeModel
import PodDiagnosis

/// Saves what a diagnosis read so it can be shared and diagnosed elsewhere (`diagnose --from`):
/// `objects.json` (a v1 `List`), `logs/NAMESPACE/POD/CONTAINER[.previous].log` and `snapshot.json`.
///
/// Safe to hand over by default: Secrets are metadata only (their data is never read); `env`
/// values are replaced by a marker (names and `valueFrom` references kept); ConfigMap data values
/// too (keys kept) unless `includeConfigMapData`; `last-applied-configuration` annotations (whole
/// copies of objects) are dropped; credentials in logs and in every other text are redacted.
/// `snapshot.json` records what was removed. With `redact`, names and IP addresses (v4 and v6) are
/// also replaced consistently by placeholders.
public struct SnapshotWriter: Sendable {
    /// Whether to replace names and IP addresses.
    public var redact: Bool
    /// Whether to keep ConfigMap data values (they may hold configuration worth hiding).
    public var includeConfigMapData: Bool

    /// What replaces a removed value.
    public static let removedMarker = "(removed by poddoctor snapshot)"

    /// Creates a writer.
    public init(redact: Bool = false, includeConfigMapData: Bool = false) {
        self.redact = redact
        self.includeConfigMapData = includeConfigMapData
    }

    /// Writes `objects` into `folder` (created if needed); returns the number of objects and logs written.
    @discardableResult
    public func write(_ objects: ObjectSet, to folder: String, takenAt: Date) throws -> (objects: Int, logs: Int) {
        let manager = FileManager.default
        let existing = (try? manager.contentsOfDirectory(atPath: folder)) ?? []
        // Nothing is written through a link: a planted snapshot.json (or logs) link could point anywhere.
        for entry in existing where (try? manager.destinationOfSymbolicLink(atPath: "\(folder)/\(entry)")) != nil {
            throw SnapshotError(file: "\(folder)/\(entry)", message: "is a symbolic link: choose a folder without links")
        }
        if !existing.isEmpty {
            // Only an earlier snapshot is replaced; anything else in the folder is left alone.
            guard existing.contains("snapshot.json") else {
                throw SnapshotError(file: folder, message: "is not empty and holds no earlier snapshot: choose an empty or new folder")
            }
            try? manager.removeItem(atPath: "\(folder)/logs")
            try? manager.removeItem(atPath: "\(folder)/objects.json")
        }
        try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var removed = Set<String>(["Secret data (never read; Secrets are kept as metadata without annotations)",
                                   "credentials in log lines and other text (passwords in URLs, Authorization headers, bearer tokens, AWS keys, JWTs, private keys, password=/secret=/token= pairs)"])
        let items = try Self.items(objects).map { sanitize($0, removed: &removed) }
        let redactor = redact ? Redactor(objects) : nil
        if redact { removed.insert("names of namespaces, pods, nodes, workloads, Services, ConfigMaps, Secrets, claims and service accounts, and IPv4/IPv6 addresses (replaced consistently)") }
        let list = String(decoding: try JSONSerialization.data(withJSONObject: [
            "kind": "List", "apiVersion": "v1", "metadata": [String: Any](), "items": redactor.map { $0.apply(json: items) } ?? items,
        ], options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
        try list.write(toFile: "\(folder)/objects.json", atomically: true, encoding: .utf8)
        var logs = 0
        for (key, text) in objects.logs.sorted(by: { "\($0.key)" < "\($1.key)" }) {
            // Whatever a namespace, pod or container name holds, the file stays inside the folder.
            let namespace = Self.pathComponent(redactor?.apply(key.namespace) ?? key.namespace)
            let pod = Self.pathComponent(redactor?.apply(key.pod) ?? key.pod)
            let directory = "\(folder)/logs/\(namespace)/\(pod)"
            try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let name = Self.pathComponent(redactor?.apply(key.container) ?? key.container) + (key.previous ? ".previous.log" : ".log")
            let safe = Redact.line(text)
            try (redactor?.apply(safe) ?? safe).write(toFile: "\(directory)/\(name)", atomically: true, encoding: .utf8)
            logs += 1
        }
        // What was checked and what could not be read, so that offline lookups say "absent" or
        // "unknown" exactly as they did live.
        let unreadable = objects.unreadable.reduce(into: [String: String]()) { result, entry in
            result[redactor?.apply(entry.key) ?? entry.key] = redactor?.apply(entry.value) ?? entry.value
        }
        var meta: [String: Any] = ["apiVersion": "poddoctor/v1", "kind": "Snapshot", "takenAt": Time(takenAt).description, "redacted": redact,
                                   "checkedKinds": objects.checkedKinds.sorted(), "unreadable": unreadable, "removed": removed.sorted()]
        if let namespaces = objects.serviceNamespaces { meta["serviceNamespaces"] = namespaces.map { redactor?.apply($0) ?? $0 }.sorted() }
        try JSONSerialization.data(withJSONObject: meta, options: [.prettyPrinted, .sortedKeys]).write(to: URL(fileURLWithPath: "\(folder)/snapshot.json"), options: .atomic)
        return (items.count, logs)
    }

    /// A name as one path component that cannot leave its folder: `/`, `%`, control characters and a
    /// leading dot percent-encoded (`../x` → `%2E./x` → `%2E.%2Fx`); ordinary names are unchanged.
    public static func pathComponent(_ name: String) -> String {
        var out = ""
        for (index, scalar) in name.unicodeScalars.enumerated() {
            if scalar == "/" || scalar == "%" || scalar == "\\" || scalar.value < 0x20 || scalar.value == 0x7F || (index == 0 && scalar == ".") {
                out += String(format: "%%%02X", scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out.isEmpty ? "%00" : out
    }

    /// The name a path component stands for (the reverse of ``pathComponent(_:)``).
    public static func pathComponentName(_ component: String) -> String {
        component.contains("%") ? (component.removingPercentEncoding ?? component) : component
    }

    /// Whether a flag or a key names a secret (`--password`, `-token`, `vault.example.com/api-key`).
    static func namesASecret(_ text: String) -> Bool {
        let lower = text.lowercased()
        guard !lower.contains("="), lower.count < 80 else { return false }
        return ["password", "passwd", "secret", "token", "api-key", "apikey", "api_key", "credential"].contains { lower.hasSuffix($0) }
            && (lower.hasPrefix("-") || lower.contains("/") || lower.contains("."))
    }

    /// An object made safe to hand over (see the type's description), noting what was removed.
    func sanitize(_ item: Any, removed: inout Set<String>, key: String? = nil, kind: String? = nil) -> Any {
        switch item {
        case let text as String:
            return Redact.line(text)
        case let array as [Any]:
            if key == "env" || key == "httpHeaders" {
                return array.map { entry -> Any in
                    guard var variable = entry as? [String: Any], variable["value"] != nil else { return sanitize(entry, removed: &removed, kind: kind) }
                    variable["value"] = Self.removedMarker
                    removed.insert(key == "env" ? "env values (names and valueFrom references kept)" : "probe and hook HTTP header values (names kept)")
                    return variable
                }
            }
            if key == "args" || key == "command" {
                // `--password hunter2` as two elements: the one after a secret-naming flag is removed.
                var result: [Any] = []
                var hideNext = false
                for element in array {
                    if hideNext, element is String {
                        result.append(Self.removedMarker)
                        removed.insert("command-line values after flags that name a secret (--password, --token...)")
                        hideNext = false
                        continue
                    }
                    hideNext = (element as? String).map(Self.namesASecret) ?? false
                    result.append(sanitize(element, removed: &removed, kind: kind))
                }
                return result
            }
            return array.map { sanitize($0, removed: &removed, kind: kind) }
        case var object as [String: Any]:
            let kind = object["kind"] as? String ?? kind
            if key == "annotations", object.removeValue(forKey: "kubectl.kubernetes.io/last-applied-configuration") != nil {
                removed.insert("kubectl.kubernetes.io/last-applied-configuration annotations (whole copies of objects)")
            }
            if key == "annotations" {
                for name in object.keys where Self.namesASecret(name) {
                    object[name] = Self.removedMarker
                    removed.insert("annotation values whose key names a secret")
                }
            }
            if kind == "ConfigMap", key == nil, !includeConfigMapData {
                for field in ["data", "binaryData"] {
                    guard let data = object[field] as? [String: Any], !data.isEmpty else { continue }
                    object[field] = data.mapValues { _ in Self.removedMarker }
                    removed.insert("ConfigMap data values (keys kept; --include-configmap-data keeps them)")
                }
            }
            var result: [String: Any] = [:]
            for (field, value) in object {
                result[field] = (kind == "ConfigMap" && key == nil && (field == "data" || field == "binaryData") && !includeConfigMapData)
                    ? value : sanitize(value, removed: &removed, key: field, kind: kind)
            }
            return result
        default:
            return item
        }
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

/// Replaces names (namespaces, pods, nodes, workloads, Services, ConfigMaps, Secrets, claims,
/// service accounts) and IPv4 and IPv6 addresses by stable placeholders (`namespace-1`, `pod-3`,
/// `192.0.2.7`, `2001:db8::7`), the same in every file of one snapshot. Only values are rewritten,
/// never JSON keys. Names are matched as whole words, dotted ones included (`ip-10-0-1-23.ec2.internal`,
/// `app.config`); a dotted word that is not a name has its parts matched (`web.shop.svc.cluster.local`),
/// so `deployment.kubernetes.io/revision` or `apiVersion` stay intact.
final class Redactor {
    /// Names that identify nothing about a cluster and that PodDoctor reads: kept.
    static let reserved: Set<String> = ["kubernetes", "default", "kube-system", "kube-public", "kube-node-lease", "kube-root-ca.crt"]

    private var mapping: [String: String] = [:]
    private var addresses: [String: String] = [:]
    private var addresses6: [String: String] = [:]
    private let word = try? NSRegularExpression(pattern: #"[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?"#)
    private let ipv4 = try? NSRegularExpression(pattern: #"(?<![0-9.])(?:\d{1,3}\.){3}\d{1,3}(?!\d|\.\d)"#)
    /// IPv6: a compressed form (with `::`), or six to eight groups (never a time like 13:59:44).
    private let ipv6 = try? NSRegularExpression(
        pattern: #"(?<![0-9A-Za-z:])(?:(?:[0-9A-Fa-f]{1,4}:){1,7}:(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6})?|::[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6}|(?:[0-9A-Fa-f]{1,4}:){5,7}[0-9A-Fa-f]{1,4})(?![0-9A-Za-z:])"#)

    init(_ objects: ObjectSet) {
        var counters: [String: Int] = [:]
        func add(_ names: [String?], _ prefix: String) {
            for name in Set(names.compactMap { $0 }).sorted() where name.count >= 2 && mapping[name] == nil && !Self.reserved.contains(name) {
                counters[prefix, default: 0] += 1
                mapping[name] = "\(prefix)-\(counters[prefix] ?? 0)"
            }
        }
        var namespaces = objects.pods.map(\.metadata.namespace) + objects.services.map(\.metadata.namespace)
        namespaces += objects.configMaps.map(\.metadata.namespace) + objects.secrets.map(\.metadata.namespace)
        namespaces += objects.events.map(\.metadata.namespace) + objects.replicaSets.map(\.metadata.namespace)
        add(namespaces, "namespace")
        add(objects.pods.map(\.metadata.name), "pod")
        add(objects.nodes.map(\.metadata.name) + objects.pods.map { $0.spec?.nodeName }, "node")
        add(objects.deployments.map(\.metadata.name) + objects.replicaSets.map(\.metadata.name) + objects.statefulSets.map(\.metadata.name)
            + objects.daemonSets.map(\.metadata.name) + objects.jobs.map(\.metadata.name) + objects.cronJobs.map(\.metadata.name), "workload")
        add(objects.services.map(\.metadata.name), "service")
        add(objects.configMaps.map(\.metadata.name) + objects.pods.flatMap { PodReferences($0).configMaps }, "configmap")
        add(objects.secrets.map(\.metadata.name) + objects.pods.flatMap { PodReferences($0).secrets }, "secret")
        add(objects.claims.map(\.metadata.name) + objects.pods.flatMap { ($0.spec?.volumes ?? []).compactMap { $0.persistentVolumeClaim?.claimName } }, "claim")
        add(objects.pods.map { $0.spec?.serviceAccountName }, "serviceaccount")
        // Owners that were not read themselves (a healthy StatefulSet in a scan) still name things:
        // owner references, generateName prefixes, the objects events are about.
        let metas = objects.pods.map(\.metadata) + objects.replicaSets.map(\.metadata) + objects.jobs.map(\.metadata)
        add(metas.flatMap { ($0.ownerReferences ?? []).map(\.name) }, "workload")
        add(metas.compactMap { $0.generateName.map { String($0.hasSuffix("-") ? $0.dropLast() : Substring($0)) } }, "workload")
        add(objects.events.map { $0.involvedObject.name }, "object")
        // A node's dotted name's first label is the same node in short (`ip-10-0-1-23` of `ip-10-0-1-23.ec2.internal`).
        for (name, placeholder) in mapping where name.contains(".") && placeholder.hasPrefix("node-") {
            guard let label = name.split(separator: ".").first.map(String.init), label.count >= 2,
                  mapping[label] == nil, !Self.reserved.contains(label) else { continue }
            mapping[label] = placeholder
        }
    }

    /// Free text (a log, a message, a path component): names as whole words, and IPv4 addresses.
    func apply(_ text: String) -> String {
        var result = replace(ipv6, in: text) { self.address6($0) }
        result = replace(word, in: result) { token in
            if let name = self.mapping[token] { return name }
            guard token.contains(".") else { return nil }
            // A dotted word that is no name itself: its parts (`web.shop.svc.cluster.local`).
            let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            let mapped = parts.map { self.mapping[$0] ?? $0 }
            return mapped == parts ? nil : mapped.joined(separator: ".")
        }
        result = replace(ipv4, in: result) { self.address($0) }
        return result
    }

    private func address6(_ address: String) -> String {
        if let known = addresses6[address] { return known }
        let placeholder = "2001:db8::\(String(addresses6.count + 1, radix: 16))"
        addresses6[address] = placeholder
        return placeholder
    }

    /// A JSON value with every string value redacted (keys untouched).
    func apply(json value: Any) -> Any {
        switch value {
        case let text as String: return apply(text)
        case let array as [Any]: return array.map { apply(json: $0) }
        case let object as [String: Any]: return object.mapValues { apply(json: $0) }
        default: return value
        }
    }

    private func address(_ address: String) -> String {
        if let known = addresses[address] { return known }
        let n = addresses.count
        // Documentation ranges (RFC 5737), then a private block: never reused within a snapshot.
        let placeholder = n < 254 ? "192.0.2.\(n + 1)" : n < 508 ? "198.51.100.\(n - 253)" : n < 762 ? "203.0.113.\(n - 507)"
            : "10.255.\((n - 762) / 254).\((n - 762) % 254 + 1)"
        addresses[address] = placeholder
        return placeholder
    }

    private func replace(_ regex: NSRegularExpression?, in text: String, _ replacement: (String) -> String?) -> String {
        guard let regex else { return text }
        let source = text as NSString
        var result = ""
        var last = 0
        for match in regex.matches(in: text, range: NSRange(location: 0, length: source.length)) {
            let token = source.substring(with: match.range)
            guard let new = replacement(token) else { continue }
            result += source.substring(with: NSRange(location: last, length: match.range.location - last)) + new
            last = match.range.location + match.range.length
        }
        return result + source.substring(from: last)
    }
}
