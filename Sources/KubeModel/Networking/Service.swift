/// A service (`v1` `Service`).
public struct Service: KubernetesObject {
    /// The core group, `""`.
    public static let group = ""
    /// `v1`.
    public static let version = "v1"
    /// `Service`.
    public static let kind = "Service"
    /// `services`.
    public static let resource = "services"
    /// Services live in a namespace.
    public static let isNamespaced = true

    /// `Service` when sent.
    public var kind: String?
    /// `v1` when sent.
    public var apiVersion: String?
    /// The metadata; empty when the object has none.
    @DefaultEmpty public var metadata: ObjectMeta
    /// The desired state.
    public var spec: ServiceSpec?
    /// The observed state (load balancer).
    public var status: ServiceStatus?

    /// Creates a service.
    public init(
        kind: String? = Service.kind, apiVersion: String? = Service.apiVersion, metadata: ObjectMeta = ObjectMeta(),
        spec: ServiceSpec? = nil, status: ServiceStatus? = nil
    ) {
        self.kind = kind
        self.apiVersion = apiVersion
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The desired state of a service.
public struct ServiceSpec: Codable, Sendable, Equatable {
    /// `ClusterIP` (default), `NodePort`, `LoadBalancer` or `ExternalName`.
    public var type: ServiceType?
    /// The cluster IP, or `None` for a headless service.
    public var clusterIP: String?
    /// The cluster IPs (IPv4 and IPv6).
    public var clusterIPs: [String]?
    /// The ports.
    public var ports: [ServicePort]?
    /// The labels of the pods behind the service; none means endpoints are managed by hand.
    public var selector: [String: String]?
    /// The DNS name an `ExternalName` service points to.
    public var externalName: String?
    /// Extra IPs the service answers on.
    public var externalIPs: [String]?
    /// `None` or `ClientIP`.
    public var sessionAffinity: String?
    /// `Cluster` or `Local`.
    public var externalTrafficPolicy: String?
    /// `Cluster` or `Local`.
    public var internalTrafficPolicy: String?
    /// Whether not-ready pods get DNS records and endpoints.
    public var publishNotReadyAddresses: Bool?
    /// The IP families.
    public var ipFamilies: [String]?
    /// `SingleStack`, `PreferDualStack` or `RequireDualStack`.
    public var ipFamilyPolicy: String?

    /// Creates a spec.
    public init(
        type: ServiceType? = nil, clusterIP: String? = nil, clusterIPs: [String]? = nil, ports: [ServicePort]? = nil,
        selector: [String: String]? = nil, externalName: String? = nil, publishNotReadyAddresses: Bool? = nil
    ) {
        self.type = type
        self.clusterIP = clusterIP
        self.clusterIPs = clusterIPs
        self.ports = ports
        self.selector = selector
        self.externalName = externalName
        self.publishNotReadyAddresses = publishNotReadyAddresses
    }
}

/// A port of a service.
public struct ServicePort: Codable, Sendable, Hashable {
    /// The port's name (required when there are several).
    public var name: String?
    /// `TCP` (default), `UDP` or `SCTP`.
    public var `protocol`: PortProtocol?
    /// The application protocol, e.g. `http`.
    public var appProtocol: String?
    /// The port the service listens on.
    public var port: Int?
    /// The pods' port: a number or a container port name (defaults to ``port``).
    public var targetPort: IntOrString?
    /// The node port, for `NodePort` and `LoadBalancer`.
    public var nodePort: Int?

    /// Creates a port.
    public init(
        name: String? = nil, protocol: PortProtocol? = nil, appProtocol: String? = nil, port: Int? = nil,
        targetPort: IntOrString? = nil, nodePort: Int? = nil
    ) {
        self.name = name
        self.protocol = `protocol`
        self.appProtocol = appProtocol
        self.port = port
        self.targetPort = targetPort
        self.nodePort = nodePort
    }
}

/// The type of a service.
public struct ServiceType: KubernetesEnum {
    /// The type as sent by the server.
    public let rawValue: String
    /// Creates a type from its string.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `ClusterIP`.
    public static let clusterIP: ServiceType = "ClusterIP"
    /// `NodePort`.
    public static let nodePort: ServiceType = "NodePort"
    /// `LoadBalancer`.
    public static let loadBalancer: ServiceType = "LoadBalancer"
    /// `ExternalName`.
    public static let externalName: ServiceType = "ExternalName"
}

/// The observed state of a service.
public struct ServiceStatus: Codable, Sendable, Equatable {
    /// The load balancer, for `LoadBalancer` services.
    public var loadBalancer: LoadBalancerStatus?
    /// Conditions.
    public var conditions: [Condition]?

    /// Creates a status.
    public init(loadBalancer: LoadBalancerStatus? = nil, conditions: [Condition]? = nil) {
        self.loadBalancer = loadBalancer
        self.conditions = conditions
    }
}

/// The state of a load balancer.
public struct LoadBalancerStatus: Codable, Sendable, Hashable {
    /// The load balancer's addresses; empty while pending.
    public var ingress: [LoadBalancerIngress]?

    /// Creates a status.
    public init(ingress: [LoadBalancerIngress]? = nil) { self.ingress = ingress }
}

/// An address of a load balancer.
public struct LoadBalancerIngress: Codable, Sendable, Hashable {
    /// The IP.
    public var ip: String?
    /// The hostname.
    public var hostname: String?

    /// Creates an address.
    public init(ip: String? = nil, hostname: String? = nil) {
        self.ip = ip
        self.hostname = hostname
    }
}
