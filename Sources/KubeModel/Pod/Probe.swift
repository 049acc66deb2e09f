/// A liveness, readiness or startup probe.
public struct Probe: Codable, Sendable, Hashable {
    /// An HTTP GET check.
    public var httpGet: HTTPGetAction?
    /// A TCP connect check.
    public var tcpSocket: TCPSocketAction?
    /// A command run in the container.
    public var exec: ExecAction?
    /// A gRPC health check.
    public var grpc: GRPCAction?
    /// Seconds after the container starts before the first probe.
    public var initialDelaySeconds: Int?
    /// Seconds before a probe attempt times out (default 1).
    public var timeoutSeconds: Int?
    /// Seconds between probes (default 10).
    public var periodSeconds: Int?
    /// Consecutive successes needed after a failure (default 1).
    public var successThreshold: Int?
    /// Consecutive failures that count as failed (default 3).
    public var failureThreshold: Int?
    /// A grace period overriding the pod's when the probe kills the container.
    public var terminationGracePeriodSeconds: Int?

    /// Creates a probe.
    public init(
        httpGet: HTTPGetAction? = nil, tcpSocket: TCPSocketAction? = nil, exec: ExecAction? = nil,
        grpc: GRPCAction? = nil, initialDelaySeconds: Int? = nil, timeoutSeconds: Int? = nil,
        periodSeconds: Int? = nil, successThreshold: Int? = nil, failureThreshold: Int? = nil,
        terminationGracePeriodSeconds: Int? = nil
    ) {
        self.httpGet = httpGet
        self.tcpSocket = tcpSocket
        self.exec = exec
        self.grpc = grpc
        self.initialDelaySeconds = initialDelaySeconds
        self.timeoutSeconds = timeoutSeconds
        self.periodSeconds = periodSeconds
        self.successThreshold = successThreshold
        self.failureThreshold = failureThreshold
        self.terminationGracePeriodSeconds = terminationGracePeriodSeconds
    }
}

/// An HTTP GET request of a probe or hook.
public struct HTTPGetAction: Codable, Sendable, Hashable {
    /// The path, e.g. `/healthz`.
    public var path: String?
    /// The port number or name.
    public var port: IntOrString?
    /// The host, the pod IP by default.
    public var host: String?
    /// `HTTP` (default) or `HTTPS`.
    public var scheme: String?
    /// Extra request headers.
    public var httpHeaders: [HTTPHeader]?

    /// Creates an action.
    public init(
        path: String? = nil, port: IntOrString? = nil, host: String? = nil, scheme: String? = nil,
        httpHeaders: [HTTPHeader]? = nil
    ) {
        self.path = path
        self.port = port
        self.host = host
        self.scheme = scheme
        self.httpHeaders = httpHeaders
    }
}

/// A header of an ``HTTPGetAction``.
public struct HTTPHeader: Codable, Sendable, Hashable {
    /// The header name.
    public var name: String?
    /// The header value.
    public var value: String?

    /// Creates a header.
    public init(name: String? = nil, value: String? = nil) {
        self.name = name
        self.value = value
    }
}

/// A TCP connect of a probe or hook.
public struct TCPSocketAction: Codable, Sendable, Hashable {
    /// The port number or name.
    public var port: IntOrString?
    /// The host, the pod IP by default.
    public var host: String?

    /// Creates an action.
    public init(port: IntOrString? = nil, host: String? = nil) {
        self.port = port
        self.host = host
    }
}

/// A command run in the container by a probe or hook.
public struct ExecAction: Codable, Sendable, Hashable {
    /// The command line (not run in a shell).
    public var command: [String]?

    /// Creates an action.
    public init(command: [String]? = nil) { self.command = command }
}

/// A gRPC health check.
public struct GRPCAction: Codable, Sendable, Hashable {
    /// The port number.
    public var port: Int?
    /// The service name sent in the health check request.
    public var service: String?

    /// Creates an action.
    public init(port: Int? = nil, service: String? = nil) {
        self.port = port
        self.service = service
    }
}

/// A pause of a `preStop` hook.
public struct SleepAction: Codable, Sendable, Hashable {
    /// Seconds to sleep.
    public var seconds: Int?

    /// Creates an action.
    public init(seconds: Int? = nil) { self.seconds = seconds }
}

/// Container lifecycle hooks.
public struct Lifecycle: Codable, Sendable, Hashable {
    /// Run right after the container is created.
    public var postStart: LifecycleHandler?
    /// Run before the container is stopped.
    public var preStop: LifecycleHandler?
    /// The signal sent to stop the container.
    public var stopSignal: String?

    /// Creates hooks.
    public init(postStart: LifecycleHandler? = nil, preStop: LifecycleHandler? = nil, stopSignal: String? = nil) {
        self.postStart = postStart
        self.preStop = preStop
        self.stopSignal = stopSignal
    }
}

/// One lifecycle hook: one of the actions.
public struct LifecycleHandler: Codable, Sendable, Hashable {
    /// A command.
    public var exec: ExecAction?
    /// An HTTP GET request.
    public var httpGet: HTTPGetAction?
    /// A TCP connect (deprecated, not run).
    public var tcpSocket: TCPSocketAction?
    /// A pause.
    public var sleep: SleepAction?

    /// Creates a hook.
    public init(
        exec: ExecAction? = nil, httpGet: HTTPGetAction? = nil, tcpSocket: TCPSocketAction? = nil,
        sleep: SleepAction? = nil
    ) {
        self.exec = exec
        self.httpGet = httpGet
        self.tcpSocket = tcpSocket
        self.sleep = sleep
    }
}
