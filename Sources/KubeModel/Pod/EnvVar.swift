/// An environment variable of a container: a literal value or a reference.
public struct EnvVar: Codable, Sendable, Hashable {
    /// The variable's name.
    public var name: String?
    /// A literal value (may contain `$(VAR)` references).
    public var value: String?
    /// Where the value comes from, when it is not literal.
    public var valueFrom: EnvVarSource?

    /// Creates a variable.
    public init(name: String? = nil, value: String? = nil, valueFrom: EnvVarSource? = nil) {
        self.name = name
        self.value = value
        self.valueFrom = valueFrom
    }
}

/// The source of an environment variable's value.
public struct EnvVarSource: Codable, Sendable, Hashable {
    /// A key of a ConfigMap.
    public var configMapKeyRef: ConfigMapKeySelector?
    /// A key of a Secret.
    public var secretKeyRef: SecretKeySelector?
    /// A field of the pod (`metadata.name`, `status.podIP`...).
    public var fieldRef: ObjectFieldSelector?
    /// A resource of a container (`limits.memory`...).
    public var resourceFieldRef: ResourceFieldSelector?

    /// Creates a source.
    public init(
        configMapKeyRef: ConfigMapKeySelector? = nil, secretKeyRef: SecretKeySelector? = nil,
        fieldRef: ObjectFieldSelector? = nil, resourceFieldRef: ResourceFieldSelector? = nil
    ) {
        self.configMapKeyRef = configMapKeyRef
        self.secretKeyRef = secretKeyRef
        self.fieldRef = fieldRef
        self.resourceFieldRef = resourceFieldRef
    }
}

/// A key of a ConfigMap.
public struct ConfigMapKeySelector: Codable, Sendable, Hashable {
    /// The ConfigMap's name.
    public var name: String?
    /// The key.
    public var key: String?
    /// Whether the pod may start when the ConfigMap or key is missing.
    public var optional: Bool?

    /// Creates a selector.
    public init(name: String? = nil, key: String? = nil, optional: Bool? = nil) {
        self.name = name
        self.key = key
        self.optional = optional
    }
}

/// A key of a Secret.
public struct SecretKeySelector: Codable, Sendable, Hashable {
    /// The Secret's name.
    public var name: String?
    /// The key.
    public var key: String?
    /// Whether the pod may start when the Secret or key is missing.
    public var optional: Bool?

    /// Creates a selector.
    public init(name: String? = nil, key: String? = nil, optional: Bool? = nil) {
        self.name = name
        self.key = key
        self.optional = optional
    }
}

/// A field of the pod, for the downward API.
public struct ObjectFieldSelector: Codable, Sendable, Hashable {
    /// The field, e.g. `metadata.name`.
    public var fieldPath: String?
    /// The API version the path is written in, `v1` by default.
    public var apiVersion: String?

    /// Creates a selector.
    public init(fieldPath: String? = nil, apiVersion: String? = nil) {
        self.fieldPath = fieldPath
        self.apiVersion = apiVersion
    }
}

/// A container resource, for the downward API.
public struct ResourceFieldSelector: Codable, Sendable, Hashable {
    /// The container; required for volumes, optional for env vars.
    public var containerName: String?
    /// The resource, e.g. `limits.memory`.
    public var resource: String?
    /// The unit the value is divided by, `1` by default.
    public var divisor: Quantity?

    /// Creates a selector.
    public init(containerName: String? = nil, resource: String? = nil, divisor: Quantity? = nil) {
        self.containerName = containerName
        self.resource = resource
        self.divisor = divisor
    }
}

/// A source of a set of environment variables (`envFrom[]`).
public struct EnvFromSource: Codable, Sendable, Hashable {
    /// A prefix added to every name.
    public var prefix: String?
    /// All keys of a ConfigMap.
    public var configMapRef: ConfigMapEnvSource?
    /// All keys of a Secret.
    public var secretRef: SecretEnvSource?

    /// Creates a source.
    public init(prefix: String? = nil, configMapRef: ConfigMapEnvSource? = nil, secretRef: SecretEnvSource? = nil) {
        self.prefix = prefix
        self.configMapRef = configMapRef
        self.secretRef = secretRef
    }
}

/// A ConfigMap whose keys all become environment variables.
public struct ConfigMapEnvSource: Codable, Sendable, Hashable {
    /// The ConfigMap's name.
    public var name: String?
    /// Whether the pod may start when the ConfigMap is missing.
    public var optional: Bool?

    /// Creates a source.
    public init(name: String? = nil, optional: Bool? = nil) {
        self.name = name
        self.optional = optional
    }
}

/// A Secret whose keys all become environment variables.
public struct SecretEnvSource: Codable, Sendable, Hashable {
    /// The Secret's name.
    public var name: String?
    /// Whether the pod may start when the Secret is missing.
    public var optional: Bool?

    /// Creates a source.
    public init(name: String? = nil, optional: Bool? = nil) {
        self.name = name
        self.optional = optional
    }
}
