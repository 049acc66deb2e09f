/// A root-cause id: the public contract scripts and CI gates match on (see `causes.md`).
///
/// Ids are never renamed; new ones may be added, and an id this version does not know still
/// decodes (it is kept as its string).
public struct Cause: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible {
    /// The id as printed in JSON, e.g. `oom-killed`.
    public let rawValue: String

    /// Creates a cause from its id.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Decodes the id from a JSON string.
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    /// Encodes the id as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The id.
    public var description: String { rawValue }

    // MARK: Why the container process died
    /// `oom-killed`.
    public static let oomKilled = Cause(rawValue: "oom-killed")
    /// `liveness-probe-kill`.
    public static let livenessProbeKill = Cause(rawValue: "liveness-probe-kill")
    /// `startup-probe-kill`.
    public static let startupProbeKill = Cause(rawValue: "startup-probe-kill")
    /// `missing-file-in-image`.
    public static let missingFileInImage = Cause(rawValue: "missing-file-in-image")
    /// `missing-language-dependency`.
    public static let missingLanguageDependency = Cause(rawValue: "missing-language-dependency")
    /// `missing-env-var`.
    public static let missingEnvVar = Cause(rawValue: "missing-env-var")
    /// `config-file-invalid`.
    public static let configFileInvalid = Cause(rawValue: "config-file-invalid")
    /// `dependency-unreachable`.
    public static let dependencyUnreachable = Cause(rawValue: "dependency-unreachable")
    /// `dependency-auth-failed`.
    public static let dependencyAuthFailed = Cause(rawValue: "dependency-auth-failed")
    /// `app-error`.
    public static let appError = Cause(rawValue: "app-error")
    /// `exits-immediately`.
    public static let exitsImmediately = Cause(rawValue: "exits-immediately")
    /// `segfault`.
    public static let segfault = Cause(rawValue: "segfault")
    /// `command-not-found`.
    public static let commandNotFound = Cause(rawValue: "command-not-found")
    /// `command-not-executable`.
    public static let commandNotExecutable = Cause(rawValue: "command-not-executable")
    /// `exec-format-error`.
    public static let execFormatError = Cause(rawValue: "exec-format-error")
    /// `working-dir-missing`.
    public static let workingDirMissing = Cause(rawValue: "working-dir-missing")
    /// `crash-no-logs`.
    public static let crashNoLogs = Cause(rawValue: "crash-no-logs")

    // MARK: Why the container never started
    /// `missing-configmap`.
    public static let missingConfigmap = Cause(rawValue: "missing-configmap")
    /// `missing-secret`.
    public static let missingSecret = Cause(rawValue: "missing-secret")
    /// `missing-configmap-key`.
    public static let missingConfigmapKey = Cause(rawValue: "missing-configmap-key")
    /// `missing-secret-key`.
    public static let missingSecretKey = Cause(rawValue: "missing-secret-key")
    /// `image-not-found`.
    public static let imageNotFound = Cause(rawValue: "image-not-found")
    /// `image-pull-unauthorized`.
    public static let imagePullUnauthorized = Cause(rawValue: "image-pull-unauthorized")
    /// `image-registry-unreachable`.
    public static let imageRegistryUnreachable = Cause(rawValue: "image-registry-unreachable")
    /// `invalid-image-name`.
    public static let invalidImageName = Cause(rawValue: "invalid-image-name")
    /// `run-as-non-root-violation`.
    public static let runAsNonRootViolation = Cause(rawValue: "run-as-non-root-violation")
    /// `post-start-hook-failed`.
    public static let postStartHookFailed = Cause(rawValue: "post-start-hook-failed")
    /// `init-container-failed`.
    public static let initContainerFailed = Cause(rawValue: "init-container-failed")
    /// `evicted`.
    public static let evicted = Cause(rawValue: "evicted")

    // MARK: Why the pod is not scheduled, not started by the runtime, or never ready
    /// `unschedulable`.
    public static let unschedulable = Cause(rawValue: "unschedulable")
    /// `scheduling-gated`.
    public static let schedulingGated = Cause(rawValue: "scheduling-gated")
    /// `volume-mount-failed`.
    public static let volumeMountFailed = Cause(rawValue: "volume-mount-failed")
    /// `sandbox-failed`.
    public static let sandboxFailed = Cause(rawValue: "sandbox-failed")
    /// `runtime-error`.
    public static let runtimeError = Cause(rawValue: "runtime-error")
    /// `node-failure`.
    public static let nodeFailure = Cause(rawValue: "node-failure")
    /// `readiness-probe-failing`.
    public static let readinessProbeFailing = Cause(rawValue: "readiness-probe-failing")
    /// `readiness-gate-pending`.
    public static let readinessGatePending = Cause(rawValue: "readiness-gate-pending")

    // MARK: What PodDoctor cannot explain yet, but will not call healthy
    /// `unknown-waiting-reason`: a container waits with a reason this version does not know.
    public static let unknownWaitingReason = Cause(rawValue: "unknown-waiting-reason")
    /// `stuck-pending`: Pending or ContainerCreating far longer than its events explain.
    public static let stuckPending = Cause(rawValue: "stuck-pending")
    /// `stuck-terminating`: still there past its deletion's grace period.
    public static let stuckTerminating = Cause(rawValue: "stuck-terminating")
    /// `container-not-ready`: running, not ready, and no probe explains it.
    public static let containerNotReady = Cause(rawValue: "container-not-ready")
    /// `pre-stop-hook-failed`: the preStop hook failed when an instance was stopped.
    public static let preStopHookFailed = Cause(rawValue: "pre-stop-hook-failed")
    /// `unexplained-state`: the pod's status shows a failure no rule explains; the finding says what is known.
    public static let unexplainedState = Cause(rawValue: "unexplained-state")

    // MARK: Context that sharpens a cause (secondary findings)
    /// `rollout-regression`.
    public static let rolloutRegression = Cause(rawValue: "rollout-regression")
    /// `cpu-throttled`.
    public static let cpuThrottled = Cause(rawValue: "cpu-throttled")
    /// `failing-on-one-node`.
    public static let failingOnOneNode = Cause(rawValue: "failing-on-one-node")
    /// `image-tag-latest`.
    public static let imageTagLatest = Cause(rawValue: "image-tag-latest")
    /// `no-memory-limit`.
    public static let noMemoryLimit = Cause(rawValue: "no-memory-limit")
    /// `back-off`.
    public static let backOff = Cause(rawValue: "back-off")

    /// Every id this version knows, in the order of `causes.md`.
    public static let known: [Cause] = [
        .oomKilled,
        .livenessProbeKill,
        .startupProbeKill,
        .missingFileInImage,
        .missingLanguageDependency,
        .missingEnvVar,
        .configFileInvalid,
        .dependencyUnreachable,
        .dependencyAuthFailed,
        .appError,
        .exitsImmediately,
        .segfault,
        .commandNotFound,
        .commandNotExecutable,
        .execFormatError,
        .workingDirMissing,
        .crashNoLogs,
        .missingConfigmap,
        .missingSecret,
        .missingConfigmapKey,
        .missingSecretKey,
        .imageNotFound,
        .imagePullUnauthorized,
        .imageRegistryUnreachable,
        .invalidImageName,
        .runAsNonRootViolation,
        .postStartHookFailed,
        .initContainerFailed,
        .evicted,
        .unschedulable,
        .schedulingGated,
        .volumeMountFailed,
        .sandboxFailed,
        .runtimeError,
        .nodeFailure,
        .readinessProbeFailing,
        .readinessGatePending,
        .unknownWaitingReason,
        .stuckPending,
        .stuckTerminating,
        .containerNotReady,
        .preStopHookFailed,
        .unexplainedState,
        .rolloutRegression,
        .cpuThrottled,
        .failingOnOneNode,
        .imageTagLatest,
        .noMemoryLimit,
        .backOff,
    ]
}
