import KubeModel

extension Namespace {
    /// The model of the protobuf message.
    init(wire m: PBCoreNamespace) {
        self.init()
        kind = nil
        apiVersion = nil
        metadata = ObjectMeta(wire: m.metadata)
        spec = m.hasSpec ? NamespaceSpec(wire: m.spec) : nil
        status = m.hasStatus ? NamespaceStatus(wire: m.status) : nil
    }
}

extension NamespaceSpec {
    /// The model of the protobuf message.
    init(wire m: PBCoreNamespaceSpec) {
        self.init()
        finalizers = m.finalizers.nilIfEmpty
    }
}

extension NamespaceStatus {
    /// The model of the protobuf message.
    init(wire m: PBCoreNamespaceStatus) {
        self.init()
        phase = m.phase.nilIfEmpty.map { NamespacePhase(rawValue: $0) }
        conditions = m.conditions.nilIfEmpty?.map { Condition(wire: $0) }
    }
}

extension Node {
    /// The model of the protobuf message.
    init(wire m: PBCoreNode) {
        self.init()
        kind = nil
        apiVersion = nil
        metadata = ObjectMeta(wire: m.metadata)
        spec = m.hasSpec ? NodeSpec(wire: m.spec) : nil
        status = m.hasStatus ? NodeStatus(wire: m.status) : nil
    }
}

extension NodeAddress {
    /// The model of the protobuf message.
    init(wire m: PBCoreNodeAddress) {
        self.init()
        type = m.type.nilIfEmpty
        address = m.address.nilIfEmpty
    }
}

extension NodeSpec {
    /// The model of the protobuf message.
    init(wire m: PBCoreNodeSpec) {
        self.init()
        taints = m.taints.nilIfEmpty?.map { Taint(wire: $0) }
        unschedulable = m.hasUnschedulable ? m.unschedulable : nil
        podCIDR = m.podCIDR.nilIfEmpty
        podCIDRs = m.podCIDRs.nilIfEmpty
        providerID = m.providerID.nilIfEmpty
    }
}

extension NodeStatus {
    /// The model of the protobuf message.
    init(wire m: PBCoreNodeStatus) {
        self.init()
        capacity = m.capacity.nilIfEmpty?.mapValues { Quantity(wire: $0) }
        allocatable = m.allocatable.nilIfEmpty?.mapValues { Quantity(wire: $0) }
        conditions = m.conditions.nilIfEmpty?.map { NodeCondition(wire: $0) }
        addresses = m.addresses.nilIfEmpty?.map { NodeAddress(wire: $0) }
        nodeInfo = m.hasNodeInfo ? NodeSystemInfo(wire: m.nodeInfo) : nil
        phase = m.phase.nilIfEmpty
    }
}

extension NodeSystemInfo {
    /// The model of the protobuf message.
    init(wire m: PBCoreNodeSystemInfo) {
        self.init()
        architecture = m.architecture.nilIfEmpty
        operatingSystem = m.operatingSystem.nilIfEmpty
        kubeletVersion = m.kubeletVersion.nilIfEmpty
        containerRuntimeVersion = m.containerRuntimeVersion.nilIfEmpty
        osImage = m.osImage.nilIfEmpty
        kernelVersion = m.kernelVersion.nilIfEmpty
        kubeProxyVersion = m.kubeProxyVersion.nilIfEmpty
        machineID = m.machineID.nilIfEmpty
        systemUUID = m.systemUUID.nilIfEmpty
        bootID = m.bootID.nilIfEmpty
    }
}

extension Taint {
    /// The model of the protobuf message.
    init(wire m: PBCoreTaint) {
        self.init()
        key = m.key.nilIfEmpty
        value = m.value.nilIfEmpty
        effect = m.effect.nilIfEmpty.map { TaintEffect(rawValue: $0) }
        timeAdded = m.hasTimeAdded ? Time(wire: m.timeAdded) : nil
    }
}
