/// A reference to an object (`involvedObject`, `targetRef`, a CronJob's active jobs...).
public struct ObjectReference: Codable, Sendable, Hashable {
    /// The kind, e.g. `Pod`.
    public var kind: String?
    /// The namespace.
    public var namespace: String?
    /// The name.
    public var name: String?
    /// The uid.
    public var uid: String?
    /// The API version, e.g. `v1`.
    public var apiVersion: String?
    /// The resource version the reference was made at.
    public var resourceVersion: String?
    /// The part of the object meant, e.g. `spec.containers{app}`.
    public var fieldPath: String?

    /// Creates a reference.
    public init(
        kind: String? = nil, namespace: String? = nil, name: String? = nil, uid: String? = nil,
        apiVersion: String? = nil, resourceVersion: String? = nil, fieldPath: String? = nil
    ) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.uid = uid
        self.apiVersion = apiVersion
        self.resourceVersion = resourceVersion
        self.fieldPath = fieldPath
    }

    /// The container named in ``fieldPath`` (`spec.containers{app}` → `app`), if any.
    public var containerName: String? {
        guard let fieldPath, let open = fieldPath.firstIndex(of: "{"), fieldPath.hasSuffix("}") else { return nil }
        let name = fieldPath[fieldPath.index(after: open)..<fieldPath.index(before: fieldPath.endIndex)]
        return name.isEmpty ? nil : String(name)
    }
}

/// A reference by name to an object in the same namespace (`imagePullSecrets`, `configMapRef`...).
public struct LocalObjectReference: Codable, Sendable, Hashable {
    /// The name.
    public var name: String?

    /// Creates a reference.
    public init(name: String? = nil) { self.name = name }
}
