import Foundation
import KubeModel

extension PodHealth {
    /// The time a container's probes allow it to become ready after it starts: the startup probe's
    /// `initialDelaySeconds + failureThreshold × periodSeconds`, then the readiness probe's.
    /// `nil` when it has neither probe (the kubelet marks it ready as soon as it runs).
    public static func startupBudget(_ container: Container) -> TimeInterval? {
        let probes = [container.startupProbe, container.readinessProbe].compactMap { $0 }
        guard !probes.isEmpty else { return nil }
        return probes.reduce(0) { $0 + probeBudget($1) }
    }

    /// `initialDelaySeconds + failureThreshold × periodSeconds` (defaults 0, 3, 10), bounded.
    public static func probeBudget(_ probe: Probe) -> TimeInterval {
        let delay = Double(min(max(probe.initialDelaySeconds ?? 0, 0), 86_400))
        let threshold = Double(min(max(probe.failureThreshold ?? 3, 1), 10_000))
        let period = Double(min(max(probe.periodSeconds ?? 10, 1), 86_400))
        return delay + threshold * period
    }

    /// How long a terminated instance lived; `nil` when unknown (a `StartError` reports a start in 1970).
    static func lifetime(_ terminated: ContainerStateTerminated?) -> TimeInterval? {
        guard let start = terminated?.startedAt?.date, let end = terminated?.finishedAt?.date,
              start.timeIntervalSince1970 > 86_400, end >= start else { return nil }
        return end.timeIntervalSince(start)
    }

    static func judge(
        _ spec: Container, _ status: ContainerStatus?, kind: ContainerHealth.Kind, restartPolicy: String, podStart: Date?, now: Date
    ) -> ContainerHealth {
        let name = spec.name ?? ""
        let last = status?.lastState?.terminated
        let lastLifetime = lifetime(status?.state?.terminated ?? last)
        let lastDeath = (status?.state?.terminated ?? last)?.finishedAt?.date
        let recent = lastDeath.map { now.timeIntervalSince($0) < recentWindow } ?? false
        let startedAt = status?.state?.running?.startedAt?.date
        func make(_ state: ContainerHealth.State) -> ContainerHealth {
            ContainerHealth(name: name, kind: kind, state: state, lastLifetime: lastLifetime, startedAt: startedAt, lastDeathIsRecent: recent)
        }
        guard let status, let state = status.state, state.waiting != nil || state.running != nil || state.terminated != nil else { return make(.creating) }

        if let waiting = state.waiting {
            let reason = waiting.reason ?? ""
            if crashWaitingReasons.contains(reason) { return make(.crashLooping) }
            if blockedWaitingReasons.contains(reason) { return make(.blocked(reason: reason)) }
            if reason.isEmpty || creatingWaitingReasons.contains(reason) { return make(.creating) }
            return make(.unknownWaiting(reason: reason))
        }

        if let terminated = state.terminated {
            let code = terminated.exitCode ?? 0
            switch kind {
            case .initContainer:
                return make(code == 0 ? .completed : (restartPolicy == "Never" ? .failed : .crashLooping))
            case .sidecar, .regular:
                if restartPolicy == "Always" || kind == .sidecar { return make(.crashLooping) }
                if code == 0 { return make(.completed) }
                return make(restartPolicy == "OnFailure" ? .crashLooping : .failed)
            }
        }

        // A running state without its start time: judged from its readiness only.
        let started = startedAt ?? now
        let age = now.timeIntervalSince(started)
        if kind == .initContainer {
            return make(age >= initStuckAfter ? .initStuck(since: started) : .initializing(since: started))
        }
        // Restart history: an instance younger than the loop window after repeated short-lived deaths
        // is still in the loop; so is one younger than twice the average life of a pod that restarts
        // more than once an hour on average (a slower loop, OOM every 15 minutes).
        let restarts = status.restartCount ?? 0
        if restarts >= 2, last != nil, lastLifetime.map({ $0 < loopWindowMaximum }) ?? true, age < loopWindow(lastLifetime) {
            return make(.crashLooping)
        }
        if restarts >= 3, last != nil, let podStart, now > podStart {
            let averageLife = now.timeIntervalSince(podStart) / Double(restarts + 1)
            if averageLife < recentWindow, age < 2 * averageLife { return make(.crashLooping) }
        }

        if status.ready != true {
            guard let budget = startupBudget(spec) else {
                return make(recent ? .recovered(lastDeath: lastDeath ?? started) : .notReadyUnexplained)
            }
            let until = started.addingTimeInterval(budget)
            if age >= budget { return make(.notReady(since: until)) }
            if age >= budget / 2 { return make(.slowStarting(until: until)) }
            return make(.starting(until: until))
        }
        if restarts > 0, recent, let lastDeath { return make(.recovered(lastDeath: lastDeath)) }
        return make(.running)
    }
}
