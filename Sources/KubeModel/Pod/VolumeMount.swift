/// A volume mounted into a container (`volumeMounts[]` of a container).
public struct VolumeMount: Codable, Sendable, Hashable {
    /// The volume's name.
    public var name: String?
    /// Where it is mounted in the container.
    public var mountPath: String?
    /// Whether it is read-only.
    public var readOnly: Bool?
    /// A path inside the volume to mount instead of its root.
    public var subPath: String?
    /// Like ``subPath`` with `$(VAR)` expansion.
    public var subPathExpr: String?
    /// `None`, `HostToContainer` or `Bidirectional`.
    public var mountPropagation: String?
    /// `Disabled`, `IfPossible` or `Enabled`.
    public var recursiveReadOnly: String?

    /// Creates a mount.
    public init(
        name: String? = nil, mountPath: String? = nil, readOnly: Bool? = nil, subPath: String? = nil,
        subPathExpr: String? = nil
    ) {
        self.name = name
        self.mountPath = mountPath
        self.readOnly = readOnly
        self.subPath = subPath
        self.subPathExpr = subPathExpr
    }
}

/// A mount as the kubelet reports it (`containerStatuses[].volumeMounts[]`).
public struct VolumeMountStatus: Codable, Sendable, Hashable {
    /// The volume's name.
    public var name: String?
    /// Where it is mounted.
    public var mountPath: String?
    /// Whether it is read-only.
    public var readOnly: Bool?
    /// The recursive read-only mode applied.
    public var recursiveReadOnly: String?

    /// Creates a mount status.
    public init(name: String? = nil, mountPath: String? = nil, readOnly: Bool? = nil, recursiveReadOnly: String? = nil) {
        self.name = name
        self.mountPath = mountPath
        self.readOnly = readOnly
        self.recursiveReadOnly = recursiveReadOnly
    }
}
