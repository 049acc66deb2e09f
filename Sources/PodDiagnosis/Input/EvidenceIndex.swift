import KubeModel

/// An object set's events, logs and pods indexed once for the evidence of many pods: a scan of every
/// event and log per failing pod would grow with the square of the cluster.
struct EvidenceIndex: Sendable {
    /// Indices into the set's pods, by their controller's uid.
    let podsByController: [String: [Int]]
    /// Indices of the events about a node, by node name.
    private let nodeEvents: [String: [Int]]
    /// Indices of the events about a pod that name its uid, by uid.
    private let eventsByUID: [String: [Int]]
    /// Indices of the events about a pod that name no uid, by `namespace/name`.
    private let eventsWithoutUID: [String: [Int]]
    /// Indices of all events about a pod, by `namespace/name`.
    private let eventsByName: [String: [Int]]
    /// The log keys of each pod, by `namespace/name`.
    private let logs: [String: [ObjectSet.LogKey]]
    /// The pods of each workload, shared by the evidence of its pods.
    let siblingGroups = SiblingGroups()

    init(_ objects: ObjectSet) {
        var byController: [String: [Int]] = [:]
        for (index, pod) in objects.pods.enumerated() {
            if let uid = pod.metadata.controller?.uid, !uid.isEmpty { byController[uid, default: []].append(index) }
        }
        podsByController = byController
        var nodeEvents: [String: [Int]] = [:], byUID: [String: [Int]] = [:]
        var withoutUID: [String: [Int]] = [:], byName: [String: [Int]] = [:]
        for (index, event) in objects.events.enumerated() {
            let involved = event.involvedObject
            if involved.kind == "Node" {
                if let name = involved.name { nodeEvents[name, default: []].append(index) }
                continue
            }
            guard involved.kind == nil || involved.kind == "Pod" else { continue }
            let hasUID = !(involved.uid ?? "").isEmpty
            if let uid = involved.uid, hasUID { byUID[uid, default: []].append(index) }
            guard let name = involved.name, let namespace = involved.namespace ?? event.metadata.namespace else { continue }
            let key = "\(namespace)/\(name)"
            byName[key, default: []].append(index)
            if !hasUID { withoutUID[key, default: []].append(index) }
        }
        self.nodeEvents = nodeEvents
        eventsByUID = byUID
        eventsWithoutUID = withoutUID
        eventsByName = byName
        logs = Dictionary(grouping: objects.logs.keys) { "\($0.namespace)/\($0.pod)" }
    }

    /// The events ``ObjectSet/isAbout(_:_:)`` keeps for `pod`, in the set's order.
    func events(of pod: Pod, in events: [Event]) -> [Event] {
        let key = "\(pod.metadata.namespace ?? "default")/\(pod.metadata.name ?? "")"
        var indices = pod.spec?.nodeName.flatMap { nodeEvents[$0] } ?? []
        if let uid = pod.metadata.uid {
            indices += eventsByUID[uid] ?? []
            indices += eventsWithoutUID[key] ?? []
        } else {
            indices += eventsByName[key] ?? []
        }
        return indices.sorted().map { events[$0] }
    }

    /// The keys of `namespace/pod`'s logs.
    func logKeys(namespace: String, pod: String) -> [ObjectSet.LogKey] {
        logs["\(namespace)/\(pod)"] ?? []
    }
}
