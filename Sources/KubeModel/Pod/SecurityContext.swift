/// Container-level security settings (`containers[].securityContext`).
public struct SecurityContext: Codable, Sendable, Hashable {
    /// The UID the process runs as.
    public var runAsUser: Int?
    /// The GID the process runs as.
    public var runAsGroup: Int?
    /// Whether the kubelet refuses to start an image that runs as root.
    public var runAsNonRoot: Bool?
    /// Whether the container runs privileged.
    public var privileged: Bool?
    /// Whether the root filesystem is read-only.
    public var readOnlyRootFilesystem: Bool?
    /// Whether a process can gain more privileges than its parent.
    public var allowPrivilegeEscalation: Bool?
    /// Linux capabilities added and dropped.
    public var capabilities: Capabilities?
    /// `/proc` mount type.
    public var procMount: String?

    /// Creates settings.
    public init(
        runAsUser: Int? = nil, runAsGroup: Int? = nil, runAsNonRoot: Bool? = nil, privileged: Bool? = nil,
        readOnlyRootFilesystem: Bool? = nil, allowPrivilegeEscalation: Bool? = nil, capabilities: Capabilities? = nil
    ) {
        self.runAsUser = runAsUser
        self.runAsGroup = runAsGroup
        self.runAsNonRoot = runAsNonRoot
        self.privileged = privileged
        self.readOnlyRootFilesystem = readOnlyRootFilesystem
        self.allowPrivilegeEscalation = allowPrivilegeEscalation
        self.capabilities = capabilities
    }
}

/// Linux capabilities of a container.
public struct Capabilities: Codable, Sendable, Hashable {
    /// Capabilities added, e.g. `NET_ADMIN`.
    public var add: [String]?
    /// Capabilities dropped, e.g. `ALL`.
    public var drop: [String]?

    /// Creates capabilities.
    public init(add: [String]? = nil, drop: [String]? = nil) {
        self.add = add
        self.drop = drop
    }
}

/// Pod-level security settings (`spec.securityContext`).
public struct PodSecurityContext: Codable, Sendable, Hashable {
    /// The UID the containers run as by default.
    public var runAsUser: Int?
    /// The GID the containers run as by default.
    public var runAsGroup: Int?
    /// Whether images that run as root are refused.
    public var runAsNonRoot: Bool?
    /// The group that owns mounted volumes.
    public var fsGroup: Int?
    /// Extra groups of the first process.
    public var supplementalGroups: [Int]?

    /// Creates settings.
    public init(
        runAsUser: Int? = nil, runAsGroup: Int? = nil, runAsNonRoot: Bool? = nil, fsGroup: Int? = nil,
        supplementalGroups: [Int]? = nil
    ) {
        self.runAsUser = runAsUser
        self.runAsGroup = runAsGroup
        self.runAsNonRoot = runAsNonRoot
        self.fsGroup = fsGroup
        self.supplementalGroups = supplementalGroups
    }
}
