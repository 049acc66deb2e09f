/// An object of any kind, decoded by its `kind` and `apiVersion` into the matching model: the items
/// of a `v1` `List` (`kubectl get -o json` of several kinds) or of any mixed collection. Kinds
/// without a model are kept as JSON.
public enum AnyKubernetesObject: Codable, Sendable, Equatable {
    /// A `v1` Pod.
    case pod(Pod)
    /// A core `v1` or `events.k8s.io/v1` Event.
    case event(Event)
    /// A `v1` ConfigMap.
    case configMap(ConfigMap)
    /// A `v1` Secret (without its data).
    case secret(Secret)
    /// A `v1` ServiceAccount.
    case serviceAccount(ServiceAccount)
    /// A `v1` ResourceQuota.
    case resourceQuota(ResourceQuota)
    /// A `v1` LimitRange.
    case limitRange(LimitRange)
    /// A `v1` PersistentVolumeClaim.
    case persistentVolumeClaim(PersistentVolumeClaim)
    /// A `v1` Service.
    case service(Service)
    /// A `v1` Endpoints.
    case endpoints(Endpoints)
    /// A `discovery.k8s.io/v1` EndpointSlice.
    case endpointSlice(EndpointSlice)
    /// A `v1` Node.
    case node(Node)
    /// A `v1` Namespace.
    case namespace(Namespace)
    /// An `apps/v1` ReplicaSet.
    case replicaSet(ReplicaSet)
    /// An `apps/v1` Deployment.
    case deployment(Deployment)
    /// An `apps/v1` StatefulSet.
    case statefulSet(StatefulSet)
    /// An `apps/v1` DaemonSet.
    case daemonSet(DaemonSet)
    /// A `batch/v1` Job.
    case job(Job)
    /// A `batch/v1` CronJob.
    case cronJob(CronJob)
    /// A kind without a model, kept as JSON.
    case unknown(kind: String?, apiVersion: String?, json: JSONValue)

    /// Decodes by `kind` and the group of `apiVersion`.
    public init(from decoder: any Decoder) throws {
        let header = try decoder.container(keyedBy: JSONKey.self)
        let kind = try header.decodeIfPresent(String.self, forKey: JSONKey("kind"))
        let apiVersion = try header.decodeIfPresent(String.self, forKey: JSONKey("apiVersion"))
        let group: String? = apiVersion.map { version in version.firstIndex(of: "/").map { String(version[..<$0]) } ?? "" }
        func matches<Object: KubernetesObject>(_ type: Object.Type) -> Bool {
            kind == Object.kind && (group == nil || group == Object.group)
        }
        if kind == Event.kind, group == nil || group == "" || group == "events.k8s.io" {
            self = .event(try Event(from: decoder))
        } else if matches(Pod.self) {
            self = .pod(try Pod(from: decoder))
        } else if matches(ConfigMap.self) {
            self = .configMap(try ConfigMap(from: decoder))
        } else if matches(Secret.self) {
            self = .secret(try Secret(from: decoder))
        } else if matches(ServiceAccount.self) {
            self = .serviceAccount(try ServiceAccount(from: decoder))
        } else if matches(ResourceQuota.self) {
            self = .resourceQuota(try ResourceQuota(from: decoder))
        } else if matches(LimitRange.self) {
            self = .limitRange(try LimitRange(from: decoder))
        } else if matches(PersistentVolumeClaim.self) {
            self = .persistentVolumeClaim(try PersistentVolumeClaim(from: decoder))
        } else if matches(Service.self) {
            self = .service(try Service(from: decoder))
        } else if matches(Endpoints.self) {
            self = .endpoints(try Endpoints(from: decoder))
        } else if matches(EndpointSlice.self) {
            self = .endpointSlice(try EndpointSlice(from: decoder))
        } else if matches(Node.self) {
            self = .node(try Node(from: decoder))
        } else if matches(Namespace.self) {
            self = .namespace(try Namespace(from: decoder))
        } else if matches(ReplicaSet.self) {
            self = .replicaSet(try ReplicaSet(from: decoder))
        } else if matches(Deployment.self) {
            self = .deployment(try Deployment(from: decoder))
        } else if matches(StatefulSet.self) {
            self = .statefulSet(try StatefulSet(from: decoder))
        } else if matches(DaemonSet.self) {
            self = .daemonSet(try DaemonSet(from: decoder))
        } else if matches(Job.self) {
            self = .job(try Job(from: decoder))
        } else if matches(CronJob.self) {
            self = .cronJob(try CronJob(from: decoder))
        } else {
            self = .unknown(kind: kind, apiVersion: apiVersion, json: try JSONValue(from: decoder))
        }
    }

    /// Encodes the wrapped object.
    public func encode(to encoder: any Encoder) throws {
        if let object { try object.encode(to: encoder) } else if case .unknown(_, _, let json) = self {
            try json.encode(to: encoder)
        }
    }

    /// The wrapped object, `nil` for an unknown kind.
    public var object: (any KubernetesObject)? {
        switch self {
        case .pod(let object): object
        case .event(let object): object
        case .configMap(let object): object
        case .secret(let object): object
        case .serviceAccount(let object): object
        case .resourceQuota(let object): object
        case .limitRange(let object): object
        case .persistentVolumeClaim(let object): object
        case .service(let object): object
        case .endpoints(let object): object
        case .endpointSlice(let object): object
        case .node(let object): object
        case .namespace(let object): object
        case .replicaSet(let object): object
        case .deployment(let object): object
        case .statefulSet(let object): object
        case .daemonSet(let object): object
        case .job(let object): object
        case .cronJob(let object): object
        case .unknown: nil
        }
    }

    /// The object's kind (the model's, or the one sent for an unknown kind).
    public var kind: String? {
        if let object { return type(of: object).kind }
        if case .unknown(let kind, _, _) = self { return kind }
        return nil
    }

    /// The object's metadata, `nil` for an unknown kind.
    public var metadata: ObjectMeta? { object?.metadata }
}
