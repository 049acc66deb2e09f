import Foundation
import KubeModel

extension KubernetesClient {
    /// The events about one object, oldest first, ordered as kubectl orders them (by the time
    /// last seen: `series.lastObservedTime`, `lastTimestamp`, `eventTime`, `firstTimestamp`).
    ///
    /// Selected by uid, name and namespace as kubectl does, so events of an earlier object of the
    /// same name are left out.
    public func events(
        involvedObjectUID uid: String?, name: String, namespace: String, kind: String? = nil
    ) async throws -> [Event] {
        var selector = ["involvedObject.name=\(name)", "involvedObject.namespace=\(namespace)"]
        if let uid, !uid.isEmpty { selector.append("involvedObject.uid=\(uid)") }
        if let kind { selector.append("involvedObject.kind=\(kind)") }
        let list = try await list(Event.self, namespace: namespace, options: ListOptions(fieldSelector: selector.joined(separator: ",")))
        return Self.ordered(list.items)
    }

    /// The events about a pod, oldest first.
    public func events(for pod: Pod) async throws -> [Event] {
        try await events(
            involvedObjectUID: pod.metadata.uid, name: pod.metadata.name ?? "", namespace: pod.metadata.namespace ?? "default",
            kind: "Pod")
    }

    /// The events about a node (the kubelet's `Rebooted`, `NodeNotReady`, `SystemOOM`...), or about
    /// every node when `name` is `nil`, oldest first. Node events live in the `default` namespace;
    /// all namespaces are searched.
    public func nodeEvents(name: String? = nil) async throws -> [Event] {
        let selector = "involvedObject.kind=Node" + (name.map { ",involvedObject.name=\($0)" } ?? "")
        return Self.ordered(try await list(Event.self, options: ListOptions(fieldSelector: selector)).items)
    }

    /// Warning events in one namespace, or in all namespaces when `namespace` is `nil`, oldest first:
    /// one request for a whole scan instead of one per pod.
    public func warningEvents(namespace: String? = nil) async throws -> [Event] {
        Self.ordered(try await list(Event.self, namespace: namespace, options: ListOptions(fieldSelector: "type=Warning")).items)
    }

    /// Orders events by when they were last seen, then by name, so equal times stay stable.
    public static func ordered(_ events: [Event]) -> [Event] {
        Event.ordered(events)
    }
}
