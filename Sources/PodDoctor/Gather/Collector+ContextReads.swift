import Foundation
import KubeClient
import KubeModel
import PodDiagnosis

/// A read of context that failing pods share: started once, as soon as the first pod that needs it
/// is seen, while the scan goes on.
enum ContextRead: Hashable, Sendable {
    /// Services, Endpoints and Nodes of the whole cluster, and the nodes' events.
    case clusterContext
    /// Nodes and their events (a namespaced scan: Services are read per namespace).
    case nodes
    /// The Services and Endpoints of one namespace.
    case services(namespace: String)
    /// Events about pods, cluster-wide (`nil`) or in one namespace.
    case podEvents(namespace: String?)
    /// The owners of one kind group, cluster-wide (`nil`) or in one namespace: ReplicaSets with
    /// Deployments, StatefulSets, DaemonSets, Jobs with CronJobs.
    case owners(kind: String, namespace: String?)
}

extension Collector {
    /// Owners will be listed in bulk: the per-pod walk reads none.
    func preferBulkOwners() { bulkOwners = true }

    /// The context reads `failing` pods need that have not been started, marked as started.
    func newReads(for failing: [Pod], clusterWide: Bool) -> [ContextRead] {
        var reads: [ContextRead] = []
        func want(_ read: ContextRead) {
            if started.insert(read).inserted { reads.append(read) }
        }
        for pod in failing {
            let namespace = pod.metadata.namespace ?? "default"
            if clusterWide {
                want(.clusterContext)
                want(.podEvents(namespace: nil))
            } else {
                want(.nodes)
                want(.services(namespace: namespace))
                want(.podEvents(namespace: namespace))
            }
            if let kind = pod.metadata.controller?.kind, let group = Self.ownerGroup(kind) {
                want(.owners(kind: group, namespace: clusterWide ? nil : namespace))
            }
        }
        return reads
    }

    /// The kind whose list covers an owner of `kind` (a Deployment comes with its ReplicaSets).
    static func ownerGroup(_ kind: String) -> String? {
        switch kind {
        case "ReplicaSet", "Deployment": return "ReplicaSet"
        case "Job", "CronJob": return "Job"
        case "StatefulSet", "DaemonSet": return kind
        default: return nil
        }
    }

    /// Performs one context read; a read that fails is noted and the diagnosis goes on without it.
    func perform(_ read: ContextRead) async {
        switch read {
        case .clusterContext:
            async let services = attempt("services") { try await self.client.list(Service.self).items }
            async let endpoints = attempt("endpoints") { try await self.client.list(Endpoints.self).items }
            async let nodes: Void = perform(.nodes)
            if let services = await services {
                objects.services += services
                objects.checkedKinds.insert("Service")
                objects.serviceNamespaces = nil
            }
            objects.endpoints += await endpoints ?? []
            await nodes
        case .nodes:
            async let nodes = attempt("nodes") { try await self.client.list(Node.self).items }
            async let nodeEvents = attempt("events:nodes") { try await self.client.nodeEvents() }
            if let nodes = await nodes {
                objects.nodes += nodes
                objects.checkedKinds.insert("Node")
            }
            objects.events += await nodeEvents ?? []
        case .services(let namespace):
            await services(in: namespace)
        case .podEvents(let namespace):
            let options = ListOptions(fieldSelector: "involvedObject.kind=Pod")
            let key = namespace.map { "events:\($0)" } ?? "events"
            if let events = await attempt(key, { try await self.client.list(Event.self, namespace: namespace, options: options).items }) {
                objects.events += events
            }
        case .owners(let kind, let namespace):
            await owners(kind: kind, namespace: namespace)
        }
    }

    /// Events about one pod.
    func events(of pod: Pod) async {
        let namespace = pod.metadata.namespace ?? "default"
        if let events = await attempt("events:\(namespace)", { try await self.client.events(for: pod) }) { objects.events += events }
    }

    /// Lists one owner kind group in a namespace or cluster-wide.
    private func owners(kind: String, namespace: String?) async {
        let scope = namespace.map { ":\($0)" } ?? ""
        switch kind {
        case "ReplicaSet":
            async let replicaSets = attempt("replicasets\(scope)") { try await self.client.list(ReplicaSet.self, namespace: namespace).items }
            async let deployments = attempt("deployments\(scope)") { try await self.client.list(Deployment.self, namespace: namespace).items }
            Self.add(await replicaSets ?? [], to: &objects.replicaSets)
            Self.add(await deployments ?? [], to: &objects.deployments)
        case "StatefulSet":
            Self.add(await attempt("statefulsets\(scope)") { try await self.client.list(StatefulSet.self, namespace: namespace).items } ?? [],
                     to: &objects.statefulSets)
        case "DaemonSet":
            Self.add(await attempt("daemonsets\(scope)") { try await self.client.list(DaemonSet.self, namespace: namespace).items } ?? [],
                     to: &objects.daemonSets)
        default:
            async let jobs = attempt("jobs\(scope)") { try await self.client.list(Job.self, namespace: namespace).items }
            async let cronJobs = attempt("cronjobs\(scope)") { try await self.client.list(CronJob.self, namespace: namespace).items }
            Self.add(await jobs ?? [], to: &objects.jobs)
            Self.add(await cronJobs ?? [], to: &objects.cronJobs)
        }
    }
}
