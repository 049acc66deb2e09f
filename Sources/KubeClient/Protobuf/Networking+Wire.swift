import KubeModel

extension Endpoint {
    /// The model of the protobuf message.
    init(wire m: PBDiscoveryEndpoint) {
        self.init()
        addresses = m.addresses.nilIfEmpty
        conditions = m.hasConditions ? EndpointConditions(wire: m.conditions) : nil
        hostname = m.hostname.nilIfEmpty
        targetRef = m.hasTargetRef ? ObjectReference(wire: m.targetRef) : nil
        nodeName = m.nodeName.nilIfEmpty
        zone = m.zone.nilIfEmpty
    }
}

extension EndpointAddress {
    /// The model of the protobuf message.
    init(wire m: PBCoreEndpointAddress) {
        self.init()
        ip = m.ip.nilIfEmpty
        hostname = m.hostname.nilIfEmpty
        nodeName = m.nodeName.nilIfEmpty
        targetRef = m.hasTargetRef ? ObjectReference(wire: m.targetRef) : nil
    }
}

extension EndpointConditions {
    /// The model of the protobuf message.
    init(wire m: PBDiscoveryEndpointConditions) {
        self.init()
        ready = m.hasReady ? m.ready : nil
        serving = m.hasServing ? m.serving : nil
        terminating = m.hasTerminating ? m.terminating : nil
    }
}

extension EndpointPort {
    /// The model of the protobuf message.
    init(wire m: PBDiscoveryEndpointPort) {
        self.init()
        name = m.name.nilIfEmpty
        port = m.hasPort ? Int(m.port) : nil
        `protocol` = m.`protocol`.nilIfEmpty.map { PortProtocol(rawValue: $0) }
        appProtocol = m.appProtocol.nilIfEmpty
    }
}

extension EndpointPort {
    /// The model of the protobuf message.
    init(wire m: PBCoreEndpointPort) {
        self.init()
        name = m.name.nilIfEmpty
        port = m.hasPort ? Int(m.port) : nil
        `protocol` = m.`protocol`.nilIfEmpty.map { PortProtocol(rawValue: $0) }
        appProtocol = m.appProtocol.nilIfEmpty
    }
}

extension EndpointSlice {
    /// The model of the protobuf message.
    init(wire m: PBDiscoveryEndpointSlice) {
        self.init()
        kind = nil
        apiVersion = nil
        metadata = ObjectMeta(wire: m.metadata)
        addressType = m.addressType.nilIfEmpty
        endpoints = m.endpoints.nilIfEmpty?.map { Endpoint(wire: $0) }
        ports = m.ports.nilIfEmpty?.map { EndpointPort(wire: $0) }
    }
}

extension EndpointSubset {
    /// The model of the protobuf message.
    init(wire m: PBCoreEndpointSubset) {
        self.init()
        addresses = m.addresses.nilIfEmpty?.map { EndpointAddress(wire: $0) }
        notReadyAddresses = m.notReadyAddresses.nilIfEmpty?.map { EndpointAddress(wire: $0) }
        ports = m.ports.nilIfEmpty?.map { EndpointPort(wire: $0) }
    }
}

extension Endpoints {
    /// The model of the protobuf message.
    init(wire m: PBCoreEndpoints) {
        self.init()
        kind = nil
        apiVersion = nil
        metadata = ObjectMeta(wire: m.metadata)
        subsets = m.subsets.nilIfEmpty?.map { EndpointSubset(wire: $0) }
    }
}

extension LoadBalancerIngress {
    /// The model of the protobuf message.
    init(wire m: PBCoreLoadBalancerIngress) {
        self.init()
        ip = m.ip.nilIfEmpty
        hostname = m.hostname.nilIfEmpty
    }
}

extension LoadBalancerStatus {
    /// The model of the protobuf message.
    init(wire m: PBCoreLoadBalancerStatus) {
        self.init()
        ingress = m.ingress.nilIfEmpty?.map { LoadBalancerIngress(wire: $0) }
    }
}

extension Service {
    /// The model of the protobuf message.
    init(wire m: PBCoreService) {
        self.init()
        kind = nil
        apiVersion = nil
        metadata = ObjectMeta(wire: m.metadata)
        spec = m.hasSpec ? ServiceSpec(wire: m.spec) : nil
        status = m.hasStatus ? ServiceStatus(wire: m.status) : nil
    }
}

extension ServicePort {
    /// The model of the protobuf message.
    init(wire m: PBCoreServicePort) {
        self.init()
        name = m.name.nilIfEmpty
        `protocol` = m.`protocol`.nilIfEmpty.map { PortProtocol(rawValue: $0) }
        appProtocol = m.appProtocol.nilIfEmpty
        port = m.hasPort ? Int(m.port) : nil
        targetPort = m.hasTargetPort ? IntOrString(wire: m.targetPort) : nil
        nodePort = m.hasNodePort ? Int(m.nodePort) : nil
    }
}

extension ServiceSpec {
    /// The model of the protobuf message.
    init(wire m: PBCoreServiceSpec) {
        self.init()
        type = m.type.nilIfEmpty.map { ServiceType(rawValue: $0) }
        clusterIP = m.clusterIP.nilIfEmpty
        clusterIPs = m.clusterIPs.nilIfEmpty
        ports = m.ports.nilIfEmpty?.map { ServicePort(wire: $0) }
        selector = m.selector.nilIfEmpty
        externalName = m.externalName.nilIfEmpty
        externalIPs = m.externalIPs.nilIfEmpty
        sessionAffinity = m.sessionAffinity.nilIfEmpty
        externalTrafficPolicy = m.externalTrafficPolicy.nilIfEmpty
        internalTrafficPolicy = m.internalTrafficPolicy.nilIfEmpty
        publishNotReadyAddresses = m.hasPublishNotReadyAddresses ? m.publishNotReadyAddresses : nil
        ipFamilies = m.ipFamilies.nilIfEmpty
        ipFamilyPolicy = m.ipFamilyPolicy.nilIfEmpty
    }
}

extension ServiceStatus {
    /// The model of the protobuf message.
    init(wire m: PBCoreServiceStatus) {
        self.init()
        loadBalancer = m.hasLoadBalancer ? LoadBalancerStatus(wire: m.loadBalancer) : nil
        conditions = m.conditions.nilIfEmpty?.map { Condition(wire: $0) }
    }
}
