/// A container of a pod (app, init or ephemeral).
public struct Container: Codable, Sendable, Equatable {
    /// The name, unique within the pod.
    public var name: String?
    /// The image reference, e.g. `ghcr.io/example/web-app:1.4.2`.
    public var image: String?
    /// `Always`, `IfNotPresent` or `Never`.
    public var imagePullPolicy: PullPolicy?
    /// The entrypoint, replacing the image's.
    public var command: [String]?
    /// The arguments, replacing the image's.
    public var args: [String]?
    /// The working directory.
    public var workingDir: String?
    /// The ports the container exposes.
    public var ports: [ContainerPort]?
    /// Environment variables.
    public var env: [EnvVar]?
    /// Sources of whole sets of environment variables.
    public var envFrom: [EnvFromSource]?
    /// Volumes mounted into the container.
    public var volumeMounts: [VolumeMount]?
    /// Resource requests and limits.
    public var resources: ResourceRequirements?
    /// The liveness probe: failing restarts the container.
    public var livenessProbe: Probe?
    /// The readiness probe: failing takes the pod out of service endpoints.
    public var readinessProbe: Probe?
    /// The startup probe: the other probes wait until it succeeds.
    public var startupProbe: Probe?
    /// Hooks run after start and before stop.
    public var lifecycle: Lifecycle?
    /// Container-level security settings.
    public var securityContext: SecurityContext?
    /// For init containers: `Always` makes it a sidecar.
    public var restartPolicy: ContainerRestartPolicy?
    /// Where the container writes its termination message.
    public var terminationMessagePath: String?
    /// `File` or `FallbackToLogsOnError`.
    public var terminationMessagePolicy: TerminationMessagePolicy?
    /// Whether stdin is open.
    public var stdin: Bool?
    /// Whether a TTY is allocated.
    public var tty: Bool?
    /// For ephemeral containers: the container whose namespaces it joins.
    public var targetContainerName: String?

    /// Creates a container.
    public init(
        name: String? = nil, image: String? = nil, imagePullPolicy: PullPolicy? = nil, command: [String]? = nil,
        args: [String]? = nil, workingDir: String? = nil, ports: [ContainerPort]? = nil, env: [EnvVar]? = nil,
        envFrom: [EnvFromSource]? = nil, volumeMounts: [VolumeMount]? = nil, resources: ResourceRequirements? = nil,
        livenessProbe: Probe? = nil, readinessProbe: Probe? = nil, startupProbe: Probe? = nil,
        lifecycle: Lifecycle? = nil, securityContext: SecurityContext? = nil,
        restartPolicy: ContainerRestartPolicy? = nil, terminationMessagePath: String? = nil,
        terminationMessagePolicy: TerminationMessagePolicy? = nil, stdin: Bool? = nil, tty: Bool? = nil
    ) {
        self.name = name
        self.image = image
        self.imagePullPolicy = imagePullPolicy
        self.command = command
        self.args = args
        self.workingDir = workingDir
        self.ports = ports
        self.env = env
        self.envFrom = envFrom
        self.volumeMounts = volumeMounts
        self.resources = resources
        self.livenessProbe = livenessProbe
        self.readinessProbe = readinessProbe
        self.startupProbe = startupProbe
        self.lifecycle = lifecycle
        self.securityContext = securityContext
        self.restartPolicy = restartPolicy
        self.terminationMessagePath = terminationMessagePath
        self.terminationMessagePolicy = terminationMessagePolicy
        self.stdin = stdin
        self.tty = tty
    }

    /// Resolves a probe or service port: a number as is, a name through ``ports``; `nil` for an
    /// unknown name.
    public func portNumber(_ port: IntOrString) -> Int? {
        switch port {
        case .int(let number): number
        case .string(let name): ports?.first { $0.name == name }?.containerPort ?? Int(name)
        }
    }
}

/// A port a container exposes.
public struct ContainerPort: Codable, Sendable, Hashable {
    /// The port's name, which probes and services can refer to.
    public var name: String?
    /// The port number in the container.
    public var containerPort: Int?
    /// `TCP` (the default), `UDP` or `SCTP`.
    public var `protocol`: PortProtocol?
    /// The port number on the host, if bound.
    public var hostPort: Int?
    /// The host IP to bind to.
    public var hostIP: String?

    /// Creates a port.
    public init(
        name: String? = nil, containerPort: Int? = nil, protocol: PortProtocol? = nil, hostPort: Int? = nil,
        hostIP: String? = nil
    ) {
        self.name = name
        self.containerPort = containerPort
        self.protocol = `protocol`
        self.hostPort = hostPort
        self.hostIP = hostIP
    }
}

/// Resource requests and limits (`resources`): `cpu`, `memory`, `ephemeral-storage`, extended resources.
public struct ResourceRequirements: Codable, Sendable, Equatable {
    /// The most the container may use.
    public var limits: [String: Quantity]?
    /// What the scheduler reserves for the container.
    public var requests: [String: Quantity]?

    /// Creates requirements.
    public init(limits: [String: Quantity]? = nil, requests: [String: Quantity]? = nil) {
        self.limits = limits
        self.requests = requests
    }

    /// The CPU limit.
    public var cpuLimit: Quantity? { limits?["cpu"] }
    /// The memory limit.
    public var memoryLimit: Quantity? { limits?["memory"] }
    /// The CPU request.
    public var cpuRequest: Quantity? { requests?["cpu"] }
    /// The memory request.
    public var memoryRequest: Quantity? { requests?["memory"] }
}

/// An image pull policy.
public struct PullPolicy: KubernetesEnum {
    /// The policy as sent by the server.
    public let rawValue: String
    /// Creates a policy from its string.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `Always`.
    public static let always: PullPolicy = "Always"
    /// `IfNotPresent`.
    public static let ifNotPresent: PullPolicy = "IfNotPresent"
    /// `Never`.
    public static let never: PullPolicy = "Never"
}

/// A network protocol of a port.
public struct PortProtocol: KubernetesEnum {
    /// The protocol as sent by the server.
    public let rawValue: String
    /// Creates a protocol from its string.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `TCP`.
    public static let tcp: PortProtocol = "TCP"
    /// `UDP`.
    public static let udp: PortProtocol = "UDP"
    /// `SCTP`.
    public static let sctp: PortProtocol = "SCTP"
}

/// The restart policy of one container (init containers: `Always` makes a sidecar).
public struct ContainerRestartPolicy: KubernetesEnum {
    /// The policy as sent by the server.
    public let rawValue: String
    /// Creates a policy from its string.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `Always`.
    public static let always: ContainerRestartPolicy = "Always"
}

/// How the termination message is found.
public struct TerminationMessagePolicy: KubernetesEnum {
    /// The policy as sent by the server.
    public let rawValue: String
    /// Creates a policy from its string.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `File`: only the termination message file.
    public static let file: TerminationMessagePolicy = "File"
    /// `FallbackToLogsOnError`: the log tail when the file is empty and the container failed.
    public static let fallbackToLogsOnError: TerminationMessagePolicy = "FallbackToLogsOnError"
}
