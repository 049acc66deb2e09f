/// A slice of a service's endpoints (`discovery.k8s.io/v1` `EndpointSlice`).
public struct EndpointSlice: KubernetesObject {
    /// `discovery.k8s.io`.
    public static let group = "discovery.k8s.io"
    /// `v1`.
    public static let version = "v1"
    /// `EndpointSlice`.
    public static let kind = "EndpointSlice"
    /// `endpointslices`.
    public static let resource = "endpointslices"
    /// Endpoint slices live in a namespace.
    public static let isNamespaced = true

    /// `EndpointSlice` when sent.
    public var kind: String?
    /// `discovery.k8s.io/v1` when sent.
    public var apiVersion: String?
    /// The metadata (label `kubernetes.io/service-name` names the service).
    @DefaultEmpty public var metadata: ObjectMeta
    /// `IPv4`, `IPv6` or `FQDN`.
    public var addressType: String?
    /// The endpoints.
    public var endpoints: [Endpoint]?
    /// The ports, shared by all endpoints.
    public var ports: [EndpointPort]?

    /// Creates a slice.
    public init(
        kind: String? = EndpointSlice.kind, apiVersion: String? = EndpointSlice.apiVersion,
        metadata: ObjectMeta = ObjectMeta(), addressType: String? = nil, endpoints: [Endpoint]? = nil,
        ports: [EndpointPort]? = nil
    ) {
        self.kind = kind
        self.apiVersion = apiVersion
        self.metadata = metadata
        self.addressType = addressType
        self.endpoints = endpoints
        self.ports = ports
    }

    /// The name of the service the slice belongs to.
    public var serviceName: String? { metadata.labels?["kubernetes.io/service-name"] }
}

/// One endpoint of an ``EndpointSlice``.
public struct Endpoint: Codable, Sendable, Hashable {
    /// The addresses (usually one IP).
    public var addresses: [String]?
    /// Readiness, serving and terminating state.
    public var conditions: EndpointConditions?
    /// The hostname.
    public var hostname: String?
    /// The object behind the endpoint, usually a pod.
    public var targetRef: ObjectReference?
    /// The node hosting the endpoint.
    public var nodeName: String?
    /// The zone of the endpoint.
    public var zone: String?

    /// Creates an endpoint.
    public init(
        addresses: [String]? = nil, conditions: EndpointConditions? = nil, hostname: String? = nil,
        targetRef: ObjectReference? = nil, nodeName: String? = nil, zone: String? = nil
    ) {
        self.addresses = addresses
        self.conditions = conditions
        self.hostname = hostname
        self.targetRef = targetRef
        self.nodeName = nodeName
        self.zone = zone
    }
}

/// The state of an ``Endpoint``.
public struct EndpointConditions: Codable, Sendable, Hashable {
    /// Whether the endpoint is ready for traffic (unknown means ready).
    public var ready: Bool?
    /// Whether the endpoint can serve (even while terminating).
    public var serving: Bool?
    /// Whether the endpoint is terminating.
    public var terminating: Bool?

    /// Creates conditions.
    public init(ready: Bool? = nil, serving: Bool? = nil, terminating: Bool? = nil) {
        self.ready = ready
        self.serving = serving
        self.terminating = terminating
    }
}
