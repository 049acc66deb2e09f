import KubeModel

extension CronJob {
    /// The model of the protobuf message.
    init(wire m: PBBatchCronJob) {
        self.init()
        kind = nil
        apiVersion = nil
        metadata = ObjectMeta(wire: m.metadata)
        spec = m.hasSpec ? CronJobSpec(wire: m.spec) : nil
        status = m.hasStatus ? CronJobStatus(wire: m.status) : nil
    }
}

extension CronJobSpec {
    /// The model of the protobuf message.
    init(wire m: PBBatchCronJobSpec) {
        self.init()
        schedule = m.schedule.nilIfEmpty
        timeZone = m.timeZone.nilIfEmpty
        startingDeadlineSeconds = m.hasStartingDeadlineSeconds ? Int(m.startingDeadlineSeconds) : nil
        concurrencyPolicy = m.concurrencyPolicy.nilIfEmpty
        suspend = m.hasSuspend ? m.suspend : nil
        jobTemplate = m.hasJobTemplate ? JobTemplateSpec(wire: m.jobTemplate) : nil
        successfulJobsHistoryLimit = m.hasSuccessfulJobsHistoryLimit ? Int(m.successfulJobsHistoryLimit) : nil
        failedJobsHistoryLimit = m.hasFailedJobsHistoryLimit ? Int(m.failedJobsHistoryLimit) : nil
    }
}

extension CronJobStatus {
    /// The model of the protobuf message.
    init(wire m: PBBatchCronJobStatus) {
        self.init()
        active = m.active.nilIfEmpty?.map { ObjectReference(wire: $0) }
        lastScheduleTime = m.hasLastScheduleTime ? Time(wire: m.lastScheduleTime) : nil
        lastSuccessfulTime = m.hasLastSuccessfulTime ? Time(wire: m.lastSuccessfulTime) : nil
    }
}

extension DaemonSet {
    /// The model of the protobuf message.
    init(wire m: PBAppsDaemonSet) {
        self.init()
        kind = nil
        apiVersion = nil
        metadata = ObjectMeta(wire: m.metadata)
        spec = m.hasSpec ? DaemonSetSpec(wire: m.spec) : nil
        status = m.hasStatus ? DaemonSetStatus(wire: m.status) : nil
    }
}

extension DaemonSetSpec {
    /// The model of the protobuf message.
    init(wire m: PBAppsDaemonSetSpec) {
        self.init()
        selector = m.hasSelector ? LabelSelector(wire: m.selector) : nil
        template = m.hasTemplate ? PodTemplateSpec(wire: m.template) : nil
        updateStrategy = m.hasUpdateStrategy ? DaemonSetUpdateStrategy(wire: m.updateStrategy) : nil
        minReadySeconds = m.hasMinReadySeconds ? Int(m.minReadySeconds) : nil
        revisionHistoryLimit = m.hasRevisionHistoryLimit ? Int(m.revisionHistoryLimit) : nil
    }
}

extension DaemonSetStatus {
    /// The model of the protobuf message.
    init(wire m: PBAppsDaemonSetStatus) {
        self.init()
        desiredNumberScheduled = m.hasDesiredNumberScheduled ? Int(m.desiredNumberScheduled) : nil
        currentNumberScheduled = m.hasCurrentNumberScheduled ? Int(m.currentNumberScheduled) : nil
        numberMisscheduled = m.hasNumberMisscheduled ? Int(m.numberMisscheduled) : nil
        numberReady = m.hasNumberReady ? Int(m.numberReady) : nil
        numberAvailable = m.hasNumberAvailable ? Int(m.numberAvailable) : nil
        numberUnavailable = m.hasNumberUnavailable ? Int(m.numberUnavailable) : nil
        updatedNumberScheduled = m.hasUpdatedNumberScheduled ? Int(m.updatedNumberScheduled) : nil
        observedGeneration = m.hasObservedGeneration ? Int(m.observedGeneration) : nil
        collisionCount = m.hasCollisionCount ? Int(m.collisionCount) : nil
        conditions = m.conditions.nilIfEmpty?.map { WorkloadCondition(wire: $0) }
    }
}

extension DaemonSetUpdateStrategy {
    /// The model of the protobuf message.
    init(wire m: PBAppsDaemonSetUpdateStrategy) {
        self.init()
        type = m.type.nilIfEmpty
        rollingUpdate = m.hasRollingUpdate ? RollingUpdateParameters(wire: m.rollingUpdate) : nil
    }
}

extension Deployment {
    /// The model of the protobuf message.
    init(wire m: PBAppsDeployment) {
        self.init()
        kind = nil
        apiVersion = nil
        metadata = ObjectMeta(wire: m.metadata)
        spec = m.hasSpec ? DeploymentSpec(wire: m.spec) : nil
        status = m.hasStatus ? DeploymentStatus(wire: m.status) : nil
    }
}

extension DeploymentSpec {
    /// The model of the protobuf message.
    init(wire m: PBAppsDeploymentSpec) {
        self.init()
        replicas = m.hasReplicas ? Int(m.replicas) : nil
        selector = m.hasSelector ? LabelSelector(wire: m.selector) : nil
        template = m.hasTemplate ? PodTemplateSpec(wire: m.template) : nil
        strategy = m.hasStrategy ? DeploymentStrategy(wire: m.strategy) : nil
        minReadySeconds = m.hasMinReadySeconds ? Int(m.minReadySeconds) : nil
        revisionHistoryLimit = m.hasRevisionHistoryLimit ? Int(m.revisionHistoryLimit) : nil
        progressDeadlineSeconds = m.hasProgressDeadlineSeconds ? Int(m.progressDeadlineSeconds) : nil
        paused = m.hasPaused ? m.paused : nil
    }
}

extension DeploymentStatus {
    /// The model of the protobuf message.
    init(wire m: PBAppsDeploymentStatus) {
        self.init()
        observedGeneration = m.hasObservedGeneration ? Int(m.observedGeneration) : nil
        replicas = m.hasReplicas ? Int(m.replicas) : nil
        updatedReplicas = m.hasUpdatedReplicas ? Int(m.updatedReplicas) : nil
        readyReplicas = m.hasReadyReplicas ? Int(m.readyReplicas) : nil
        availableReplicas = m.hasAvailableReplicas ? Int(m.availableReplicas) : nil
        unavailableReplicas = m.hasUnavailableReplicas ? Int(m.unavailableReplicas) : nil
        conditions = m.conditions.nilIfEmpty?.map { WorkloadCondition(wire: $0) }
        collisionCount = m.hasCollisionCount ? Int(m.collisionCount) : nil
    }
}

extension DeploymentStrategy {
    /// The model of the protobuf message.
    init(wire m: PBAppsDeploymentStrategy) {
        self.init()
        type = m.type.nilIfEmpty
        rollingUpdate = m.hasRollingUpdate ? RollingUpdateParameters(wire: m.rollingUpdate) : nil
    }
}

extension Job {
    /// The model of the protobuf message.
    init(wire m: PBBatchJob) {
        self.init()
        kind = nil
        apiVersion = nil
        metadata = ObjectMeta(wire: m.metadata)
        spec = m.hasSpec ? JobSpec(wire: m.spec) : nil
        status = m.hasStatus ? JobStatus(wire: m.status) : nil
    }
}

extension JobSpec {
    /// The model of the protobuf message.
    init(wire m: PBBatchJobSpec) {
        self.init()
        completions = m.hasCompletions ? Int(m.completions) : nil
        parallelism = m.hasParallelism ? Int(m.parallelism) : nil
        backoffLimit = m.hasBackoffLimit ? Int(m.backoffLimit) : nil
        activeDeadlineSeconds = m.hasActiveDeadlineSeconds ? Int(m.activeDeadlineSeconds) : nil
        ttlSecondsAfterFinished = m.hasTtlSecondsAfterFinished ? Int(m.ttlSecondsAfterFinished) : nil
        completionMode = m.completionMode.nilIfEmpty
        suspend = m.hasSuspend ? m.suspend : nil
        selector = m.hasSelector ? LabelSelector(wire: m.selector) : nil
        template = m.hasTemplate ? PodTemplateSpec(wire: m.template) : nil
        podFailurePolicy = m.hasPodFailurePolicy ? JSONValue(wire: m.podFailurePolicy) : nil
    }
}

extension JobStatus {
    /// The model of the protobuf message.
    init(wire m: PBBatchJobStatus) {
        self.init()
        active = m.hasActive ? Int(m.active) : nil
        succeeded = m.hasSucceeded ? Int(m.succeeded) : nil
        failed = m.hasFailed ? Int(m.failed) : nil
        ready = m.hasReady ? Int(m.ready) : nil
        terminating = m.hasTerminating ? Int(m.terminating) : nil
        conditions = m.conditions.nilIfEmpty?.map { WorkloadCondition(wire: $0) }
        startTime = m.hasStartTime ? Time(wire: m.startTime) : nil
        completionTime = m.hasCompletionTime ? Time(wire: m.completionTime) : nil
    }
}

extension JobTemplateSpec {
    /// The model of the protobuf message.
    init(wire m: PBBatchJobTemplateSpec) {
        self.init()
        metadata = ObjectMeta(wire: m.metadata)
        spec = m.hasSpec ? JobSpec(wire: m.spec) : nil
    }
}

extension PodTemplateSpec {
    /// The model of the protobuf message.
    init(wire m: PBCorePodTemplateSpec) {
        self.init()
        metadata = ObjectMeta(wire: m.metadata)
        spec = m.hasSpec ? PodSpec(wire: m.spec) : nil
    }
}

extension ReplicaSet {
    /// The model of the protobuf message.
    init(wire m: PBAppsReplicaSet) {
        self.init()
        kind = nil
        apiVersion = nil
        metadata = ObjectMeta(wire: m.metadata)
        spec = m.hasSpec ? ReplicaSetSpec(wire: m.spec) : nil
        status = m.hasStatus ? ReplicaSetStatus(wire: m.status) : nil
    }
}

extension ReplicaSetSpec {
    /// The model of the protobuf message.
    init(wire m: PBAppsReplicaSetSpec) {
        self.init()
        replicas = m.hasReplicas ? Int(m.replicas) : nil
        minReadySeconds = m.hasMinReadySeconds ? Int(m.minReadySeconds) : nil
        selector = m.hasSelector ? LabelSelector(wire: m.selector) : nil
        template = m.hasTemplate ? PodTemplateSpec(wire: m.template) : nil
    }
}

extension ReplicaSetStatus {
    /// The model of the protobuf message.
    init(wire m: PBAppsReplicaSetStatus) {
        self.init()
        replicas = m.hasReplicas ? Int(m.replicas) : nil
        fullyLabeledReplicas = m.hasFullyLabeledReplicas ? Int(m.fullyLabeledReplicas) : nil
        readyReplicas = m.hasReadyReplicas ? Int(m.readyReplicas) : nil
        availableReplicas = m.hasAvailableReplicas ? Int(m.availableReplicas) : nil
        observedGeneration = m.hasObservedGeneration ? Int(m.observedGeneration) : nil
        conditions = m.conditions.nilIfEmpty?.map { WorkloadCondition(wire: $0) }
    }
}

extension StatefulSet {
    /// The model of the protobuf message.
    init(wire m: PBAppsStatefulSet) {
        self.init()
        kind = nil
        apiVersion = nil
        metadata = ObjectMeta(wire: m.metadata)
        spec = m.hasSpec ? StatefulSetSpec(wire: m.spec) : nil
        status = m.hasStatus ? StatefulSetStatus(wire: m.status) : nil
    }
}

extension StatefulSetSpec {
    /// The model of the protobuf message.
    init(wire m: PBAppsStatefulSetSpec) {
        self.init()
        replicas = m.hasReplicas ? Int(m.replicas) : nil
        selector = m.hasSelector ? LabelSelector(wire: m.selector) : nil
        template = m.hasTemplate ? PodTemplateSpec(wire: m.template) : nil
        serviceName = m.serviceName.nilIfEmpty
        podManagementPolicy = m.podManagementPolicy.nilIfEmpty
        updateStrategy = m.hasUpdateStrategy ? StatefulSetUpdateStrategy(wire: m.updateStrategy) : nil
        revisionHistoryLimit = m.hasRevisionHistoryLimit ? Int(m.revisionHistoryLimit) : nil
        minReadySeconds = m.hasMinReadySeconds ? Int(m.minReadySeconds) : nil
        volumeClaimTemplates = m.volumeClaimTemplates.nilIfEmpty?.map { PersistentVolumeClaim(wire: $0) }
    }
}

extension StatefulSetStatus {
    /// The model of the protobuf message.
    init(wire m: PBAppsStatefulSetStatus) {
        self.init()
        observedGeneration = m.hasObservedGeneration ? Int(m.observedGeneration) : nil
        replicas = m.hasReplicas ? Int(m.replicas) : nil
        readyReplicas = m.hasReadyReplicas ? Int(m.readyReplicas) : nil
        currentReplicas = m.hasCurrentReplicas ? Int(m.currentReplicas) : nil
        updatedReplicas = m.hasUpdatedReplicas ? Int(m.updatedReplicas) : nil
        availableReplicas = m.hasAvailableReplicas ? Int(m.availableReplicas) : nil
        currentRevision = m.currentRevision.nilIfEmpty
        updateRevision = m.updateRevision.nilIfEmpty
        collisionCount = m.hasCollisionCount ? Int(m.collisionCount) : nil
        conditions = m.conditions.nilIfEmpty?.map { WorkloadCondition(wire: $0) }
    }
}

extension StatefulSetUpdateStrategy {
    /// The model of the protobuf message.
    init(wire m: PBAppsStatefulSetUpdateStrategy) {
        self.init()
        type = m.type.nilIfEmpty
        rollingUpdate = m.hasRollingUpdate ? StatefulSetRollingUpdate(wire: m.rollingUpdate) : nil
    }
}
