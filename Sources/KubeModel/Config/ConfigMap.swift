/// A config map (`v1` `ConfigMap`).
public struct ConfigMap: KubernetesObject {
    /// The core group, `""`.
    public static let group = ""
    /// `v1`.
    public static let version = "v1"
    /// `ConfigMap`.
    public static let kind = "ConfigMap"
    /// `configmaps`.
    public static let resource = "configmaps"
    /// Config maps live in a namespace.
    public static let isNamespaced = true

    /// `ConfigMap` when sent.
    public var kind: String?
    /// `v1` when sent.
    public var apiVersion: String?
    /// The metadata; empty when the object has none.
    @DefaultEmpty public var metadata: ObjectMeta
    /// UTF-8 entries.
    public var data: [String: String]?
    /// Binary entries, base64-encoded as sent (PodDoctor only needs their keys).
    public var binaryData: [String: String]?
    /// Whether the data can no longer change.
    public var immutable: Bool?

    /// Creates a config map.
    public init(
        kind: String? = ConfigMap.kind, apiVersion: String? = ConfigMap.apiVersion,
        metadata: ObjectMeta = ObjectMeta(), data: [String: String]? = nil, binaryData: [String: String]? = nil,
        immutable: Bool? = nil
    ) {
        self.kind = kind
        self.apiVersion = apiVersion
        self.metadata = metadata
        self.data = data
        self.binaryData = binaryData
        self.immutable = immutable
    }

    /// Whether `key` is an entry, in `data` or `binaryData`.
    public func hasKey(_ key: String) -> Bool { data?[key] != nil || binaryData?[key] != nil }

    /// All keys, from `data` and `binaryData`, sorted.
    public var keys: [String] { ((data.map { Array($0.keys) } ?? []) + (binaryData.map { Array($0.keys) } ?? [])).sorted() }
}
