import Foundation
import KubeModel

/// How one container is doing at the moment of the diagnosis, judged from its own status and
/// history alone (``PodHealth`` builds it).
public struct ContainerHealth: Sendable, Equatable {
    /// Which list a container comes from.
    public enum Kind: Sendable, Equatable {
        /// `spec.containers`.
        case regular
        /// `spec.initContainers`, run to completion before the app.
        case initContainer
        /// An init container with `restartPolicy: Always`: it runs beside the app.
        case sidecar

        /// The kind of a container of `spec.initContainers`: a sidecar when it restarts `Always`.
        public init(initContainer spec: Container) {
            self = spec.restartPolicy?.rawValue == "Always" ? .sidecar : .initContainer
        }
    }

    /// Where the container stands now.
    public enum State: Sendable, Equatable {
        /// Running and ready, nothing recent in its history.
        case running
        /// Finished as it should (an init container or a Job's container that exited 0).
        case completed
        /// Running, not ready yet, within its probes' start-up budget (until the date).
        case starting(until: Date)
        /// Running, not ready, more than half of its start-up budget used (budget ends at the date).
        case slowStarting(until: Date)
        /// Running and not ready past its probes' budget (which ended at the date).
        case notReady(since: Date)
        /// Running and not ready without any probe that explains it.
        case notReadyUnexplained
        /// An init container still running (since the date).
        case initializing(since: Date)
        /// An init container that has run for longer than ``PodHealth/initStuckAfter``.
        case initStuck(since: Date)
        /// Dying over and over: waiting in back-off, just terminated under `restartPolicy: Always`,
        /// or running again after short-lived instances that keep dying.
        case crashLooping
        /// Terminated with an error and not restarted (a failed pod, an init container).
        case failed
        /// Restarted recently (its last instance ended at the date) and has run since.
        case recovered(lastDeath: Date)
        /// Never started: waiting for its image, configuration or the runtime (the kubelet's reason).
        case blocked(reason: String)
        /// Being created (`ContainerCreating`, `PodInitializing`, or no status yet).
        case creating
        /// Waiting with a reason PodDoctor does not know.
        case unknownWaiting(reason: String)
    }

    /// The container's name.
    public let name: String
    /// Which list it comes from.
    public let kind: Kind
    /// Where it stands now.
    public let state: State
    /// How long its last terminated instance lived, when known.
    public let lastLifetime: TimeInterval?
    /// When its current instance started, when it runs.
    public let startedAt: Date?

    /// The severity a finding about why this container last died gets: `critical` while it keeps
    /// failing, `warning` when it has recovered recently, `nil` when its deaths are history.
    public var deathSeverity: Severity? {
        switch state {
        case .crashLooping, .failed: return .critical
        case .recovered: return .warning
        case .notReady, .slowStarting, .starting:
            // Not dying now; a death still in the recent past is told as a recovered one.
            return lastDeathIsRecent ? .warning : nil
        default: return nil
        }
    }

    /// Whether the last death is within ``PodHealth/recentWindow`` (set by ``PodHealth``).
    let lastDeathIsRecent: Bool

    /// The severity the container's state alone carries (no events read).
    public var severity: Severity? {
        switch state {
        case .crashLooping, .failed, .notReady, .blocked: return .critical
        // A long init (a migration, a download) is not a failure by itself; a failing wait in its log makes it one.
        case .recovered, .notReadyUnexplained, .unknownWaiting, .initStuck: return .warning
        // A slow start is a warning only when probe failures of this instance show it (the engine reads them).
        case .running, .completed, .starting, .slowStarting, .initializing, .creating: return nil
        }
    }
}
