import Foundation
import KubeModel

/// How a pod is doing at one moment (`now`): the one model of pod health that the rules, the
/// gatherer (what to read for which pod) and `watch` (what to look at again) share.
///
/// The verdict is a function of the pod's own history and the moment, nothing else: the same
/// object judged at the same moment gives the same answer on any day. `critical` is for what fails
/// now, `warning` for what failed recently and has recovered or is at risk; normal life (a
/// container within its probes' start-up budget, a pod being placed, a restart it has recovered
/// from) is neither.
public struct PodHealth: Sendable {
    /// A container that has run this long since its last restart has outlived a crash loop (the
    /// kubelet resets its back-off after 10 minutes of running).
    public static let loopWindowMaximum: TimeInterval = 600
    /// The shortest crash-loop window: an instance younger than this after repeated deaths is still in the loop.
    public static let loopWindowMinimum: TimeInterval = 120
    /// How many times longer than its predecessor lived an instance must run to count as recovered.
    public static let loopLifetimeFactor: Double = 3
    /// A death this recent is worth a warning once the container has recovered (events live as long).
    public static let recentWindow: TimeInterval = 3600
    /// A pod younger than this may be Pending or ContainerCreating without explanation.
    public static let pendingGrace: TimeInterval = 300
    /// An event explaining a Pending/ContainerCreating pod (Scheduled, Pulling...) keeps it normal this long.
    public static let explainedPendingGrace: TimeInterval = 600
    /// An autoscaler scale-up for an unschedulable pod keeps it a warning this long.
    public static let scaleUpGrace: TimeInterval = 900
    /// A pod still there this long after its `deletionTimestamp` (grace period included) is stuck.
    public static let terminatingGrace: TimeInterval = 60
    /// An init container running this long is stuck (usually waiting for something that never comes).
    public static let initStuckAfter: TimeInterval = 300

    /// Waiting reasons of a container that keeps failing to run.
    public static let crashWaitingReasons: Set<String> = ["CrashLoopBackOff", "RunContainerError", "Error"]
    /// Waiting reasons of a container that cannot start (image, configuration, runtime, hooks).
    public static let blockedWaitingReasons: Set<String> = [
        "CreateContainerConfigError", "CreateContainerError", "ErrImagePull", "ImagePullBackOff", "InvalidImageName",
        "ErrImageNeverPull", "RegistryUnavailable", "PreStartHookError", "PostStartHookError",
    ]
    /// Waiting reasons of a container being set up normally.
    public static let creatingWaitingReasons: Set<String> = ["ContainerCreating", "PodInitializing"]

    /// Where the pod as a whole stands.
    public enum Phase: Sendable, Equatable {
        /// Scheduled or not, no container has run yet.
        case pending
        /// Its containers run (or have run) on a node.
        case running
        /// Every container finished successfully.
        case succeeded
        /// It ended in failure (or was evicted) and will not run again.
        case failed
        /// Being deleted, within its grace period.
        case terminating
        /// Being deleted, and still there past its grace period.
        case stuckTerminating(since: Date)
    }

    /// The pod.
    public let pod: Pod
    /// The moment the diagnosis speaks of.
    public let now: Date
    /// Every container, init containers first, in spec order.
    public let containers: [ContainerHealth]
    /// Where the pod as a whole stands.
    public let phase: Phase

    /// Judges `pod` as of `now`.
    public init(pod: Pod, now: Date) {
        self.pod = pod
        self.now = now
        let policy = pod.spec?.restartPolicy?.rawValue ?? "Always"
        let podPhase = pod.status?.phase?.rawValue
        let podStart = pod.status?.startTime?.date ?? pod.metadata.creationTimestamp?.date
        var views: [ContainerHealth] = []
        let initStatuses = pod.status?.initContainerStatuses ?? []
        for spec in pod.spec?.initContainers ?? [] {
            let status = initStatuses.first { $0.name == spec.name }
            views.append(Self.judge(spec, status, kind: ContainerHealth.Kind(initContainer: spec), restartPolicy: policy, podStart: podStart, now: now))
        }
        let statuses = pod.status?.containerStatuses ?? []
        for spec in pod.spec?.containers ?? [] {
            views.append(Self.judge(spec, statuses.first { $0.name == spec.name }, kind: .regular, restartPolicy: policy, podStart: podStart, now: now))
        }
        // A sidecar stops when the pod's work is done (a Job's main container completed, or the pod ended): not a death.
        let workDone = podPhase == "Failed" || podPhase == "Succeeded"
            || views.filter { $0.kind == .regular }.allSatisfy { $0.state == .completed || $0.state == .failed }
        containers = views.map { view in
            guard view.kind == .sidecar, workDone, view.state == .crashLooping,
                  statuses.isEmpty || initStatuses.first(where: { $0.name == view.name })?.state?.terminated != nil else { return view }
            return ContainerHealth(name: view.name, kind: view.kind, state: .completed, lastLifetime: view.lastLifetime,
                                   startedAt: view.startedAt, lastDeathIsRecent: false)
        }
        if let deletion = pod.metadata.deletionTimestamp?.date {
            phase = now.timeIntervalSince(deletion) > Self.terminatingGrace ? .stuckTerminating(since: deletion) : .terminating
        } else if podPhase == "Succeeded" {
            phase = .succeeded
        } else if podPhase == "Failed" {
            phase = .failed
        } else if podPhase == "Running" || views.contains(where: { $0.startedAt != nil || $0.lastLifetime != nil }) {
            phase = .running
        } else {
            phase = .pending
        }
    }

    /// The container named `name`.
    public func container(named name: String) -> ContainerHealth? { containers.first { $0.name == name } }

    /// How long the pod has existed at the moment.
    public var age: TimeInterval? { pod.metadata.creationTimestamp.map { now.timeIntervalSince($0.date) } }

    /// Whether the pod is being deleted (on purpose: its containers stopping is not a failure).
    public var isTerminating: Bool {
        switch phase {
        case .terminating, .stuckTerminating: return true
        default: return false
        }
    }

    /// The worst severity the pod's own status shows, without its events: what the gatherer and
    /// `watch` decide on. Events can only add to it (a scheduling failure, a failing mount).
    public var severity: Severity? {
        switch phase {
        case .succeeded, .terminating: return nil
        case .stuckTerminating: return .warning
        case .failed: return .critical
        case .pending, .running: break
        }
        if pod.status?.reason == "Evicted" || pod.status?.reason == "NodeLost" { return .critical }
        var worst = containers.compactMap(\.severity).max()
        if phase == .pending, (age ?? 0) >= Self.pendingGrace { worst = max(worst ?? .warning, .warning) }
        return worst
    }

    /// The severity the containers' states and a terminal phase show by themselves (no time-based
    /// pending or terminating windows: rules with the pod's events judge those).
    public var stateSeverity: Severity? {
        switch phase {
        case .succeeded, .terminating, .stuckTerminating: return nil
        case .failed: return .critical
        case .pending, .running: return containers.compactMap(\.severity).max()
        }
    }

    /// Whether a diagnosis needs more than the pod itself (events, logs, owners, referenced
    /// objects): anything but a finished pod, one being deleted within its grace period, or a pod
    /// whose containers all run and are ready with no death in the last hour.
    public var needsEvidence: Bool {
        switch phase {
        case .succeeded, .terminating: return false
        case .failed, .stuckTerminating, .pending: return true
        case .running: break
        }
        // The node controller marks pods of a lost node not ready while their container statuses go stale.
        if let ready = pod.status?.conditions?.first(where: { $0.type?.rawValue == "Ready" }), ready.status?.rawValue != "True",
           containers.contains(where: { $0.kind != .initContainer && $0.state == .running }) {
            return true
        }
        return containers.contains { container in
            switch container.state {
            case .running, .completed: return false
            default: return true
            }
        }
    }

    /// The next moment at which the verdict may change with time alone (a start-up budget runs
    /// out, a recovered restart stops being recent...), for `watch` to look again.
    public var nextChange: Date? {
        var dates: [Date] = []
        for container in containers {
            switch container.state {
            case .starting(let until), .slowStarting(let until): dates.append(until)
            case .recovered(let death): dates.append(death.addingTimeInterval(Self.recentWindow))
            case .initializing(let since): dates.append(since.addingTimeInterval(Self.initStuckAfter))
            case .crashLooping:
                if let started = container.startedAt { dates.append(started.addingTimeInterval(Self.loopWindow(container.lastLifetime))) }
            default: break
            }
        }
        if phase == .pending, let created = pod.metadata.creationTimestamp?.date { dates.append(created.addingTimeInterval(Self.pendingGrace)) }
        if phase == .terminating, let deletion = pod.metadata.deletionTimestamp?.date { dates.append(deletion.addingTimeInterval(Self.terminatingGrace)) }
        return dates.filter { $0 > now }.min()
    }

    /// How young an instance must be, after repeated deaths, to still be in the crash loop:
    /// three times its predecessor's lifetime, between 2 and 10 minutes.
    public static func loopWindow(_ lastLifetime: TimeInterval?) -> TimeInterval {
        guard let lastLifetime else { return loopWindowMaximum }
        return min(loopWindowMaximum, max(loopWindowMinimum, lastLifetime * loopLifetimeFactor))
    }
}
