/// A pod template (`spec.template` of workloads): the metadata and spec of the pods to create.
public struct PodTemplateSpec: Codable, Sendable, Equatable {
    /// The pods' metadata (labels, annotations).
    public var metadata: ObjectMeta?
    /// The pods' spec.
    public var spec: PodSpec?

    /// Creates a template.
    public init(metadata: ObjectMeta? = nil, spec: PodSpec? = nil) {
        self.metadata = metadata
        self.spec = spec
    }
}

/// The generic condition of a workload's status (`Available`, `Progressing`, `ReplicaFailure`...).
public typealias WorkloadCondition = Condition
