/// A job (`batch/v1` `Job`): pods run to completion.
public struct Job: KubernetesObject {
    /// `batch`.
    public static let group = "batch"
    /// `v1`.
    public static let version = "v1"
    /// `Job`.
    public static let kind = "Job"
    /// `jobs`.
    public static let resource = "jobs"
    /// Jobs live in a namespace.
    public static let isNamespaced = true

    /// `Job` when sent.
    public var kind: String?
    /// `batch/v1` when sent.
    public var apiVersion: String?
    /// The metadata; empty when the object has none.
    @DefaultEmpty public var metadata: ObjectMeta
    /// The desired state.
    public var spec: JobSpec?
    /// The observed state.
    public var status: JobStatus?

    /// Creates a job.
    public init(
        kind: String? = Job.kind, apiVersion: String? = Job.apiVersion, metadata: ObjectMeta = ObjectMeta(),
        spec: JobSpec? = nil, status: JobStatus? = nil
    ) {
        self.kind = kind
        self.apiVersion = apiVersion
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The desired state of a job.
public struct JobSpec: Codable, Sendable, Equatable {
    /// Pods that must succeed.
    public var completions: Int?
    /// Pods run at once.
    public var parallelism: Int?
    /// Retries before the job is failed (default 6).
    public var backoffLimit: Int?
    /// Seconds the job may run before it is failed.
    public var activeDeadlineSeconds: Int?
    /// Seconds after finishing before the job is deleted.
    public var ttlSecondsAfterFinished: Int?
    /// `NonIndexed` or `Indexed`.
    public var completionMode: String?
    /// Whether the job is suspended.
    public var suspend: Bool?
    /// Which pods belong to the job.
    public var selector: LabelSelector?
    /// The pods to create.
    public var template: PodTemplateSpec?
    /// The pod failure policy, kept as JSON.
    public var podFailurePolicy: JSONValue?

    /// Creates a spec.
    public init(
        completions: Int? = nil, parallelism: Int? = nil, backoffLimit: Int? = nil,
        activeDeadlineSeconds: Int? = nil, ttlSecondsAfterFinished: Int? = nil, suspend: Bool? = nil,
        selector: LabelSelector? = nil, template: PodTemplateSpec? = nil
    ) {
        self.completions = completions
        self.parallelism = parallelism
        self.backoffLimit = backoffLimit
        self.activeDeadlineSeconds = activeDeadlineSeconds
        self.ttlSecondsAfterFinished = ttlSecondsAfterFinished
        self.suspend = suspend
        self.selector = selector
        self.template = template
    }
}

/// The observed state of a job.
public struct JobStatus: Codable, Sendable, Equatable {
    /// Running pods.
    public var active: Int?
    /// Pods that succeeded.
    public var succeeded: Int?
    /// Pods that failed.
    public var failed: Int?
    /// Ready pods.
    public var ready: Int?
    /// Pods being terminated.
    public var terminating: Int?
    /// Conditions (`Complete`, `Failed`, `Suspended`...).
    public var conditions: [WorkloadCondition]?
    /// When the job started.
    public var startTime: Time?
    /// When the job completed.
    public var completionTime: Time?

    /// Creates a status.
    public init(
        active: Int? = nil, succeeded: Int? = nil, failed: Int? = nil, ready: Int? = nil,
        conditions: [WorkloadCondition]? = nil, startTime: Time? = nil, completionTime: Time? = nil
    ) {
        self.active = active
        self.succeeded = succeeded
        self.failed = failed
        self.ready = ready
        self.conditions = conditions
        self.startTime = startTime
        self.completionTime = completionTime
    }
}
