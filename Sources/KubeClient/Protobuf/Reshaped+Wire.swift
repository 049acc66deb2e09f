import Foundation
import KubeModel

// The models whose shape differs from their message: one `Condition` for ten condition messages,
// one `Event` for both event groups, fields Go inlines into JSON (`Probe.handler`,
// `Volume.volumeSource`, `EphemeralContainer.ephemeralContainerCommon`), required initialisers, and the
// parts KubeModel keeps as raw JSON.

extension Condition {
    private init(type: String, status: String, reason: String, message: String, transition: PBMetaTime?) {
        self.init()
        self.type = type.nilIfEmpty.map { ConditionType(rawValue: $0) }
        self.status = status.nilIfEmpty.map { ConditionStatus(rawValue: $0) }
        self.reason = reason.nilIfEmpty
        self.message = message.nilIfEmpty
        lastTransitionTime = transition.flatMap(Time.init(wire:))
    }

    /// A pod condition.
    init(wire m: PBCorePodCondition) {
        self.init(type: m.type, status: m.status, reason: m.reason, message: m.message,
                  transition: m.hasLastTransitionTime ? m.lastTransitionTime : nil)
        lastProbeTime = m.hasLastProbeTime ? Time(wire: m.lastProbeTime) : nil
    }

    /// A node condition.
    init(wire m: PBCoreNodeCondition) {
        self.init(type: m.type, status: m.status, reason: m.reason, message: m.message,
                  transition: m.hasLastTransitionTime ? m.lastTransitionTime : nil)
        lastHeartbeatTime = m.hasLastHeartbeatTime ? Time(wire: m.lastHeartbeatTime) : nil
    }

    /// A namespace condition.
    init(wire m: PBCoreNamespaceCondition) {
        self.init(type: m.type, status: m.status, reason: m.reason, message: m.message,
                  transition: m.hasLastTransitionTime ? m.lastTransitionTime : nil)
    }

    /// A claim condition.
    init(wire m: PBCorePersistentVolumeClaimCondition) {
        self.init(type: m.type, status: m.status, reason: m.reason, message: m.message,
                  transition: m.hasLastTransitionTime ? m.lastTransitionTime : nil)
        lastProbeTime = m.hasLastProbeTime ? Time(wire: m.lastProbeTime) : nil
    }

    /// A `meta.v1.Condition` (Service status).
    init(wire m: PBMetaCondition) {
        self.init(type: m.type, status: m.status, reason: m.reason, message: m.message,
                  transition: m.hasLastTransitionTime ? m.lastTransitionTime : nil)
        observedGeneration = m.hasObservedGeneration ? Int(m.observedGeneration) : nil
    }

    /// A Deployment condition.
    init(wire m: PBAppsDeploymentCondition) {
        self.init(type: m.type, status: m.status, reason: m.reason, message: m.message,
                  transition: m.hasLastTransitionTime ? m.lastTransitionTime : nil)
        lastUpdateTime = m.hasLastUpdateTime ? Time(wire: m.lastUpdateTime) : nil
    }

    /// A ReplicaSet condition.
    init(wire m: PBAppsReplicaSetCondition) {
        self.init(type: m.type, status: m.status, reason: m.reason, message: m.message,
                  transition: m.hasLastTransitionTime ? m.lastTransitionTime : nil)
    }

    /// A StatefulSet condition.
    init(wire m: PBAppsStatefulSetCondition) {
        self.init(type: m.type, status: m.status, reason: m.reason, message: m.message,
                  transition: m.hasLastTransitionTime ? m.lastTransitionTime : nil)
    }

    /// A DaemonSet condition.
    init(wire m: PBAppsDaemonSetCondition) {
        self.init(type: m.type, status: m.status, reason: m.reason, message: m.message,
                  transition: m.hasLastTransitionTime ? m.lastTransitionTime : nil)
    }

    /// A Job condition.
    init(wire m: PBBatchJobCondition) {
        self.init(type: m.type, status: m.status, reason: m.reason, message: m.message,
                  transition: m.hasLastTransitionTime ? m.lastTransitionTime : nil)
        lastProbeTime = m.hasLastProbeTime ? Time(wire: m.lastProbeTime) : nil
    }
}

extension Event {
    /// A core `v1` event.
    init(wire m: PBCoreEvent) {
        self.init(metadata: ObjectMeta(wire: m.metadata))
        kind = nil
        apiVersion = nil
        coreInvolvedObject = m.hasInvolvedObject ? ObjectReference(wire: m.involvedObject) : nil
        reason = m.reason.nilIfEmpty
        coreMessage = m.message.nilIfEmpty
        type = m.type.nilIfEmpty.map { EventType(rawValue: $0) }
        source = m.hasSource ? EventSource(wire: m.source) : nil
        firstTimestamp = m.hasFirstTimestamp ? Time(wire: m.firstTimestamp) : nil
        lastTimestamp = m.hasLastTimestamp ? Time(wire: m.lastTimestamp) : nil
        coreCount = m.hasCount ? Int(m.count) : nil
        eventTime = m.hasEventTime ? MicroTime(wire: m.eventTime) : nil
        series = m.hasSeries ? EventSeries(wire: m.series) : nil
        action = m.action.nilIfEmpty
        related = m.hasRelated ? ObjectReference(wire: m.related) : nil
        reportingComponent = m.reportingComponent.nilIfEmpty
        reportingInstance = m.reportingInstance.nilIfEmpty
    }

    /// An `events.k8s.io/v1` event.
    init(wire m: PBEventsEvent) {
        self.init(metadata: ObjectMeta(wire: m.metadata))
        kind = nil
        apiVersion = nil
        regarding = m.hasRegarding ? ObjectReference(wire: m.regarding) : nil
        related = m.hasRelated ? ObjectReference(wire: m.related) : nil
        reason = m.reason.nilIfEmpty
        note = m.note.nilIfEmpty
        type = m.type.nilIfEmpty.map { EventType(rawValue: $0) }
        deprecatedSource = m.hasDeprecatedSource ? EventSource(wire: m.deprecatedSource) : nil
        deprecatedFirstTimestamp = m.hasDeprecatedFirstTimestamp ? Time(wire: m.deprecatedFirstTimestamp) : nil
        deprecatedLastTimestamp = m.hasDeprecatedLastTimestamp ? Time(wire: m.deprecatedLastTimestamp) : nil
        deprecatedCount = m.hasDeprecatedCount ? Int(m.deprecatedCount) : nil
        eventTime = m.hasEventTime ? MicroTime(wire: m.eventTime) : nil
        series = m.hasSeries ? EventSeries(wire: m.series) : nil
        action = m.action.nilIfEmpty
        reportingController = m.reportingController.nilIfEmpty
        reportingInstance = m.reportingInstance.nilIfEmpty
    }
}

extension OwnerReference {
    /// An owner reference (its four names are required in the API).
    init(wire m: PBMetaOwnerReference) {
        self.init(apiVersion: m.apiVersion, kind: m.kind, name: m.name, uid: m.uid,
                  controller: m.hasController ? m.controller : nil)
        blockOwnerDeletion = m.hasBlockOwnerDeletion ? m.blockOwnerDeletion : nil
    }
}

extension Probe {
    /// A probe; its handler is inline in JSON.
    init(wire m: PBCoreProbe) {
        self.init()
        let handler = m.handler
        exec = handler.hasExec ? ExecAction(wire: handler.exec) : nil
        httpGet = handler.hasHttpGet ? HTTPGetAction(wire: handler.httpGet) : nil
        tcpSocket = handler.hasTcpSocket ? TCPSocketAction(wire: handler.tcpSocket) : nil
        grpc = handler.hasGrpc ? GRPCAction(wire: handler.grpc) : nil
        initialDelaySeconds = m.hasInitialDelaySeconds ? Int(m.initialDelaySeconds) : nil
        timeoutSeconds = m.hasTimeoutSeconds ? Int(m.timeoutSeconds) : nil
        periodSeconds = m.hasPeriodSeconds ? Int(m.periodSeconds) : nil
        successThreshold = m.hasSuccessThreshold ? Int(m.successThreshold) : nil
        failureThreshold = m.hasFailureThreshold ? Int(m.failureThreshold) : nil
        terminationGracePeriodSeconds = m.hasTerminationGracePeriodSeconds ? Int(m.terminationGracePeriodSeconds) : nil
    }
}

extension Container {
    /// An ephemeral container (`kubectl debug`); its common part is inline in JSON.
    /// `EphemeralContainerCommon` is upstream's field-for-field copy of `Container` (same numbers),
    /// so keep.txt decodes it as one.
    init(wire m: PBCoreEphemeralContainer) {
        self.init(wire: m.ephemeralContainerCommon)
        targetContainerName = m.targetContainerName.nilIfEmpty
    }
}

extension Volume {
    /// A volume; its source is inline in JSON. Sources PodDoctor does not model are kept by name
    /// only (`other["nfs"] = {}`): the trimmed messages skip their fields.
    init(wire m: PBCoreVolume) {
        self.init()
        name = m.name.nilIfEmpty
        let source = m.volumeSource
        configMap = source.hasConfigMap ? ConfigMapVolumeSource(wire: source.configMap) : nil
        secret = source.hasSecret ? SecretVolumeSource(wire: source.secret) : nil
        projected = source.hasProjected ? ProjectedVolumeSource(wire: source.projected) : nil
        persistentVolumeClaim = source.hasPersistentVolumeClaim ? PersistentVolumeClaimVolumeSource(wire: source.persistentVolumeClaim) : nil
        emptyDir = source.hasEmptyDir ? EmptyDirVolumeSource(wire: source.emptyDir) : nil
        hostPath = source.hasHostPath ? HostPathVolumeSource(wire: source.hostPath) : nil
        downwardAPI = source.hasDownwardAPI ? DownwardAPIVolumeSource(wire: source.downwardAPI) : nil
        let known = configMap != nil || secret != nil || projected != nil || persistentVolumeClaim != nil
            || emptyDir != nil || hostPath != nil || downwardAPI != nil
        if !known { other = JSONValue.presentFields(of: source) }
    }
}

extension VolumeProjection {
    /// One source of a projected volume.
    init(wire m: PBCoreVolumeProjection) {
        self.init()
        configMap = m.hasConfigMap ? ConfigMapProjection(wire: m.configMap) : nil
        secret = m.hasSecret ? SecretProjection(wire: m.secret) : nil
        serviceAccountToken = m.hasServiceAccountToken ? ServiceAccountTokenProjection(wire: m.serviceAccountToken) : nil
        downwardAPI = m.hasDownwardAPI ? DownwardAPIProjection(wire: m.downwardAPI) : nil
        if configMap == nil, secret == nil, serviceAccountToken == nil, downwardAPI == nil {
            other = JSONValue.presentFields(of: m)
        }
    }
}

extension RollingUpdateParameters {
    /// A Deployment's rolling update.
    init(wire m: PBAppsRollingUpdateDeployment) {
        self.init(maxUnavailable: m.hasMaxUnavailable ? IntOrString(wire: m.maxUnavailable) : nil,
                  maxSurge: m.hasMaxSurge ? IntOrString(wire: m.maxSurge) : nil)
    }

    /// A DaemonSet's rolling update.
    init(wire m: PBAppsRollingUpdateDaemonSet) {
        self.init(maxUnavailable: m.hasMaxUnavailable ? IntOrString(wire: m.maxUnavailable) : nil,
                  maxSurge: m.hasMaxSurge ? IntOrString(wire: m.maxSurge) : nil)
    }
}

extension StatefulSetRollingUpdate {
    /// A StatefulSet's rolling update.
    init(wire m: PBAppsRollingUpdateStatefulSetStrategy) {
        self.init()
        partition = m.hasPartition ? Int(m.partition) : nil
        maxUnavailable = m.hasMaxUnavailable ? IntOrString(wire: m.maxUnavailable) : nil
    }
}

extension JSONValue {
    /// The Kubernetes JSON of a message KubeModel keeps as raw JSON (affinity, topology spread,
    /// failure policy, scope selector).
    init(wire message: some WireMessage) {
        self = message.jsonValue
    }

    /// A list of such messages.
    init(wireList messages: [some WireMessage]) {
        self = .array(messages.map(\.jsonValue))
    }

    /// The names of the fields set in a message whose fields are all messages kept empty, each
    /// as an empty object: which volume source a volume has.
    static func presentFields(of message: some WireMessage) -> [String: JSONValue] {
        guard case .object(let fields) = message.jsonValue else { return [:] }
        return fields.mapValues { _ in .object([:]) }
    }
}
