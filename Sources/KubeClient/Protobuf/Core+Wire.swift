import KubeModel

extension LabelSelector {
    /// The model of the protobuf message.
    init(wire m: PBMetaLabelSelector) {
        self.init()
        matchLabels = m.matchLabels.nilIfEmpty
        matchExpressions = m.matchExpressions.nilIfEmpty?.map { LabelSelectorRequirement(wire: $0) }
    }
}

extension LabelSelectorRequirement {
    /// The model of the protobuf message.
    init(wire m: PBMetaLabelSelectorRequirement) {
        self.init()
        key = m.key.nilIfEmpty
        `operator` = m.`operator`.nilIfEmpty.map { LabelSelectorOperator(rawValue: $0) }
        values = m.values.nilIfEmpty
    }
}

extension ListMeta {
    /// The model of the protobuf message.
    init(wire m: PBMetaListMeta) {
        self.init()
        resourceVersion = m.resourceVersion.nilIfEmpty
        `continue` = m.`continue`.nilIfEmpty
        remainingItemCount = m.hasRemainingItemCount ? Int(m.remainingItemCount) : nil
    }
}

extension LocalObjectReference {
    /// The model of the protobuf message.
    init(wire m: PBCoreLocalObjectReference) {
        self.init()
        name = m.name.nilIfEmpty
    }
}

extension ObjectMeta {
    /// The model of the protobuf message.
    init(wire m: PBMetaObjectMeta) {
        self.init()
        name = m.name.nilIfEmpty
        generateName = m.generateName.nilIfEmpty
        namespace = m.namespace.nilIfEmpty
        uid = m.uid.nilIfEmpty
        resourceVersion = m.resourceVersion.nilIfEmpty
        generation = m.hasGeneration ? Int(m.generation) : nil
        creationTimestamp = m.hasCreationTimestamp ? Time(wire: m.creationTimestamp) : nil
        deletionTimestamp = m.hasDeletionTimestamp ? Time(wire: m.deletionTimestamp) : nil
        deletionGracePeriodSeconds = m.hasDeletionGracePeriodSeconds ? Int(m.deletionGracePeriodSeconds) : nil
        labels = m.labels.nilIfEmpty
        annotations = m.annotations.nilIfEmpty
        ownerReferences = m.ownerReferences.nilIfEmpty?.map { OwnerReference(wire: $0) }
        finalizers = m.finalizers.nilIfEmpty
    }
}

extension ObjectReference {
    /// The model of the protobuf message.
    init(wire m: PBCoreObjectReference) {
        self.init()
        kind = m.kind.nilIfEmpty
        apiVersion = m.apiVersion.nilIfEmpty
        namespace = m.namespace.nilIfEmpty
        name = m.name.nilIfEmpty
        uid = m.uid.nilIfEmpty
        resourceVersion = m.resourceVersion.nilIfEmpty
        fieldPath = m.fieldPath.nilIfEmpty
    }
}

extension Status {
    /// The model of the protobuf message.
    init(wire m: PBMetaStatus) {
        self.init()
        metadata = m.hasMetadata ? ListMeta(wire: m.metadata) : nil
        status = m.status.nilIfEmpty
        message = m.message.nilIfEmpty
        reason = m.reason.nilIfEmpty
        details = m.hasDetails ? StatusDetails(wire: m.details) : nil
        code = m.hasCode ? Int(m.code) : nil
    }
}

extension StatusCause {
    /// The model of the protobuf message.
    init(wire m: PBMetaStatusCause) {
        self.init()
        reason = m.reason.nilIfEmpty
        message = m.message.nilIfEmpty
        field = m.field.nilIfEmpty
    }
}

extension StatusDetails {
    /// The model of the protobuf message.
    init(wire m: PBMetaStatusDetails) {
        self.init()
        name = m.name.nilIfEmpty
        group = m.group.nilIfEmpty
        kind = m.kind.nilIfEmpty
        uid = m.uid.nilIfEmpty
        causes = m.causes.nilIfEmpty?.map { StatusCause(wire: $0) }
        retryAfterSeconds = m.hasRetryAfterSeconds ? Int(m.retryAfterSeconds) : nil
    }
}
