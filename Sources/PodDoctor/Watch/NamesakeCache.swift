import Foundation
import KubeClient
import KubeModel
import PodDiagnosis

/// Where else a ConfigMap or Secret that a failing pod references exists, for a watch of one
/// namespace (whose caches hold only that namespace): looked up on demand, cluster-wide and metadata
/// only, as a one-shot diagnosis does. An answer is used until it is ``freshFor`` old, then looked up
/// again (and used meanwhile); one nobody asked for in ``keptFor`` is dropped. A lookup that is
/// forbidden (a namespaced Role) finds nothing, quietly.
final class NamesakeCache: @unchecked Sendable {
    /// How long an answer is used before it is looked up again.
    let freshFor: TimeInterval
    /// How long an answer nobody asks for again is kept.
    var keptFor: TimeInterval { freshFor * 6 }
    private let lock = NSLock()
    /// Namesakes by `Kind/name`.
    private var answers = Answers<[PartialObjectMetadata]>()
    /// Services beyond the watched namespace that logs name (`redis.cache`, or a missing `redis` that
    /// exists elsewhere), by the hosts named.
    private var dependencies = Answers<ObjectSet>()

    /// Answers by key with when each was found: looked up again once ``freshFor`` old (and used
    /// meanwhile), dropped once ``keptFor`` old.
    private struct Answers<Value> {
        private var entries: [String: (at: Date, value: Value)] = [:]

        /// The answer under `key`, however old.
        subscript(key: String) -> Value? { entries[key]?.value }

        /// Drops the answers older than `keptFor`.
        mutating func drop(olderThan keptFor: TimeInterval, now: Date) {
            entries = entries.filter { now.timeIntervalSince($0.value.at) < keptFor }
        }

        /// Whether `key` has no answer younger than `freshFor`.
        func needsLookUp(_ key: String, freshFor: TimeInterval, now: Date) -> Bool {
            entries[key].map { now.timeIntervalSince($0.at) >= freshFor } ?? true
        }

        /// Keeps an answer found now.
        mutating func store(_ value: Value, under key: String) {
            entries[key] = (Date(), value)
        }
    }

    /// An empty cache whose answers are used for `freshFor` seconds.
    init(freshFor: TimeInterval = 600) {
        self.freshFor = freshFor
    }

    /// The references of `pod` missing from the watched namespace whose namesakes are not known.
    func unknown(for pod: Pod, in cache: ClusterCache) -> [(kind: String, name: String)] {
        guard cache.namespace != nil else { return [] }
        let namespace = pod.metadata.namespace ?? "default"
        let references = PodReferences(pod)
        var wanted: [(String, String)] = []
        if cache.configMaps.isComplete {
            wanted += references.configMaps.filter { cache.configMaps.get(namespace: namespace, name: $0) == nil }.map { ("ConfigMap", $0) }
        }
        if cache.secrets.isComplete {
            wanted += references.secrets.filter { cache.secrets.get(namespace: namespace, name: $0) == nil }.map { ("Secret", $0) }
        }
        let now = Date()
        return lock.withLock {
            answers.drop(olderThan: keptFor, now: now)
            return wanted.filter { answers.needsLookUp("\($0.0)/\($0.1)", freshFor: freshFor, now: now) }
        }
    }

    /// Looks up where else each of `lookups` exists (metadata only, one request each).
    func lookUp(_ lookups: [(kind: String, name: String)], client: KubernetesClient) async {
        for (kind, name) in lookups {
            let options = ListOptions(fieldSelector: "metadata.name=\(name)")
            let items: [PartialObjectMetadata]
            switch kind {
            case "ConfigMap": items = (try? await client.listMetadata(ConfigMap.self, options: options).items) ?? []
            default: items = (try? await client.listMetadata(Secret.self, options: options).items.map(SecretMetadata.kept)) ?? []
            }
            lock.withLock { answers.store(items, under: "\(kind)/\(name)") }
        }
    }

    /// The key of the dependency hosts `objects`' logs name, when a watch of one namespace has not
    /// looked them up yet (`nil`: nothing to look up).
    func unknownDependencies(in objects: ObjectSet, cache: ClusterCache) -> String? {
        guard cache.namespace != nil, objects.serviceNamespaces != nil else { return nil }
        let key = Self.hosts(objects)
        guard !key.isEmpty else { return nil }
        let now = Date()
        return lock.withLock {
            dependencies.drop(olderThan: keptFor, now: now)
            return dependencies.needsLookUp(key, freshFor: freshFor, now: now) ? key : nil
        }
    }

    /// Looks up the Services beyond the watched namespace that `objects`' logs name, as a one-shot
    /// diagnosis does (``Collector/dependencyLookups()``), and remembers what was found.
    func lookUpDependencies(_ key: String, objects: ObjectSet, client: KubernetesClient) async {
        let collector = Collector(client: client, gatherer: EvidenceGatherer(client: client))
        await collector.seed(objects)
        await collector.dependencyLookups()
        let after = await collector.objects
        var found = ObjectSet()
        let held = Set(objects.services.compactMap(\.metadata.uid))
        found.services = after.services.filter { !held.contains($0.metadata.uid ?? "") }
        found.endpoints = Array(after.endpoints.dropFirst(objects.endpoints.count))
        found.serviceNamespaces = after.serviceNamespaces
        lock.withLock { dependencies.store(found, under: key) }
    }

    /// The hosts `objects`' logs name, as one key.
    private static func hosts(_ objects: ObjectSet) -> String {
        Set(objects.logs.values.flatMap(LogHints.dependencyHosts)).sorted().joined(separator: ",")
    }

    /// Adds the namesakes known for `pod`'s references, and the Services its logs' hosts led to, to `objects`.
    func add(for pod: Pod, to objects: inout ObjectSet) {
        let references = PodReferences(pod)
        let key = objects.serviceNamespaces == nil ? "" : Self.hosts(objects)
        lock.withLock {
            if !key.isEmpty, let found = dependencies[key] {
                objects.services += found.services
                objects.endpoints += found.endpoints
                if let covered = found.serviceNamespaces { objects.serviceNamespaces = (objects.serviceNamespaces ?? []).union(covered) }
            }
            for name in references.configMaps {
                objects.configMaps += (answers["ConfigMap/\(name)"] ?? []).map { ConfigMap(metadata: $0.metadata) }
            }
            for name in references.secrets {
                objects.secrets += answers["Secret/\(name)"] ?? []
            }
        }
    }
}
