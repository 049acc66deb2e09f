/// A pod volume. The sources PodDoctor reasons about are typed; every other source (`csi`, `nfs`,
/// `ephemeral`, `image`, a type from a newer cluster...) is kept as JSON in ``other`` so nothing is lost.
public struct Volume: Codable, Sendable, Equatable {
    /// The volume's name, which mounts refer to.
    public var name: String?
    /// A ConfigMap's keys as files.
    public var configMap: ConfigMapVolumeSource?
    /// A Secret's keys as files.
    public var secret: SecretVolumeSource?
    /// Several sources in one directory (the service account token volume is one).
    public var projected: ProjectedVolumeSource?
    /// A PersistentVolumeClaim.
    public var persistentVolumeClaim: PersistentVolumeClaimVolumeSource?
    /// A scratch directory that lives as long as the pod.
    public var emptyDir: EmptyDirVolumeSource?
    /// A path on the node.
    public var hostPath: HostPathVolumeSource?
    /// Pod fields as files.
    public var downwardAPI: DownwardAPIVolumeSource?
    /// Every other source, by its key (`csi`, `nfs`, `ephemeral`...), as JSON.
    public var other: [String: JSONValue] = [:]

    /// Creates a volume.
    public init(
        name: String? = nil, configMap: ConfigMapVolumeSource? = nil, secret: SecretVolumeSource? = nil,
        projected: ProjectedVolumeSource? = nil, persistentVolumeClaim: PersistentVolumeClaimVolumeSource? = nil,
        emptyDir: EmptyDirVolumeSource? = nil, hostPath: HostPathVolumeSource? = nil,
        downwardAPI: DownwardAPIVolumeSource? = nil, other: [String: JSONValue] = [:]
    ) {
        self.name = name
        self.configMap = configMap
        self.secret = secret
        self.projected = projected
        self.persistentVolumeClaim = persistentVolumeClaim
        self.emptyDir = emptyDir
        self.hostPath = hostPath
        self.downwardAPI = downwardAPI
        self.other = other
    }

    /// The JSON key of the volume's source: `configMap`, `secret`, `projected`, `csi`...; `nil` if none.
    public var sourceType: String? {
        if configMap != nil { return "configMap" }
        if secret != nil { return "secret" }
        if projected != nil { return "projected" }
        if persistentVolumeClaim != nil { return "persistentVolumeClaim" }
        if emptyDir != nil { return "emptyDir" }
        if hostPath != nil { return "hostPath" }
        if downwardAPI != nil { return "downwardAPI" }
        return other.keys.min()
    }

    /// Decodes the typed sources and keeps every other key as JSON.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: JSONKey.self)
        for key in container.allKeys {
            switch key.stringValue {
            case "name": name = try container.decodeIfPresent(String.self, forKey: key)
            case "configMap": configMap = try container.decodeIfPresent(ConfigMapVolumeSource.self, forKey: key)
            case "secret": secret = try container.decodeIfPresent(SecretVolumeSource.self, forKey: key)
            case "projected": projected = try container.decodeIfPresent(ProjectedVolumeSource.self, forKey: key)
            case "persistentVolumeClaim":
                persistentVolumeClaim = try container.decodeIfPresent(PersistentVolumeClaimVolumeSource.self, forKey: key)
            case "emptyDir": emptyDir = try container.decodeIfPresent(EmptyDirVolumeSource.self, forKey: key)
            case "hostPath": hostPath = try container.decodeIfPresent(HostPathVolumeSource.self, forKey: key)
            case "downwardAPI": downwardAPI = try container.decodeIfPresent(DownwardAPIVolumeSource.self, forKey: key)
            default: other[key.stringValue] = try container.decode(JSONValue.self, forKey: key)
            }
        }
    }

    /// Encodes the typed sources and the kept ones.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: JSONKey.self)
        try container.encodeIfPresent(name, forKey: JSONKey("name"))
        try container.encodeIfPresent(configMap, forKey: JSONKey("configMap"))
        try container.encodeIfPresent(secret, forKey: JSONKey("secret"))
        try container.encodeIfPresent(projected, forKey: JSONKey("projected"))
        try container.encodeIfPresent(persistentVolumeClaim, forKey: JSONKey("persistentVolumeClaim"))
        try container.encodeIfPresent(emptyDir, forKey: JSONKey("emptyDir"))
        try container.encodeIfPresent(hostPath, forKey: JSONKey("hostPath"))
        try container.encodeIfPresent(downwardAPI, forKey: JSONKey("downwardAPI"))
        for (key, value) in other { try container.encode(value, forKey: JSONKey(key)) }
    }
}

/// A key of a ConfigMap or Secret projected to a file.
public struct KeyToPath: Codable, Sendable, Hashable {
    /// The key.
    public var key: String?
    /// The relative file path.
    public var path: String?
    /// The file mode.
    public var mode: Int?

    /// Creates a mapping.
    public init(key: String? = nil, path: String? = nil, mode: Int? = nil) {
        self.key = key
        self.path = path
        self.mode = mode
    }
}

/// A ConfigMap volume.
public struct ConfigMapVolumeSource: Codable, Sendable, Hashable {
    /// The ConfigMap's name.
    public var name: String?
    /// The keys to project; all keys when missing.
    public var items: [KeyToPath]?
    /// Whether the pod may start when the ConfigMap or a key is missing.
    public var optional: Bool?
    /// The default file mode (decimal, e.g. 420 = 0644).
    public var defaultMode: Int?

    /// Creates a source.
    public init(name: String? = nil, items: [KeyToPath]? = nil, optional: Bool? = nil, defaultMode: Int? = nil) {
        self.name = name
        self.items = items
        self.optional = optional
        self.defaultMode = defaultMode
    }
}

/// A Secret volume.
public struct SecretVolumeSource: Codable, Sendable, Hashable {
    /// The Secret's name.
    public var secretName: String?
    /// The keys to project; all keys when missing.
    public var items: [KeyToPath]?
    /// Whether the pod may start when the Secret or a key is missing.
    public var optional: Bool?
    /// The default file mode.
    public var defaultMode: Int?

    /// Creates a source.
    public init(secretName: String? = nil, items: [KeyToPath]? = nil, optional: Bool? = nil, defaultMode: Int? = nil) {
        self.secretName = secretName
        self.items = items
        self.optional = optional
        self.defaultMode = defaultMode
    }
}

/// A PersistentVolumeClaim volume.
public struct PersistentVolumeClaimVolumeSource: Codable, Sendable, Hashable {
    /// The claim's name, in the pod's namespace.
    public var claimName: String?
    /// Whether the volume is mounted read-only.
    public var readOnly: Bool?

    /// Creates a source.
    public init(claimName: String? = nil, readOnly: Bool? = nil) {
        self.claimName = claimName
        self.readOnly = readOnly
    }
}

/// An emptyDir volume.
public struct EmptyDirVolumeSource: Codable, Sendable, Hashable {
    /// `""` (node disk) or `Memory` (tmpfs).
    public var medium: String?
    /// The most the volume may hold.
    public var sizeLimit: Quantity?

    /// Creates a source.
    public init(medium: String? = nil, sizeLimit: Quantity? = nil) {
        self.medium = medium
        self.sizeLimit = sizeLimit
    }
}

/// A hostPath volume.
public struct HostPathVolumeSource: Codable, Sendable, Hashable {
    /// The path on the node.
    public var path: String?
    /// What must be at the path: `Directory`, `DirectoryOrCreate`, `File`, `Socket`...
    public var type: String?

    /// Creates a source.
    public init(path: String? = nil, type: String? = nil) {
        self.path = path
        self.type = type
    }
}

/// A downward API volume.
public struct DownwardAPIVolumeSource: Codable, Sendable, Hashable {
    /// The files.
    public var items: [DownwardAPIVolumeFile]?
    /// The default file mode.
    public var defaultMode: Int?

    /// Creates a source.
    public init(items: [DownwardAPIVolumeFile]? = nil, defaultMode: Int? = nil) {
        self.items = items
        self.defaultMode = defaultMode
    }
}

/// One file of a downward API volume or projection.
public struct DownwardAPIVolumeFile: Codable, Sendable, Hashable {
    /// The relative file path.
    public var path: String?
    /// A pod field.
    public var fieldRef: ObjectFieldSelector?
    /// A container resource.
    public var resourceFieldRef: ResourceFieldSelector?
    /// The file mode.
    public var mode: Int?

    /// Creates a file.
    public init(
        path: String? = nil, fieldRef: ObjectFieldSelector? = nil, resourceFieldRef: ResourceFieldSelector? = nil,
        mode: Int? = nil
    ) {
        self.path = path
        self.fieldRef = fieldRef
        self.resourceFieldRef = resourceFieldRef
        self.mode = mode
    }
}

/// A projected volume: several sources in one directory.
public struct ProjectedVolumeSource: Codable, Sendable, Equatable {
    /// The sources.
    public var sources: [VolumeProjection]?
    /// The default file mode.
    public var defaultMode: Int?

    /// Creates a source.
    public init(sources: [VolumeProjection]? = nil, defaultMode: Int? = nil) {
        self.sources = sources
        self.defaultMode = defaultMode
    }
}

/// One source of a projected volume; unknown kinds (`clusterTrustBundle`, `podCertificate`...) are
/// kept as JSON in ``other``.
public struct VolumeProjection: Codable, Sendable, Equatable {
    /// ConfigMap keys.
    public var configMap: ConfigMapProjection?
    /// Secret keys.
    public var secret: SecretProjection?
    /// A bound service account token.
    public var serviceAccountToken: ServiceAccountTokenProjection?
    /// Pod fields.
    public var downwardAPI: DownwardAPIProjection?
    /// Every other kind of source, by its key, as JSON.
    public var other: [String: JSONValue] = [:]

    /// Creates a projection.
    public init(
        configMap: ConfigMapProjection? = nil, secret: SecretProjection? = nil,
        serviceAccountToken: ServiceAccountTokenProjection? = nil, downwardAPI: DownwardAPIProjection? = nil,
        other: [String: JSONValue] = [:]
    ) {
        self.configMap = configMap
        self.secret = secret
        self.serviceAccountToken = serviceAccountToken
        self.downwardAPI = downwardAPI
        self.other = other
    }

    /// Decodes the typed sources and keeps every other key as JSON.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: JSONKey.self)
        for key in container.allKeys {
            switch key.stringValue {
            case "configMap": configMap = try container.decodeIfPresent(ConfigMapProjection.self, forKey: key)
            case "secret": secret = try container.decodeIfPresent(SecretProjection.self, forKey: key)
            case "serviceAccountToken":
                serviceAccountToken = try container.decodeIfPresent(ServiceAccountTokenProjection.self, forKey: key)
            case "downwardAPI": downwardAPI = try container.decodeIfPresent(DownwardAPIProjection.self, forKey: key)
            default: other[key.stringValue] = try container.decode(JSONValue.self, forKey: key)
            }
        }
    }

    /// Encodes the typed sources and the kept ones.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: JSONKey.self)
        try container.encodeIfPresent(configMap, forKey: JSONKey("configMap"))
        try container.encodeIfPresent(secret, forKey: JSONKey("secret"))
        try container.encodeIfPresent(serviceAccountToken, forKey: JSONKey("serviceAccountToken"))
        try container.encodeIfPresent(downwardAPI, forKey: JSONKey("downwardAPI"))
        for (key, value) in other { try container.encode(value, forKey: JSONKey(key)) }
    }
}

/// ConfigMap keys in a projected volume.
public struct ConfigMapProjection: Codable, Sendable, Hashable {
    /// The ConfigMap's name.
    public var name: String?
    /// The keys to project; all keys when missing.
    public var items: [KeyToPath]?
    /// Whether the pod may start when the ConfigMap or a key is missing.
    public var optional: Bool?

    /// Creates a projection.
    public init(name: String? = nil, items: [KeyToPath]? = nil, optional: Bool? = nil) {
        self.name = name
        self.items = items
        self.optional = optional
    }
}

/// Secret keys in a projected volume.
public struct SecretProjection: Codable, Sendable, Hashable {
    /// The Secret's name.
    public var name: String?
    /// The keys to project; all keys when missing.
    public var items: [KeyToPath]?
    /// Whether the pod may start when the Secret or a key is missing.
    public var optional: Bool?

    /// Creates a projection.
    public init(name: String? = nil, items: [KeyToPath]? = nil, optional: Bool? = nil) {
        self.name = name
        self.items = items
        self.optional = optional
    }
}

/// A bound service account token in a projected volume.
public struct ServiceAccountTokenProjection: Codable, Sendable, Hashable {
    /// The intended audience.
    public var audience: String?
    /// The requested lifetime in seconds.
    public var expirationSeconds: Int?
    /// The relative file path.
    public var path: String?

    /// Creates a projection.
    public init(audience: String? = nil, expirationSeconds: Int? = nil, path: String? = nil) {
        self.audience = audience
        self.expirationSeconds = expirationSeconds
        self.path = path
    }
}

/// Pod fields in a projected volume.
public struct DownwardAPIProjection: Codable, Sendable, Hashable {
    /// The files.
    public var items: [DownwardAPIVolumeFile]?

    /// Creates a projection.
    public init(items: [DownwardAPIVolumeFile]? = nil) { self.items = items }
}
