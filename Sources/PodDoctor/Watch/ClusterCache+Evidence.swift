import Foundation
import KubeModel
import PodDiagnosis

extension ClusterCache {
    /// What a diagnosis of `pod` reads, taken from the caches (no request): the pod and the other
    /// pods of its workload, the events about it and its node, the nodes, its owner chain with the
    /// Deployment's other revisions, the ConfigMaps, Secrets (metadata) and claims it references,
    /// and, when its logs name a dependency, the Services and Endpoints. A cache that could not be
    /// filled makes its lookups "unknown", with the reason, as a read that failed does in a scan.
    func objects(for pod: Pod, logs: [ObjectSet.LogKey: String]) -> ObjectSet {
        let namespace = pod.metadata.namespace ?? "default"
        var objects = ObjectSet()
        objects.logs = logs
        objects.events = events(of: pod)
        objects.nodes = nodes.all
        // The owner chain: ReplicaSet, Deployment (with its other revisions), StatefulSet, DaemonSet, Job, CronJob.
        var controllers = Set<String>()
        var reference = pod.metadata.controller
        var steps = 0
        while let current = reference, steps < 5 {
            steps += 1
            reference = nil
            if !current.uid.isEmpty { controllers.insert(current.uid) }
            switch current.kind {
            case "ReplicaSet":
                guard let replicaSet = replicaSets.get(namespace: namespace, name: current.name) else { break }
                objects.replicaSets.append(replicaSet)
                reference = replicaSet.metadata.controller
            case "Deployment":
                guard let deployment = deployments.get(namespace: namespace, name: current.name) else { break }
                objects.deployments.append(deployment)
                if let uid = deployment.metadata.uid {
                    let revisions = replicaSets.byIndex("owner", uid)
                    Collector.add(revisions, to: &objects.replicaSets)
                    controllers.formUnion(revisions.compactMap(\.metadata.uid))
                }
            case "StatefulSet":
                objects.statefulSets += [statefulSets.get(namespace: namespace, name: current.name)].compactMap { $0 }
            case "DaemonSet":
                objects.daemonSets += [daemonSets.get(namespace: namespace, name: current.name)].compactMap { $0 }
            case "Job":
                guard let job = jobs.get(namespace: namespace, name: current.name) else { break }
                objects.jobs.append(job)
                reference = job.metadata.controller
            case "CronJob":
                objects.cronJobs += [cronJobs.get(namespace: namespace, name: current.name)].compactMap { $0 }
            default:
                break
            }
        }
        // The pod, then its workload's other pods (the engine compares it with them).
        objects.pods = [pod]
        for uid in controllers.sorted() {
            objects.pods += self.pods.controlled(by: uid).filter { $0.metadata.uid != pod.metadata.uid && $0.metadata.namespace == pod.metadata.namespace }
        }
        addReferences(of: pod, namespace: namespace, to: &objects)
        if logs.values.contains(where: LogHints.mentionsNetworkDependency) {
            if services.isComplete {
                objects.services = services.all
                objects.checkedKinds.insert("Service")
                objects.serviceNamespaces = self.namespace.map { [$0] }
            } else {
                note(services, key: "services:\(namespace)", in: &objects)
            }
            objects.endpoints = endpoints.all
            note(endpoints, key: "endpoints:\(namespace)", in: &objects)
        }
        if nodes.isComplete { objects.checkedKinds.insert("Node") } else { note(nodes, key: "nodes", in: &objects) }
        note(podEvents, key: "events:\(namespace)", in: &objects)
        for (cache, key) in [(replicaSets.unreadable, "replicasets"), (deployments.unreadable, "deployments"), (statefulSets.unreadable, "statefulsets"),
                             (daemonSets.unreadable, "daemonsets"), (jobs.unreadable, "jobs"), (cronJobs.unreadable, "cronjobs")] {
            if let reason = cache { objects.unreadable["\(key):\(namespace)"] = reason }
        }
        return objects
    }

    /// The events about `pod` (by uid, or by name for events that name none) and about its node.
    func events(of pod: Pod) -> [Event] {
        let key = "name:\(pod.metadata.namespace ?? "default")/\(pod.metadata.name ?? "")"
        var events: [Event]
        if let uid = pod.metadata.uid, !uid.isEmpty {
            events = podEvents.byIndex("pod", "uid:\(uid)") + podEvents.byIndex("pod", key).filter { ($0.involvedObject.uid ?? "").isEmpty }
        } else {
            events = podEvents.byIndex("pod", key)
        }
        if let node = pod.spec?.nodeName { events += nodeEvents.byIndex("node", node) }
        return events
    }

    /// The ConfigMaps, Secrets and claims the pod references; where a missing one exists elsewhere.
    private func addReferences(of pod: Pod, namespace: String, to objects: inout ObjectSet) {
        let references = PodReferences(pod)
        if configMaps.isComplete {
            objects.checkedKinds.insert("ConfigMap")
            objects.configMaps += Self.referenced(references.configMaps, in: configMaps, namespace: namespace)
        } else if !references.configMaps.isEmpty {
            note(configMaps, key: "configmaps:\(namespace)", in: &objects)
        }
        if secrets.isComplete {
            objects.checkedKinds.insert("Secret")
            objects.secrets += Self.referenced(references.secrets, in: secrets, namespace: namespace)
        } else if !references.secrets.isEmpty {
            // The default role grants no Secrets at all: the kubelet's own words are the evidence then.
            objects.unreadable["secrets:\(namespace)"] = secrets.unreadable ?? "Secrets were not read yet"
        }
        let claimNames = (pod.spec?.volumes ?? []).compactMap { $0.persistentVolumeClaim?.claimName }
        if claims.isComplete {
            objects.checkedKinds.insert("PersistentVolumeClaim")
            objects.claims = claimNames.compactMap { claims.get(namespace: namespace, name: $0) }
        } else if !claimNames.isEmpty {
            note(claims, key: "persistentvolumeclaims:\(namespace)", in: &objects)
        }
    }

    /// The objects named `names` in `namespace`; for a name missing there, its namesakes elsewhere.
    private static func referenced<T>(_ names: [String], in cache: ObjectCache<T>, namespace: String) -> [T] {
        names.flatMap { name in
            cache.get(namespace: namespace, name: name).map { [$0] } ?? cache.byIndex("name", name)
        }
    }

    /// Notes why a cache's kind is unknown, when it could not be filled.
    private func note<T>(_ cache: ObjectCache<T>, key: String, in objects: inout ObjectSet) {
        if let reason = cache.unreadable { objects.unreadable[key] = reason }
    }
}
