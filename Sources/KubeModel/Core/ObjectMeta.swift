/// Standard object metadata (`metadata`). `managedFields` is not decoded: a diagnosis never needs
/// it and it is often the largest part of an object.
public struct ObjectMeta: Codable, Sendable, Equatable, Hashable {
    /// The name, unique within the namespace.
    public var name: String?
    /// The prefix the server used to generate the name.
    public var generateName: String?
    /// The namespace, for namespaced objects.
    public var namespace: String?
    /// The unique id.
    public var uid: String?
    /// The version for optimistic concurrency and watches.
    public var resourceVersion: String?
    /// A sequence number of the desired state.
    public var generation: Int?
    /// When the object was created.
    public var creationTimestamp: Time?
    /// When deletion was requested (graceful deletion in progress).
    public var deletionTimestamp: Time?
    /// Seconds allowed for graceful termination.
    public var deletionGracePeriodSeconds: Int?
    /// Labels.
    public var labels: [String: String]?
    /// Annotations.
    public var annotations: [String: String]?
    /// The objects that own this one (a ReplicaSet for a Deployment's pod...).
    public var ownerReferences: [OwnerReference]?
    /// Finalizers that must clear before deletion.
    public var finalizers: [String]?

    /// Creates metadata.
    public init(
        name: String? = nil, namespace: String? = nil, uid: String? = nil, resourceVersion: String? = nil,
        creationTimestamp: Time? = nil, labels: [String: String]? = nil, annotations: [String: String]? = nil,
        ownerReferences: [OwnerReference]? = nil
    ) {
        self.name = name
        self.namespace = namespace
        self.uid = uid
        self.resourceVersion = resourceVersion
        self.creationTimestamp = creationTimestamp
        self.labels = labels
        self.annotations = annotations
        self.ownerReferences = ownerReferences
    }

    /// The owner reference marked `controller: true`, if any.
    public var controller: OwnerReference? {
        ownerReferences?.first { $0.controller == true }
    }
}

/// A reference to an owning object.
public struct OwnerReference: Codable, Sendable, Equatable, Hashable {
    /// The owner's API version, e.g. `apps/v1`.
    public var apiVersion: String
    /// The owner's kind, e.g. `ReplicaSet`.
    public var kind: String
    /// The owner's name.
    public var name: String
    /// The owner's uid.
    public var uid: String
    /// Whether the owner is the managing controller.
    public var controller: Bool?
    /// Whether the owner cannot be deleted before this object.
    public var blockOwnerDeletion: Bool?

    /// Creates a reference.
    public init(apiVersion: String, kind: String, name: String, uid: String, controller: Bool? = nil) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.uid = uid
        self.controller = controller
    }
}

/// List metadata (`metadata` of a list).
public struct ListMeta: Codable, Sendable, Equatable {
    /// The resource version the list was served at.
    public var resourceVersion: String?
    /// The token for the next page, when there is one.
    public var `continue`: String?
    /// How many items remain after this page, when the server knows.
    public var remainingItemCount: Int?

    /// Creates list metadata.
    public init(resourceVersion: String? = nil, continue: String? = nil, remainingItemCount: Int? = nil) {
        self.resourceVersion = resourceVersion
        self.continue = `continue`
        self.remainingItemCount = remainingItemCount
    }
}

/// A list envelope (`PodList`, `EventList`...): items without their own kind/apiVersion, as served.
public struct ObjectList<Item: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    /// The list kind, e.g. `PodList`.
    public var kind: String?
    /// The API version.
    public var apiVersion: String?
    /// Paging and version information.
    public var metadata: ListMeta
    /// The items of this page.
    public var items: [Item]

    /// Creates a list.
    public init(kind: String? = nil, apiVersion: String? = nil, metadata: ListMeta = ListMeta(), items: [Item]) {
        self.kind = kind
        self.apiVersion = apiVersion
        self.metadata = metadata
        self.items = items
    }

    private enum CodingKeys: String, CodingKey { case kind, apiVersion, metadata, items }

    /// Decodes a list; `items: null` is an empty list.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decodeIfPresent(String.self, forKey: .kind)
        apiVersion = try container.decodeIfPresent(String.self, forKey: .apiVersion)
        metadata = try container.decodeIfPresent(ListMeta.self, forKey: .metadata) ?? ListMeta()
        items = try container.decodeIfPresent([Item].self, forKey: .items) ?? []
    }
}

/// Only an object's metadata: what the server returns for
/// `Accept: application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1` (a Secret without its data).
public struct PartialObjectMetadata: HasMetadata {
    /// `PartialObjectMetadata`.
    public var kind: String?
    /// `meta.k8s.io/v1`.
    public var apiVersion: String?
    /// The metadata.
    public var metadata: ObjectMeta

    /// Creates partial metadata.
    public init(kind: String? = "PartialObjectMetadata", apiVersion: String? = "meta.k8s.io/v1", metadata: ObjectMeta) {
        self.kind = kind
        self.apiVersion = apiVersion
        self.metadata = metadata
    }
}
