/// The endpoints of a service (`v1` `Endpoints`).
public struct Endpoints: KubernetesObject {
    /// The core group, `""`.
    public static let group = ""
    /// `v1`.
    public static let version = "v1"
    /// `Endpoints`.
    public static let kind = "Endpoints"
    /// `endpoints`.
    public static let resource = "endpoints"
    /// Endpoints live in a namespace.
    public static let isNamespaced = true

    /// `Endpoints` when sent.
    public var kind: String?
    /// `v1` when sent.
    public var apiVersion: String?
    /// The metadata; empty when the object has none.
    @DefaultEmpty public var metadata: ObjectMeta
    /// Groups of addresses sharing a set of ports.
    public var subsets: [EndpointSubset]?

    /// Creates endpoints.
    public init(
        kind: String? = Endpoints.kind, apiVersion: String? = Endpoints.apiVersion,
        metadata: ObjectMeta = ObjectMeta(), subsets: [EndpointSubset]? = nil
    ) {
        self.kind = kind
        self.apiVersion = apiVersion
        self.metadata = metadata
        self.subsets = subsets
    }
}

/// Addresses sharing a set of ports.
public struct EndpointSubset: Codable, Sendable, Hashable {
    /// Ready addresses.
    public var addresses: [EndpointAddress]?
    /// Addresses of pods that are not ready.
    public var notReadyAddresses: [EndpointAddress]?
    /// The ports.
    public var ports: [EndpointPort]?

    /// Creates a subset.
    public init(
        addresses: [EndpointAddress]? = nil, notReadyAddresses: [EndpointAddress]? = nil, ports: [EndpointPort]? = nil
    ) {
        self.addresses = addresses
        self.notReadyAddresses = notReadyAddresses
        self.ports = ports
    }
}

/// One address of an ``EndpointSubset``.
public struct EndpointAddress: Codable, Sendable, Hashable {
    /// The IP.
    public var ip: String?
    /// The hostname.
    public var hostname: String?
    /// The node hosting the endpoint.
    public var nodeName: String?
    /// The object behind the address, usually a pod.
    public var targetRef: ObjectReference?

    /// Creates an address.
    public init(ip: String? = nil, hostname: String? = nil, nodeName: String? = nil, targetRef: ObjectReference? = nil) {
        self.ip = ip
        self.hostname = hostname
        self.nodeName = nodeName
        self.targetRef = targetRef
    }
}

/// A port of an endpoint (in `Endpoints` and `EndpointSlice`).
public struct EndpointPort: Codable, Sendable, Hashable {
    /// The port's name, matching the service port's.
    public var name: String?
    /// The port number.
    public var port: Int?
    /// `TCP`, `UDP` or `SCTP`.
    public var `protocol`: PortProtocol?
    /// The application protocol.
    public var appProtocol: String?

    /// Creates a port.
    public init(name: String? = nil, port: Int? = nil, protocol: PortProtocol? = nil, appProtocol: String? = nil) {
        self.name = name
        self.port = port
        self.protocol = `protocol`
        self.appProtocol = appProtocol
    }
}
