/// A persistent volume claim (`v1` `PersistentVolumeClaim`).
public struct PersistentVolumeClaim: KubernetesObject {
    /// The core group, `""`.
    public static let group = ""
    /// `v1`.
    public static let version = "v1"
    /// `PersistentVolumeClaim`.
    public static let kind = "PersistentVolumeClaim"
    /// `persistentvolumeclaims`.
    public static let resource = "persistentvolumeclaims"
    /// Claims live in a namespace.
    public static let isNamespaced = true

    /// `PersistentVolumeClaim` when sent.
    public var kind: String?
    /// `v1` when sent.
    public var apiVersion: String?
    /// The metadata; empty when the object has none.
    @DefaultEmpty public var metadata: ObjectMeta
    /// The desired storage.
    public var spec: PersistentVolumeClaimSpec?
    /// The binding state.
    public var status: PersistentVolumeClaimStatus?

    /// Creates a claim.
    public init(
        kind: String? = PersistentVolumeClaim.kind, apiVersion: String? = PersistentVolumeClaim.apiVersion,
        metadata: ObjectMeta = ObjectMeta(), spec: PersistentVolumeClaimSpec? = nil,
        status: PersistentVolumeClaimStatus? = nil
    ) {
        self.kind = kind
        self.apiVersion = apiVersion
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The desired storage of a claim.
public struct PersistentVolumeClaimSpec: Codable, Sendable, Equatable {
    /// The storage class; empty string means no class.
    public var storageClassName: String?
    /// `ReadWriteOnce`, `ReadOnlyMany`, `ReadWriteMany`, `ReadWriteOncePod`.
    public var accessModes: [String]?
    /// The storage requested.
    public var resources: VolumeResourceRequirements?
    /// The volume bound (or to bind).
    public var volumeName: String?
    /// `Filesystem` or `Block`.
    public var volumeMode: String?
    /// Which volumes may be bound.
    public var selector: LabelSelector?

    /// Creates a spec.
    public init(
        storageClassName: String? = nil, accessModes: [String]? = nil, resources: VolumeResourceRequirements? = nil,
        volumeName: String? = nil, volumeMode: String? = nil, selector: LabelSelector? = nil
    ) {
        self.storageClassName = storageClassName
        self.accessModes = accessModes
        self.resources = resources
        self.volumeName = volumeName
        self.volumeMode = volumeMode
        self.selector = selector
    }
}

/// The storage requested by a claim.
public struct VolumeResourceRequirements: Codable, Sendable, Equatable {
    /// The most the claim may use.
    public var limits: [String: Quantity]?
    /// The storage requested (`storage`).
    public var requests: [String: Quantity]?

    /// Creates requirements.
    public init(limits: [String: Quantity]? = nil, requests: [String: Quantity]? = nil) {
        self.limits = limits
        self.requests = requests
    }
}

/// The binding state of a claim.
public struct PersistentVolumeClaimStatus: Codable, Sendable, Equatable {
    /// `Pending`, `Bound` or `Lost`.
    public var phase: PersistentVolumeClaimPhase?
    /// The access modes of the bound volume.
    public var accessModes: [String]?
    /// The capacity of the bound volume.
    public var capacity: [String: Quantity]?
    /// Conditions (`Resizing`, `FileSystemResizePending`...).
    public var conditions: [Condition]?

    /// Creates a status.
    public init(
        phase: PersistentVolumeClaimPhase? = nil, accessModes: [String]? = nil, capacity: [String: Quantity]? = nil,
        conditions: [Condition]? = nil
    ) {
        self.phase = phase
        self.accessModes = accessModes
        self.capacity = capacity
        self.conditions = conditions
    }
}

/// The phase of a claim.
public struct PersistentVolumeClaimPhase: KubernetesEnum {
    /// The phase as sent by the server.
    public let rawValue: String
    /// Creates a phase from its string.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `Pending`: not bound yet.
    public static let pending: PersistentVolumeClaimPhase = "Pending"
    /// `Bound`.
    public static let bound: PersistentVolumeClaimPhase = "Bound"
    /// `Lost`: the bound volume is gone.
    public static let lost: PersistentVolumeClaimPhase = "Lost"
}
