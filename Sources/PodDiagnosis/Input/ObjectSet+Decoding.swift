import Foundation
import KubeModel

extension ObjectSet {
    /// Decodes JSON holding one object, a `List`, or a typed list (`PodList`: items without kind),
    /// as `kubectl get -o json` prints them. Secrets keep only their metadata.
    public static func decode(json data: Data) throws -> ObjectSet {
        var set = ObjectSet()
        let object = try JSONDecoder().decode(SnapshotItem.self, from: data)
        set.add(object)
        return set
    }

    mutating func add(_ object: SnapshotItem) {
        switch object {
        case .pod(let pod): pods.append(pod)
        case .event(let event): events.append(event)
        case .replicaSet(let value): replicaSets.append(value)
        case .deployment(let value): deployments.append(value)
        case .statefulSet(let value): statefulSets.append(value)
        case .daemonSet(let value): daemonSets.append(value)
        case .job(let value): jobs.append(value)
        case .cronJob(let value): cronJobs.append(value)
        case .node(let value):
            nodes.append(value)
            checkedKinds.insert("Node")
        case .configMap(let value):
            configMaps.append(value)
            checkedKinds.insert("ConfigMap")
        case .secret(var value):
            // Annotations can hold the whole Secret (kubectl's last-applied-configuration): never kept.
            value.metadata.annotations = nil
            secrets.append(value)
            checkedKinds.insert("Secret")
        case .service(let value):
            services.append(value)
            checkedKinds.insert("Service")
        case .endpoints(let value): endpoints.append(value)
        case .resourceQuota(let value): quotas.append(value)
        case .limitRange(let value): limitRanges.append(value)
        case .claim(let value):
            claims.append(value)
            checkedKinds.insert("PersistentVolumeClaim")
        case .list(let items): items.forEach { add($0) }
        case .other(let kind): ignoredKinds[kind, default: 0] += 1
        }
    }
}

/// One decoded object of any kind PodDoctor reads, or a list of them.
enum SnapshotItem: Decodable {
    case pod(Pod), event(Event), replicaSet(ReplicaSet), deployment(Deployment), statefulSet(StatefulSet)
    case daemonSet(DaemonSet), job(Job), cronJob(CronJob), node(Node), configMap(ConfigMap)
    case secret(PartialObjectMetadata), service(Service), endpoints(Endpoints), resourceQuota(ResourceQuota)
    case limitRange(LimitRange), claim(PersistentVolumeClaim), list([SnapshotItem]), other(String)

    private enum Keys: String, CodingKey { case kind, items }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        let kind = try container.decodeIfPresent(String.self, forKey: .kind) ?? ""
        if container.contains(.items), kind == "List" || kind.hasSuffix("List") || kind.isEmpty {
            let itemKind = kind.hasSuffix("List") && kind != "List" ? String(kind.dropLast(4)) : nil
            var items = try container.nestedUnkeyedContainer(forKey: .items)
            var decoded: [SnapshotItem] = []
            while !items.isAtEnd {
                let itemDecoder = try items.superDecoder()
                decoded.append(try SnapshotItem(kind: itemKind, decoder: itemDecoder))
            }
            self = .list(decoded)
            return
        }
        self = try SnapshotItem(kind: kind, decoder: decoder)
    }

    /// Decodes an object whose kind is known (typed list items) or read from it.
    init(kind known: String?, decoder: any Decoder) throws {
        var kind = known ?? ""
        if kind.isEmpty || kind == "PartialObjectMetadata" {
            let container = try decoder.container(keyedBy: Keys.self)
            kind = try container.decodeIfPresent(String.self, forKey: .kind) ?? kind
        }
        switch kind {
        case "Pod": self = .pod(try Pod(from: decoder))
        case "Event": self = .event(try Event(from: decoder))
        case "ReplicaSet": self = .replicaSet(try ReplicaSet(from: decoder))
        case "Deployment": self = .deployment(try Deployment(from: decoder))
        case "StatefulSet": self = .statefulSet(try StatefulSet(from: decoder))
        case "DaemonSet": self = .daemonSet(try DaemonSet(from: decoder))
        case "Job": self = .job(try Job(from: decoder))
        case "CronJob": self = .cronJob(try CronJob(from: decoder))
        case "Node": self = .node(try Node(from: decoder))
        case "ConfigMap": self = .configMap(try ConfigMap(from: decoder))
        case "Secret": self = .secret(try PartialObjectMetadata(from: decoder))
        case "Service": self = .service(try Service(from: decoder))
        case "Endpoints": self = .endpoints(try Endpoints(from: decoder))
        case "ResourceQuota": self = .resourceQuota(try ResourceQuota(from: decoder))
        case "LimitRange": self = .limitRange(try LimitRange(from: decoder))
        case "PersistentVolumeClaim": self = .claim(try PersistentVolumeClaim(from: decoder))
        default: self = .other(kind.isEmpty ? "(no kind)" : kind)
        }
    }
}
