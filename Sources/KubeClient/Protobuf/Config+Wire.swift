import KubeModel

extension ConfigMap {
    /// The model of the protobuf message.
    init(wire m: PBCoreConfigMap) {
        self.init()
        kind = nil
        apiVersion = nil
        metadata = ObjectMeta(wire: m.metadata)
        data = m.data.nilIfEmpty
        binaryData = m.binaryData.nilIfEmpty?.mapValues { $0.base64EncodedString() }
        immutable = m.hasImmutable ? m.immutable : nil
    }
}

extension LimitRange {
    /// The model of the protobuf message.
    init(wire m: PBCoreLimitRange) {
        self.init()
        kind = nil
        apiVersion = nil
        metadata = ObjectMeta(wire: m.metadata)
        spec = m.hasSpec ? LimitRangeSpec(wire: m.spec) : nil
    }
}

extension LimitRangeItem {
    /// The model of the protobuf message.
    init(wire m: PBCoreLimitRangeItem) {
        self.init()
        type = m.type.nilIfEmpty.map { LimitType(rawValue: $0) }
        max = m.max.nilIfEmpty?.mapValues { Quantity(wire: $0) }
        min = m.min.nilIfEmpty?.mapValues { Quantity(wire: $0) }
        `default` = m.`default`.nilIfEmpty?.mapValues { Quantity(wire: $0) }
        defaultRequest = m.defaultRequest.nilIfEmpty?.mapValues { Quantity(wire: $0) }
        maxLimitRequestRatio = m.maxLimitRequestRatio.nilIfEmpty?.mapValues { Quantity(wire: $0) }
    }
}

extension LimitRangeSpec {
    /// The model of the protobuf message.
    init(wire m: PBCoreLimitRangeSpec) {
        self.init()
        limits = m.limits.nilIfEmpty?.map { LimitRangeItem(wire: $0) }
    }
}

extension PersistentVolumeClaim {
    /// The model of the protobuf message.
    init(wire m: PBCorePersistentVolumeClaim) {
        self.init()
        kind = nil
        apiVersion = nil
        metadata = ObjectMeta(wire: m.metadata)
        spec = m.hasSpec ? PersistentVolumeClaimSpec(wire: m.spec) : nil
        status = m.hasStatus ? PersistentVolumeClaimStatus(wire: m.status) : nil
    }
}

extension PersistentVolumeClaimSpec {
    /// The model of the protobuf message.
    init(wire m: PBCorePersistentVolumeClaimSpec) {
        self.init()
        storageClassName = m.storageClassName.nilIfEmpty
        accessModes = m.accessModes.nilIfEmpty
        resources = m.hasResources ? VolumeResourceRequirements(wire: m.resources) : nil
        volumeName = m.volumeName.nilIfEmpty
        volumeMode = m.volumeMode.nilIfEmpty
        selector = m.hasSelector ? LabelSelector(wire: m.selector) : nil
    }
}

extension PersistentVolumeClaimStatus {
    /// The model of the protobuf message.
    init(wire m: PBCorePersistentVolumeClaimStatus) {
        self.init()
        phase = m.phase.nilIfEmpty.map { PersistentVolumeClaimPhase(rawValue: $0) }
        accessModes = m.accessModes.nilIfEmpty
        capacity = m.capacity.nilIfEmpty?.mapValues { Quantity(wire: $0) }
        conditions = m.conditions.nilIfEmpty?.map { Condition(wire: $0) }
    }
}

extension ResourceQuota {
    /// The model of the protobuf message.
    init(wire m: PBCoreResourceQuota) {
        self.init()
        kind = nil
        apiVersion = nil
        metadata = ObjectMeta(wire: m.metadata)
        spec = m.hasSpec ? ResourceQuotaSpec(wire: m.spec) : nil
        status = m.hasStatus ? ResourceQuotaStatus(wire: m.status) : nil
    }
}

extension ResourceQuotaSpec {
    /// The model of the protobuf message.
    init(wire m: PBCoreResourceQuotaSpec) {
        self.init()
        hard = m.hard.nilIfEmpty?.mapValues { Quantity(wire: $0) }
        scopes = m.scopes.nilIfEmpty
        scopeSelector = m.hasScopeSelector ? JSONValue(wire: m.scopeSelector) : nil
    }
}

extension ResourceQuotaStatus {
    /// The model of the protobuf message.
    init(wire m: PBCoreResourceQuotaStatus) {
        self.init()
        hard = m.hard.nilIfEmpty?.mapValues { Quantity(wire: $0) }
        used = m.used.nilIfEmpty?.mapValues { Quantity(wire: $0) }
    }
}

extension Secret {
    /// The model of the protobuf message.
    init(wire m: PBCoreSecret) {
        self.init()
        kind = nil
        apiVersion = nil
        metadata = ObjectMeta(wire: m.metadata)
        type = m.type.nilIfEmpty.map { SecretType(rawValue: $0) }
        immutable = m.hasImmutable ? m.immutable : nil
    }
}

extension ServiceAccount {
    /// The model of the protobuf message.
    init(wire m: PBCoreServiceAccount) {
        self.init()
        kind = nil
        apiVersion = nil
        metadata = ObjectMeta(wire: m.metadata)
        secrets = m.secrets.nilIfEmpty?.map { ObjectReference(wire: $0) }
        imagePullSecrets = m.imagePullSecrets.nilIfEmpty?.map { LocalObjectReference(wire: $0) }
        automountServiceAccountToken = m.hasAutomountServiceAccountToken ? m.automountServiceAccountToken : nil
    }
}

extension VolumeResourceRequirements {
    /// The model of the protobuf message.
    init(wire m: PBCoreVolumeResourceRequirements) {
        self.init()
        limits = m.limits.nilIfEmpty?.mapValues { Quantity(wire: $0) }
        requests = m.requests.nilIfEmpty?.mapValues { Quantity(wire: $0) }
    }
}
