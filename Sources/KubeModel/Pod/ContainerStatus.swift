/// The status of one container as the kubelet reports it.
public struct ContainerStatus: Codable, Sendable, Equatable {
    /// The container's name.
    public var name: String?
    /// Whether the readiness probe passes.
    public var ready: Bool?
    /// Whether the startup probe has passed (and the container is running).
    public var started: Bool?
    /// How many times the container has restarted.
    public var restartCount: Int?
    /// The image being run.
    public var image: String?
    /// The image's digest reference.
    public var imageID: String?
    /// The runtime's id, e.g. `containerd://…`.
    public var containerID: String?
    /// The current state.
    public var state: ContainerState?
    /// The previous state: why the last run ended.
    public var lastState: ContainerState?
    /// The resources applied to the running container.
    public var resources: ResourceRequirements?
    /// The resources allocated by the node.
    public var allocatedResources: [String: Quantity]?
    /// The mounts as set up.
    public var volumeMounts: [VolumeMountStatus]?

    /// Creates a status.
    public init(
        name: String? = nil, ready: Bool? = nil, started: Bool? = nil, restartCount: Int? = nil,
        image: String? = nil, imageID: String? = nil, containerID: String? = nil, state: ContainerState? = nil,
        lastState: ContainerState? = nil, resources: ResourceRequirements? = nil,
        allocatedResources: [String: Quantity]? = nil, volumeMounts: [VolumeMountStatus]? = nil
    ) {
        self.name = name
        self.ready = ready
        self.started = started
        self.restartCount = restartCount
        self.image = image
        self.imageID = imageID
        self.containerID = containerID
        self.state = state
        self.lastState = lastState
        self.resources = resources
        self.allocatedResources = allocatedResources
        self.volumeMounts = volumeMounts
    }
}

/// The state of a container: one of waiting, running or terminated (none when unknown).
public struct ContainerState: Codable, Sendable, Hashable {
    /// Not running yet, or waiting to restart.
    public var waiting: ContainerStateWaiting?
    /// Running.
    public var running: ContainerStateRunning?
    /// Exited.
    public var terminated: ContainerStateTerminated?

    /// Creates a state.
    public init(
        waiting: ContainerStateWaiting? = nil, running: ContainerStateRunning? = nil,
        terminated: ContainerStateTerminated? = nil
    ) {
        self.waiting = waiting
        self.running = running
        self.terminated = terminated
    }
}

/// A waiting container.
public struct ContainerStateWaiting: Codable, Sendable, Hashable {
    /// Why, e.g. `CrashLoopBackOff`, `ImagePullBackOff`, `ErrImagePull`, `CreateContainerConfigError`.
    public var reason: String?
    /// Details, e.g. `back-off 40s restarting failed container=app …`.
    public var message: String?

    /// Creates a waiting state.
    public init(reason: String? = nil, message: String? = nil) {
        self.reason = reason
        self.message = message
    }
}

/// A running container.
public struct ContainerStateRunning: Codable, Sendable, Hashable {
    /// When it (re)started.
    public var startedAt: Time?

    /// Creates a running state.
    public init(startedAt: Time? = nil) { self.startedAt = startedAt }
}

/// An exited container.
public struct ContainerStateTerminated: Codable, Sendable, Hashable {
    /// The exit code (137 for SIGKILL, often an OOM kill).
    public var exitCode: Int?
    /// The signal that ended it.
    public var signal: Int?
    /// Why, e.g. `Completed`, `Error`, `OOMKilled`.
    public var reason: String?
    /// The termination message.
    public var message: String?
    /// When it started.
    public var startedAt: Time?
    /// When it exited.
    public var finishedAt: Time?
    /// The runtime's id.
    public var containerID: String?

    /// Creates a terminated state.
    public init(
        exitCode: Int? = nil, signal: Int? = nil, reason: String? = nil, message: String? = nil,
        startedAt: Time? = nil, finishedAt: Time? = nil, containerID: String? = nil
    ) {
        self.exitCode = exitCode
        self.signal = signal
        self.reason = reason
        self.message = message
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.containerID = containerID
    }
}
