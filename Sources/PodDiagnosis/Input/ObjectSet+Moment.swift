import Foundation
import KubeModel

extension ObjectSet {
    /// The newest timestamp the objects hold (creation, condition transitions, container starts
    /// and ends, events): the earliest moment the set can have been captured at. Deletion times
    /// are left out (they lie in the future during a grace period), and so are times after
    /// `notAfter`, when given.
    public func newestTimestamp(notAfter: Date? = nil) -> Date? {
        var newest: Date?
        func see(_ date: Date?) {
            guard let date, notAfter.map({ date <= $0 }) ?? true else { return }
            if newest.map({ date > $0 }) ?? true { newest = date }
        }
        func see(_ state: ContainerState?) {
            see(state?.running?.startedAt?.date)
            see(state?.terminated?.startedAt?.date)
            see(state?.terminated?.finishedAt?.date)
        }
        for pod in pods {
            see(pod.metadata.creationTimestamp?.date)
            see(pod.status?.startTime?.date)
            for condition in pod.status?.conditions ?? [] {
                see(condition.lastTransitionTime?.date)
                see(condition.lastProbeTime?.date)
            }
            for status in (pod.status?.containerStatuses ?? []) + (pod.status?.initContainerStatuses ?? []) {
                see(status.state)
                see(status.lastState)
            }
        }
        for event in events {
            see(event.lastSeen)
            see(event.firstSeen)
        }
        for node in nodes {
            see(node.metadata.creationTimestamp?.date)
            for condition in node.status?.conditions ?? [] { see(condition.lastHeartbeatTime?.date) }
        }
        let metas = replicaSets.map(\.metadata) + deployments.map(\.metadata) + statefulSets.map(\.metadata) + daemonSets.map(\.metadata)
            + jobs.map(\.metadata) + cronJobs.map(\.metadata) + configMaps.map(\.metadata) + services.map(\.metadata) + claims.map(\.metadata)
        for meta in metas { see(meta.creationTimestamp?.date) }
        return newest
    }
}
