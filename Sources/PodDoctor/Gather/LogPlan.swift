import KubeModel

/// Which logs of a pod a diagnosis reads: for each container that is not running well, the
/// crashed instance's log (after a restart or a termination) and the current one's (once it ran,
/// unless it is only waiting to restart, when "current" is the crashed instance again).
enum LogPlan {
    /// One log to read.
    struct Read: Hashable, Sendable {
        /// The container.
        var container: String
        /// The previous (crashed) instance.
        var previous: Bool
    }

    /// The logs to read for `pod`; none before it has a node.
    static func reads(for pod: Pod) -> [Read] {
        guard pod.spec?.nodeName != nil else { return [] }
        return statuses(of: pod).flatMap(reads)
    }

    /// The logs to read for one container's status.
    static func reads(for status: ContainerStatus) -> [Read] {
        guard let container = status.name else { return [] }
        let restarts = status.restartCount ?? 0
        if status.ready == true && status.state?.running != nil && restarts == 0 { return [] }
        var reads: [Read] = []
        if restarts > 0 || status.lastState?.terminated != nil { reads.append(Read(container: container, previous: true)) }
        let hasRun = status.state?.running != nil || status.state?.terminated != nil || restarts > 0
        let waitingAfterCrash = status.state?.waiting != nil && restarts > 0
        if hasRun && !waitingAfterCrash { reads.append(Read(container: container, previous: false)) }
        return reads
    }

    /// What a container's failure looks like as far as its logs are concerned: how its last
    /// instance ended (reason and exit code), or that it runs without having ended; `nil` when it
    /// has no log to read. A container that crashes again the same way keeps its signature (its
    /// restart count and times are left out), so `watch` reads its logs once per new failure.
    static func signature(of status: ContainerStatus) -> String? {
        guard !reads(for: status).isEmpty else { return nil }
        if let ended = status.state?.terminated ?? status.lastState?.terminated {
            return "ended:\(ended.reason ?? "")/\(ended.exitCode.map(String.init) ?? "")/\(ended.signal.map(String.init) ?? "")"
        }
        return "running"
    }

    /// Init containers first, then the app containers.
    static func statuses(of pod: Pod) -> [ContainerStatus] {
        (pod.status?.initContainerStatuses ?? []) + (pod.status?.containerStatuses ?? [])
    }
}
