import Foundation
import KubeModel

/// The evidence of one pod, indexed for the rules: containers with their specs and statuses,
/// events in kubectl's order and per container, logs as lines.
final class DiagnosisContext {
    /// Which list a container comes from (the health model's kinds).
    typealias ContainerKind = ContainerHealth.Kind

    /// A container's spec and status together.
    final class ContainerView {
        let name: String
        let spec: Container
        let status: ContainerStatus?
        let kind: ContainerKind

        init(name: String, spec: Container, status: ContainerStatus?, kind: ContainerKind) {
            self.name = name
            self.spec = spec
            self.status = status
            self.kind = kind
        }
        /// The status path, e.g. `status.containerStatuses[app]`.
        var statusPath: String {
            (kind == .regular ? "status.containerStatuses" : "status.initContainerStatuses") + "[\(name)]"
        }
        /// The spec path, e.g. `spec.containers[app]`.
        var specPath: String {
            (kind == .regular ? "spec.containers" : "spec.initContainers") + "[\(name)]"
        }
        var restartCount: Int { status?.restartCount ?? 0 }
        var waiting: ContainerStateWaiting? { status?.state?.waiting }
        var running: ContainerStateRunning? { status?.state?.running }
        /// The last termination: the current state's, else the previous instance's.
        var lastTermination: ContainerStateTerminated? { status?.state?.terminated ?? status?.lastState?.terminated }
    }

    let evidence: PodEvidence
    let pod: Pod
    let namespace: String
    let name: String
    let containers: [ContainerView]
    /// Events, oldest first, in kubectl's order (series.lastObservedTime > lastTimestamp > eventTime > firstTimestamp).
    let events: [Event]
    let now: Date
    /// The one model of the pod's health at `now`.
    let health: PodHealth
    /// What this pod's logs say, each log analysed once however many rules read it.
    let analysis = LogAnalysisMemo()

    /// The context of `evidence`; `health` when the caller has already judged the pod at `evidence.now`.
    init(_ evidence: PodEvidence, health: PodHealth? = nil) {
        self.evidence = evidence
        pod = evidence.pod
        namespace = evidence.pod.metadata.namespace ?? "default"
        name = evidence.pod.metadata.name ?? ""
        now = evidence.now
        self.health = health ?? PodHealth(pod: evidence.pod, now: evidence.now)
        let statuses = evidence.pod.status?.containerStatuses ?? []
        let initStatuses = evidence.pod.status?.initContainerStatuses ?? []
        var views: [ContainerView] = []
        for spec in evidence.pod.spec?.initContainers ?? [] {
            let name = spec.name ?? ""
            views.append(ContainerView(name: name, spec: spec, status: initStatuses.first { $0.name == name },
                                       kind: ContainerKind(initContainer: spec)))
        }
        for spec in evidence.pod.spec?.containers ?? [] {
            let name = spec.name ?? ""
            views.append(ContainerView(name: name, spec: spec, status: statuses.first { $0.name == name }, kind: .regular))
        }
        containers = views
        events = Event.ordered(evidence.events)
    }

    // MARK: - Containers

    var regularContainers: [ContainerView] { containers.filter { $0.kind == .regular } }
    var initContainers: [ContainerView] { containers.filter { $0.kind != .regular } }

    func container(named name: String) -> ContainerView? { containers.first { $0.name == name } }

    /// Whether the pod has finished for good (a completed Job); a failed one is still diagnosed.
    var isFinished: Bool {
        pod.status?.phase?.rawValue == "Succeeded"
    }

    var restartPolicy: String { pod.spec?.restartPolicy?.rawValue ?? "Always" }

    // MARK: - Events

    /// Events about `container` (their `involvedObject.fieldPath` names it).
    func events(for container: ContainerView) -> [Event] {
        events.filter { event in
            guard let path = event.involvedObject.fieldPath else { return false }
            return path.hasSuffix("{\(container.name)}")
        }
    }

    /// Events with one of `reasons`, optionally about one container.
    func events(reasons: Set<String>, container: ContainerView? = nil) -> [Event] {
        let suffix = container.map { "{\($0.name)}" }
        return events.filter { event in
            guard reasons.contains(event.reason ?? "") else { return false }
            guard let suffix else { return true }
            return event.involvedObject.fieldPath?.hasSuffix(suffix) == true
        }
    }

    /// Evidence for an event: `Warning BackOff x7 over 3m`.
    func evidence(_ event: Event) -> Evidence {
        var ref = "\(event.type?.rawValue ?? "Normal") \(event.reason ?? "")"
        let count = event.count
        if count > 1 {
            ref += " x\(count)"
            if let first = event.firstSeen, let last = event.lastSeen, last > first {
                ref += " over \(Self.age(last.timeIntervalSince(first)))"
            }
        }
        if let last = event.lastSeen { ref += " (\(Self.age(now.timeIntervalSince(last))) ago)" }
        return Evidence(source: "event", ref: ref, text: event.message ?? "")
    }

    // MARK: - Logs

    /// The log of a container's instance, when read.
    func log(_ container: ContainerView, previous: Bool) -> String? {
        evidence.logs[ContainerLogKey(container: container.name, previous: previous)]?.text
    }

    /// The log that tells why the container died: the previous instance's when it restarted, else the current one's.
    func crashLog(_ container: ContainerView) -> (text: String, previous: Bool)? {
        // A container that has just terminated (and not restarted yet): its current log is the death.
        if container.status?.state?.terminated != nil, let current = log(container, previous: false), !current.isEmpty {
            return (current, false)
        }
        if let previous = log(container, previous: true) { return (previous, true) }
        if container.status?.state?.terminated != nil || container.restartCount == 0, let current = log(container, previous: false) {
            return (current, false)
        }
        return nil
    }

    // MARK: - Owners and commands

    /// The controller at the top of the chain (Deployment over ReplicaSet, CronJob over Job).
    var topOwner: OwnerSummary? {
        if let top = evidence.owners.last { return OwnerSummary(kind: top.kind, name: top.metadata.name ?? "") }
        guard let reference = pod.metadata.controller else { return nil }
        if reference.kind == "ReplicaSet", let hash = pod.metadata.labels?["pod-template-hash"],
           reference.name.hasSuffix("-\(hash)") {
            return OwnerSummary(kind: "Deployment", name: String(reference.name.dropLast(hash.count + 1)))
        }
        return OwnerSummary(kind: reference.kind, name: reference.name)
    }

    /// What a fix edits: `deployment/web`, or the pod itself when nothing owns it.
    var workloadTarget: String {
        guard let owner = topOwner else { return sh("pod/\(name)") }
        return sh("\(owner.kind.lowercased())/\(owner.name)")
    }

    /// Whether fixes are made on a workload template (then the pod is replaced by itself).
    var hasWorkload: Bool { topOwner != nil }

    /// ` -n NAMESPACE`.
    var ns: String { " -n \(sh(namespace))" }

    // MARK: - Formatting

    /// An Int from a Double that may be huge, infinite or NaN (it can come from a log line).
    static func clampedInt(_ value: Double, limit: Double = 1e9) -> Int {
        guard value.isFinite else { return value > 0 ? Int(limit) : 0 }
        return Int(min(max(value, -limit), limit))
    }

    /// `1 time`, `5 times`: a count with its noun, singular or plural.
    static func count(_ number: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(number) \(number == 1 ? singular : plural ?? singular + "s")"
    }

    /// `45s`, `3m`, `2h5m`, `3d`.
    static func age(_ seconds: TimeInterval) -> String {
        let total = clampedInt(max(0, seconds))
        if total < 120 { return "\(total)s" }
        if total < 3600 { return "\(total / 60)m" }
        if total < 86_400 { return total % 3600 / 60 == 0 ? "\(total / 3600)h" : "\(total / 3600)h\(total % 3600 / 60)m" }
        return "\(total / 86_400)d"
    }
}

extension DiagnosisContext {
    /// The health model's view of a container.
    func health(_ container: ContainerView) -> ContainerHealth? { health.container(named: container.name) }

    /// The severity of a finding about why `container` last died, from the health model: `critical`
    /// while it keeps failing, `warning` when it recovered recently, `nil` when there is nothing to
    /// say (its deaths are history, the pod finished, or it is being deleted on purpose).
    func deathSeverity(_ container: ContainerView) -> Severity? {
        if isFinished || health.isTerminating { return nil }
        return health(container)?.deathSeverity
    }

    /// Whether a finding about the container's last death is worth making (it fails now, or recovered recently).
    func isFailing(_ container: ContainerView) -> Bool { deathSeverity(container) != nil }

    /// Whether the container fails now (critical).
    func isCrashing(_ container: ContainerView) -> Bool { deathSeverity(container) == .critical }

    /// Whether a failing container's instance was killed by the kubelet for a failed probe,
    /// with the proving `Killing` event.
    func probeKill(_ container: ContainerView, probe: String) -> Event? {
        let kill = events(reasons: ["Killing"], container: container).last { ($0.message ?? "").lowercased().contains("failed \(probe) probe") }
        // The kill must belong to the last death, not to an earlier one.
        if let kill, let killed = kill.lastSeen, let started = container.lastTermination?.startedAt?.date, killed < started { return nil }
        return kill
    }
}
