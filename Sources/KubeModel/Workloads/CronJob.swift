/// A cron job (`batch/v1` `CronJob`): jobs created on a schedule.
public struct CronJob: KubernetesObject {
    /// `batch`.
    public static let group = "batch"
    /// `v1`.
    public static let version = "v1"
    /// `CronJob`.
    public static let kind = "CronJob"
    /// `cronjobs`.
    public static let resource = "cronjobs"
    /// Cron jobs live in a namespace.
    public static let isNamespaced = true

    /// `CronJob` when sent.
    public var kind: String?
    /// `batch/v1` when sent.
    public var apiVersion: String?
    /// The metadata; empty when the object has none.
    @DefaultEmpty public var metadata: ObjectMeta
    /// The desired state.
    public var spec: CronJobSpec?
    /// The observed state.
    public var status: CronJobStatus?

    /// Creates a cron job.
    public init(
        kind: String? = CronJob.kind, apiVersion: String? = CronJob.apiVersion, metadata: ObjectMeta = ObjectMeta(),
        spec: CronJobSpec? = nil, status: CronJobStatus? = nil
    ) {
        self.kind = kind
        self.apiVersion = apiVersion
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The desired state of a cron job.
public struct CronJobSpec: Codable, Sendable, Equatable {
    /// The cron schedule, e.g. `*/5 * * * *`.
    public var schedule: String?
    /// The time zone of the schedule, e.g. `Etc/UTC`.
    public var timeZone: String?
    /// Seconds after a missed start during which it may still start.
    public var startingDeadlineSeconds: Int?
    /// `Allow`, `Forbid` or `Replace`.
    public var concurrencyPolicy: String?
    /// Whether new runs are suspended.
    public var suspend: Bool?
    /// The job to create.
    public var jobTemplate: JobTemplateSpec?
    /// Successful jobs kept.
    public var successfulJobsHistoryLimit: Int?
    /// Failed jobs kept.
    public var failedJobsHistoryLimit: Int?

    /// Creates a spec.
    public init(
        schedule: String? = nil, timeZone: String? = nil, startingDeadlineSeconds: Int? = nil,
        concurrencyPolicy: String? = nil, suspend: Bool? = nil, jobTemplate: JobTemplateSpec? = nil
    ) {
        self.schedule = schedule
        self.timeZone = timeZone
        self.startingDeadlineSeconds = startingDeadlineSeconds
        self.concurrencyPolicy = concurrencyPolicy
        self.suspend = suspend
        self.jobTemplate = jobTemplate
    }
}

/// The job a cron job creates.
public struct JobTemplateSpec: Codable, Sendable, Equatable {
    /// The jobs' metadata.
    public var metadata: ObjectMeta?
    /// The jobs' spec.
    public var spec: JobSpec?

    /// Creates a template.
    public init(metadata: ObjectMeta? = nil, spec: JobSpec? = nil) {
        self.metadata = metadata
        self.spec = spec
    }
}

/// The observed state of a cron job.
public struct CronJobStatus: Codable, Sendable, Equatable {
    /// The jobs running now.
    public var active: [ObjectReference]?
    /// When a job was last scheduled.
    public var lastScheduleTime: Time?
    /// When a job last succeeded.
    public var lastSuccessfulTime: Time?

    /// Creates a status.
    public init(active: [ObjectReference]? = nil, lastScheduleTime: Time? = nil, lastSuccessfulTime: Time? = nil) {
        self.active = active
        self.lastScheduleTime = lastScheduleTime
        self.lastSuccessfulTime = lastSuccessfulTime
    }
}
