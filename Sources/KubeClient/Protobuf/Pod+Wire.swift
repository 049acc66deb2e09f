import KubeModel

extension Capabilities {
    /// The model of the protobuf message.
    init(wire m: PBCoreCapabilities) {
        self.init()
        add = m.add.nilIfEmpty
        drop = m.drop.nilIfEmpty
    }
}

extension ConfigMapEnvSource {
    /// The model of the protobuf message.
    init(wire m: PBCoreConfigMapEnvSource) {
        self.init()
        name = m.localObjectReference.name.nilIfEmpty
        optional = m.hasOptional ? m.optional : nil
    }
}

extension ConfigMapKeySelector {
    /// The model of the protobuf message.
    init(wire m: PBCoreConfigMapKeySelector) {
        self.init()
        name = m.localObjectReference.name.nilIfEmpty
        key = m.key.nilIfEmpty
        optional = m.hasOptional ? m.optional : nil
    }
}

extension ConfigMapProjection {
    /// The model of the protobuf message.
    init(wire m: PBCoreConfigMapProjection) {
        self.init()
        name = m.localObjectReference.name.nilIfEmpty
        items = m.items.nilIfEmpty?.map { KeyToPath(wire: $0) }
        optional = m.hasOptional ? m.optional : nil
    }
}

extension ConfigMapVolumeSource {
    /// The model of the protobuf message.
    init(wire m: PBCoreConfigMapVolumeSource) {
        self.init()
        name = m.localObjectReference.name.nilIfEmpty
        items = m.items.nilIfEmpty?.map { KeyToPath(wire: $0) }
        optional = m.hasOptional ? m.optional : nil
        defaultMode = m.hasDefaultMode ? Int(m.defaultMode) : nil
    }
}

extension Container {
    /// The model of the protobuf message.
    init(wire m: PBCoreContainer) {
        self.init()
        name = m.name.nilIfEmpty
        image = m.image.nilIfEmpty
        imagePullPolicy = m.imagePullPolicy.nilIfEmpty.map { PullPolicy(rawValue: $0) }
        command = m.command.nilIfEmpty
        args = m.args.nilIfEmpty
        workingDir = m.workingDir.nilIfEmpty
        ports = m.ports.nilIfEmpty?.map { ContainerPort(wire: $0) }
        env = m.env.nilIfEmpty?.map { EnvVar(wire: $0) }
        envFrom = m.envFrom.nilIfEmpty?.map { EnvFromSource(wire: $0) }
        volumeMounts = m.volumeMounts.nilIfEmpty?.map { VolumeMount(wire: $0) }
        resources = m.hasResources ? ResourceRequirements(wire: m.resources) : nil
        livenessProbe = m.hasLivenessProbe ? Probe(wire: m.livenessProbe) : nil
        readinessProbe = m.hasReadinessProbe ? Probe(wire: m.readinessProbe) : nil
        startupProbe = m.hasStartupProbe ? Probe(wire: m.startupProbe) : nil
        lifecycle = m.hasLifecycle ? Lifecycle(wire: m.lifecycle) : nil
        securityContext = m.hasSecurityContext ? SecurityContext(wire: m.securityContext) : nil
        restartPolicy = m.restartPolicy.nilIfEmpty.map { ContainerRestartPolicy(rawValue: $0) }
        terminationMessagePath = m.terminationMessagePath.nilIfEmpty
        terminationMessagePolicy = m.terminationMessagePolicy.nilIfEmpty.map { TerminationMessagePolicy(rawValue: $0) }
        stdin = m.hasStdin ? m.stdin : nil
        tty = m.hasTty ? m.tty : nil
    }
}

extension ContainerPort {
    /// The model of the protobuf message.
    init(wire m: PBCoreContainerPort) {
        self.init()
        name = m.name.nilIfEmpty
        containerPort = m.hasContainerPort ? Int(m.containerPort) : nil
        `protocol` = m.`protocol`.nilIfEmpty.map { PortProtocol(rawValue: $0) }
        hostPort = m.hasHostPort ? Int(m.hostPort) : nil
        hostIP = m.hostIP.nilIfEmpty
    }
}

extension ContainerState {
    /// The model of the protobuf message.
    init(wire m: PBCoreContainerState) {
        self.init()
        waiting = m.hasWaiting ? ContainerStateWaiting(wire: m.waiting) : nil
        running = m.hasRunning ? ContainerStateRunning(wire: m.running) : nil
        terminated = m.hasTerminated ? ContainerStateTerminated(wire: m.terminated) : nil
    }
}

extension ContainerStateRunning {
    /// The model of the protobuf message.
    init(wire m: PBCoreContainerStateRunning) {
        self.init()
        startedAt = m.hasStartedAt ? Time(wire: m.startedAt) : nil
    }
}

extension ContainerStateTerminated {
    /// The model of the protobuf message.
    init(wire m: PBCoreContainerStateTerminated) {
        self.init()
        exitCode = m.hasExitCode ? Int(m.exitCode) : nil
        signal = m.hasSignal ? Int(m.signal) : nil
        reason = m.reason.nilIfEmpty
        message = m.message.nilIfEmpty
        startedAt = m.hasStartedAt ? Time(wire: m.startedAt) : nil
        finishedAt = m.hasFinishedAt ? Time(wire: m.finishedAt) : nil
        containerID = m.containerID.nilIfEmpty
    }
}

extension ContainerStateWaiting {
    /// The model of the protobuf message.
    init(wire m: PBCoreContainerStateWaiting) {
        self.init()
        reason = m.reason.nilIfEmpty
        message = m.message.nilIfEmpty
    }
}

extension ContainerStatus {
    /// The model of the protobuf message.
    init(wire m: PBCoreContainerStatus) {
        self.init()
        name = m.name.nilIfEmpty
        ready = m.hasReady ? m.ready : nil
        started = m.hasStarted ? m.started : nil
        restartCount = m.hasRestartCount ? Int(m.restartCount) : nil
        image = m.image.nilIfEmpty
        imageID = m.imageID.nilIfEmpty
        containerID = m.containerID.nilIfEmpty
        state = m.hasState ? ContainerState(wire: m.state) : nil
        lastState = m.hasLastState ? ContainerState(wire: m.lastState) : nil
        resources = m.hasResources ? ResourceRequirements(wire: m.resources) : nil
        allocatedResources = m.allocatedResources.nilIfEmpty?.mapValues { Quantity(wire: $0) }
        volumeMounts = m.volumeMounts.nilIfEmpty?.map { VolumeMountStatus(wire: $0) }
    }
}

extension DownwardAPIProjection {
    /// The model of the protobuf message.
    init(wire m: PBCoreDownwardAPIProjection) {
        self.init()
        items = m.items.nilIfEmpty?.map { DownwardAPIVolumeFile(wire: $0) }
    }
}

extension DownwardAPIVolumeFile {
    /// The model of the protobuf message.
    init(wire m: PBCoreDownwardAPIVolumeFile) {
        self.init()
        path = m.path.nilIfEmpty
        fieldRef = m.hasFieldRef ? ObjectFieldSelector(wire: m.fieldRef) : nil
        resourceFieldRef = m.hasResourceFieldRef ? ResourceFieldSelector(wire: m.resourceFieldRef) : nil
        mode = m.hasMode ? Int(m.mode) : nil
    }
}

extension DownwardAPIVolumeSource {
    /// The model of the protobuf message.
    init(wire m: PBCoreDownwardAPIVolumeSource) {
        self.init()
        items = m.items.nilIfEmpty?.map { DownwardAPIVolumeFile(wire: $0) }
        defaultMode = m.hasDefaultMode ? Int(m.defaultMode) : nil
    }
}

extension EmptyDirVolumeSource {
    /// The model of the protobuf message.
    init(wire m: PBCoreEmptyDirVolumeSource) {
        self.init()
        medium = m.medium.nilIfEmpty
        sizeLimit = m.hasSizeLimit ? Quantity(wire: m.sizeLimit) : nil
    }
}

extension EnvFromSource {
    /// The model of the protobuf message.
    init(wire m: PBCoreEnvFromSource) {
        self.init()
        prefix = m.prefix.nilIfEmpty
        configMapRef = m.hasConfigMapRef ? ConfigMapEnvSource(wire: m.configMapRef) : nil
        secretRef = m.hasSecretRef ? SecretEnvSource(wire: m.secretRef) : nil
    }
}

extension EnvVar {
    /// The model of the protobuf message.
    init(wire m: PBCoreEnvVar) {
        self.init()
        name = m.name.nilIfEmpty
        value = m.value.nilIfEmpty
        valueFrom = m.hasValueFrom ? EnvVarSource(wire: m.valueFrom) : nil
    }
}

extension EnvVarSource {
    /// The model of the protobuf message.
    init(wire m: PBCoreEnvVarSource) {
        self.init()
        configMapKeyRef = m.hasConfigMapKeyRef ? ConfigMapKeySelector(wire: m.configMapKeyRef) : nil
        secretKeyRef = m.hasSecretKeyRef ? SecretKeySelector(wire: m.secretKeyRef) : nil
        fieldRef = m.hasFieldRef ? ObjectFieldSelector(wire: m.fieldRef) : nil
        resourceFieldRef = m.hasResourceFieldRef ? ResourceFieldSelector(wire: m.resourceFieldRef) : nil
    }
}

extension ExecAction {
    /// The model of the protobuf message.
    init(wire m: PBCoreExecAction) {
        self.init()
        command = m.command.nilIfEmpty
    }
}

extension GRPCAction {
    /// The model of the protobuf message.
    init(wire m: PBCoreGRPCAction) {
        self.init()
        port = m.hasPort ? Int(m.port) : nil
        service = m.service.nilIfEmpty
    }
}

extension HTTPGetAction {
    /// The model of the protobuf message.
    init(wire m: PBCoreHTTPGetAction) {
        self.init()
        path = m.path.nilIfEmpty
        port = m.hasPort ? IntOrString(wire: m.port) : nil
        host = m.host.nilIfEmpty
        scheme = m.scheme.nilIfEmpty
        httpHeaders = m.httpHeaders.nilIfEmpty?.map { HTTPHeader(wire: $0) }
    }
}

extension HTTPHeader {
    /// The model of the protobuf message.
    init(wire m: PBCoreHTTPHeader) {
        self.init()
        name = m.name.nilIfEmpty
        value = m.value.nilIfEmpty
    }
}

extension HostPathVolumeSource {
    /// The model of the protobuf message.
    init(wire m: PBCoreHostPathVolumeSource) {
        self.init()
        path = m.path.nilIfEmpty
        type = m.type.nilIfEmpty
    }
}

extension KeyToPath {
    /// The model of the protobuf message.
    init(wire m: PBCoreKeyToPath) {
        self.init()
        key = m.key.nilIfEmpty
        path = m.path.nilIfEmpty
        mode = m.hasMode ? Int(m.mode) : nil
    }
}

extension Lifecycle {
    /// The model of the protobuf message.
    init(wire m: PBCoreLifecycle) {
        self.init()
        postStart = m.hasPostStart ? LifecycleHandler(wire: m.postStart) : nil
        preStop = m.hasPreStop ? LifecycleHandler(wire: m.preStop) : nil
    }
}

extension LifecycleHandler {
    /// The model of the protobuf message.
    init(wire m: PBCoreLifecycleHandler) {
        self.init()
        exec = m.hasExec ? ExecAction(wire: m.exec) : nil
        httpGet = m.hasHttpGet ? HTTPGetAction(wire: m.httpGet) : nil
        tcpSocket = m.hasTcpSocket ? TCPSocketAction(wire: m.tcpSocket) : nil
        sleep = m.hasSleep ? SleepAction(wire: m.sleep) : nil
    }
}

extension ObjectFieldSelector {
    /// The model of the protobuf message.
    init(wire m: PBCoreObjectFieldSelector) {
        self.init()
        apiVersion = m.apiVersion.nilIfEmpty
        fieldPath = m.fieldPath.nilIfEmpty
    }
}

extension PersistentVolumeClaimVolumeSource {
    /// The model of the protobuf message.
    init(wire m: PBCorePersistentVolumeClaimVolumeSource) {
        self.init()
        claimName = m.claimName.nilIfEmpty
        readOnly = m.hasReadOnly ? m.readOnly : nil
    }
}

extension Pod {
    /// The model of the protobuf message.
    init(wire m: PBCorePod) {
        self.init()
        kind = nil
        apiVersion = nil
        metadata = ObjectMeta(wire: m.metadata)
        spec = m.hasSpec ? PodSpec(wire: m.spec) : nil
        status = m.hasStatus ? PodStatus(wire: m.status) : nil
    }
}

extension PodIP {
    /// The model of the protobuf message.
    init(wire m: PBCorePodIP) {
        self.init()
        ip = m.ip.nilIfEmpty
    }
}

extension PodReadinessGate {
    /// The model of the protobuf message.
    init(wire m: PBCorePodReadinessGate) {
        self.init()
        conditionType = m.conditionType.nilIfEmpty.map { ConditionType(rawValue: $0) }
    }
}

extension PodSchedulingGate {
    /// The model of the protobuf message.
    init(wire m: PBCorePodSchedulingGate) {
        self.init()
        name = m.name.nilIfEmpty
    }
}

extension PodSecurityContext {
    /// The model of the protobuf message.
    init(wire m: PBCorePodSecurityContext) {
        self.init()
        runAsUser = m.hasRunAsUser ? Int(m.runAsUser) : nil
        runAsGroup = m.hasRunAsGroup ? Int(m.runAsGroup) : nil
        runAsNonRoot = m.hasRunAsNonRoot ? m.runAsNonRoot : nil
        fsGroup = m.hasFsGroup ? Int(m.fsGroup) : nil
        supplementalGroups = m.supplementalGroups.nilIfEmpty?.map { Int($0) }
    }
}

extension PodSpec {
    /// The model of the protobuf message.
    init(wire m: PBCorePodSpec) {
        self.init()
        containers = m.containers.map { Container(wire: $0) }
        initContainers = m.initContainers.nilIfEmpty?.map { Container(wire: $0) }
        ephemeralContainers = m.ephemeralContainers.nilIfEmpty?.map { Container(wire: $0) }
        volumes = m.volumes.nilIfEmpty?.map { Volume(wire: $0) }
        imagePullSecrets = m.imagePullSecrets.nilIfEmpty?.map { LocalObjectReference(wire: $0) }
        serviceAccountName = m.serviceAccountName.nilIfEmpty
        nodeName = m.nodeName.nilIfEmpty
        restartPolicy = m.restartPolicy.nilIfEmpty.map { RestartPolicy(rawValue: $0) }
        nodeSelector = m.nodeSelector.nilIfEmpty
        tolerations = m.tolerations.nilIfEmpty?.map { Toleration(wire: $0) }
        affinity = m.hasAffinity ? JSONValue(wire: m.affinity) : nil
        topologySpreadConstraints = m.topologySpreadConstraints.nilIfEmpty.map { JSONValue(wireList: $0) }
        schedulingGates = m.schedulingGates.nilIfEmpty?.map { PodSchedulingGate(wire: $0) }
        readinessGates = m.readinessGates.nilIfEmpty?.map { PodReadinessGate(wire: $0) }
        securityContext = m.hasSecurityContext ? PodSecurityContext(wire: m.securityContext) : nil
        hostNetwork = m.hasHostNetwork ? m.hostNetwork : nil
        priorityClassName = m.priorityClassName.nilIfEmpty
        terminationGracePeriodSeconds = m.hasTerminationGracePeriodSeconds ? Int(m.terminationGracePeriodSeconds) : nil
        activeDeadlineSeconds = m.hasActiveDeadlineSeconds ? Int(m.activeDeadlineSeconds) : nil
        dnsPolicy = m.dnsPolicy.nilIfEmpty.map { DNSPolicy(rawValue: $0) }
        schedulerName = m.schedulerName.nilIfEmpty
        runtimeClassName = m.runtimeClassName.nilIfEmpty
    }
}

extension PodStatus {
    /// The model of the protobuf message.
    init(wire m: PBCorePodStatus) {
        self.init()
        phase = m.phase.nilIfEmpty.map { PodPhase(rawValue: $0) }
        conditions = m.conditions.nilIfEmpty?.map { PodCondition(wire: $0) }
        reason = m.reason.nilIfEmpty
        message = m.message.nilIfEmpty
        hostIP = m.hostIP.nilIfEmpty
        podIP = m.podIP.nilIfEmpty
        podIPs = m.podIPs.nilIfEmpty?.map { PodIP(wire: $0) }
        startTime = m.hasStartTime ? Time(wire: m.startTime) : nil
        qosClass = m.qosClass.nilIfEmpty.map { QOSClass(rawValue: $0) }
        nominatedNodeName = m.nominatedNodeName.nilIfEmpty
        containerStatuses = m.containerStatuses.nilIfEmpty?.map { ContainerStatus(wire: $0) }
        initContainerStatuses = m.initContainerStatuses.nilIfEmpty?.map { ContainerStatus(wire: $0) }
        ephemeralContainerStatuses = m.ephemeralContainerStatuses.nilIfEmpty?.map { ContainerStatus(wire: $0) }
    }
}

extension ProjectedVolumeSource {
    /// The model of the protobuf message.
    init(wire m: PBCoreProjectedVolumeSource) {
        self.init()
        sources = m.sources.nilIfEmpty?.map { VolumeProjection(wire: $0) }
        defaultMode = m.hasDefaultMode ? Int(m.defaultMode) : nil
    }
}

extension ResourceFieldSelector {
    /// The model of the protobuf message.
    init(wire m: PBCoreResourceFieldSelector) {
        self.init()
        containerName = m.containerName.nilIfEmpty
        resource = m.resource.nilIfEmpty
        divisor = m.hasDivisor ? Quantity(wire: m.divisor) : nil
    }
}

extension ResourceRequirements {
    /// The model of the protobuf message.
    init(wire m: PBCoreResourceRequirements) {
        self.init()
        limits = m.limits.nilIfEmpty?.mapValues { Quantity(wire: $0) }
        requests = m.requests.nilIfEmpty?.mapValues { Quantity(wire: $0) }
    }
}

extension SecretEnvSource {
    /// The model of the protobuf message.
    init(wire m: PBCoreSecretEnvSource) {
        self.init()
        name = m.localObjectReference.name.nilIfEmpty
        optional = m.hasOptional ? m.optional : nil
    }
}

extension SecretKeySelector {
    /// The model of the protobuf message.
    init(wire m: PBCoreSecretKeySelector) {
        self.init()
        name = m.localObjectReference.name.nilIfEmpty
        key = m.key.nilIfEmpty
        optional = m.hasOptional ? m.optional : nil
    }
}

extension SecretProjection {
    /// The model of the protobuf message.
    init(wire m: PBCoreSecretProjection) {
        self.init()
        name = m.localObjectReference.name.nilIfEmpty
        items = m.items.nilIfEmpty?.map { KeyToPath(wire: $0) }
        optional = m.hasOptional ? m.optional : nil
    }
}

extension SecretVolumeSource {
    /// The model of the protobuf message.
    init(wire m: PBCoreSecretVolumeSource) {
        self.init()
        secretName = m.secretName.nilIfEmpty
        items = m.items.nilIfEmpty?.map { KeyToPath(wire: $0) }
        optional = m.hasOptional ? m.optional : nil
        defaultMode = m.hasDefaultMode ? Int(m.defaultMode) : nil
    }
}

extension SecurityContext {
    /// The model of the protobuf message.
    init(wire m: PBCoreSecurityContext) {
        self.init()
        runAsUser = m.hasRunAsUser ? Int(m.runAsUser) : nil
        runAsGroup = m.hasRunAsGroup ? Int(m.runAsGroup) : nil
        runAsNonRoot = m.hasRunAsNonRoot ? m.runAsNonRoot : nil
        privileged = m.hasPrivileged ? m.privileged : nil
        readOnlyRootFilesystem = m.hasReadOnlyRootFilesystem ? m.readOnlyRootFilesystem : nil
        allowPrivilegeEscalation = m.hasAllowPrivilegeEscalation ? m.allowPrivilegeEscalation : nil
        capabilities = m.hasCapabilities ? Capabilities(wire: m.capabilities) : nil
        procMount = m.procMount.nilIfEmpty
    }
}

extension ServiceAccountTokenProjection {
    /// The model of the protobuf message.
    init(wire m: PBCoreServiceAccountTokenProjection) {
        self.init()
        audience = m.audience.nilIfEmpty
        expirationSeconds = m.hasExpirationSeconds ? Int(m.expirationSeconds) : nil
        path = m.path.nilIfEmpty
    }
}

extension SleepAction {
    /// The model of the protobuf message.
    init(wire m: PBCoreSleepAction) {
        self.init()
        seconds = m.hasSeconds ? Int(m.seconds) : nil
    }
}

extension TCPSocketAction {
    /// The model of the protobuf message.
    init(wire m: PBCoreTCPSocketAction) {
        self.init()
        port = m.hasPort ? IntOrString(wire: m.port) : nil
        host = m.host.nilIfEmpty
    }
}

extension Toleration {
    /// The model of the protobuf message.
    init(wire m: PBCoreToleration) {
        self.init()
        key = m.key.nilIfEmpty
        `operator` = m.`operator`.nilIfEmpty.map { TolerationOperator(rawValue: $0) }
        value = m.value.nilIfEmpty
        effect = m.effect.nilIfEmpty.map { TaintEffect(rawValue: $0) }
        tolerationSeconds = m.hasTolerationSeconds ? Int(m.tolerationSeconds) : nil
    }
}

extension VolumeMount {
    /// The model of the protobuf message.
    init(wire m: PBCoreVolumeMount) {
        self.init()
        name = m.name.nilIfEmpty
        mountPath = m.mountPath.nilIfEmpty
        readOnly = m.hasReadOnly ? m.readOnly : nil
        subPath = m.subPath.nilIfEmpty
        subPathExpr = m.subPathExpr.nilIfEmpty
        mountPropagation = m.mountPropagation.nilIfEmpty
        recursiveReadOnly = m.recursiveReadOnly.nilIfEmpty
    }
}

extension VolumeMountStatus {
    /// The model of the protobuf message.
    init(wire m: PBCoreVolumeMountStatus) {
        self.init()
        name = m.name.nilIfEmpty
        mountPath = m.mountPath.nilIfEmpty
        readOnly = m.hasReadOnly ? m.readOnly : nil
        recursiveReadOnly = m.recursiveReadOnly.nilIfEmpty
    }
}
