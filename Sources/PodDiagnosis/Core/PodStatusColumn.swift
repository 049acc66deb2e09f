import KubeModel

/// kubectl's STATUS and RESTARTS columns, computed as `kubectl get pods` computes them.
public enum PodStatusColumn {
    /// The STATUS column: `Init:CrashLoopBackOff`, `CrashLoopBackOff`, `OOMKilled`, `Running`, `Terminating`...
    public static func status(of pod: Pod) -> String {
        var reason = pod.status?.phase?.rawValue ?? "Unknown"
        if let podReason = pod.status?.reason, !podReason.isEmpty { reason = podReason }
        // kubectl 1.27+: a pending pod held by scheduling gates shows SchedulingGated.
        if reason == "Pending", pod.status?.conditions?.contains(where: { $0.type?.rawValue == "PodScheduled" && $0.reason == "SchedulingGated" }) == true {
            reason = "SchedulingGated"
        }

        let initSpecs = pod.spec?.initContainers ?? []
        var initializing = false
        for (index, status) in (pod.status?.initContainerStatuses ?? []).enumerated() {
            let spec = initSpecs.first { $0.name == status.name }
            let isSidecar = spec?.restartPolicy?.rawValue == "Always"
            if let terminated = status.state?.terminated, terminated.exitCode == 0 { continue }
            if isSidecar && status.started == true { continue }
            if let terminated = status.state?.terminated {
                if let terminatedReason = terminated.reason, !terminatedReason.isEmpty {
                    reason = "Init:" + terminatedReason
                } else if let signal = terminated.signal, signal != 0 {
                    reason = "Init:Signal:\(signal)"
                } else {
                    reason = "Init:ExitCode:\(terminated.exitCode ?? 0)"
                }
            } else if let waiting = status.state?.waiting?.reason, !waiting.isEmpty, waiting != "PodInitializing" {
                reason = "Init:" + waiting
            } else {
                reason = "Init:\(index)/\(initSpecs.count)"
            }
            initializing = true
            break
        }

        if !initializing {
            var hasRunning = false
            for status in (pod.status?.containerStatuses ?? []).reversed() {
                if let waiting = status.state?.waiting?.reason, !waiting.isEmpty {
                    reason = waiting
                } else if let terminated = status.state?.terminated {
                    if let terminatedReason = terminated.reason, !terminatedReason.isEmpty {
                        reason = terminatedReason
                    } else if let signal = terminated.signal, signal != 0 {
                        reason = "Signal:\(signal)"
                    } else {
                        reason = "ExitCode:\(terminated.exitCode ?? 0)"
                    }
                } else if status.ready == true, status.state?.running != nil {
                    hasRunning = true
                }
            }
            if reason == "Completed" && hasRunning {
                let ready = pod.status?.conditions?.contains { $0.type?.rawValue == "Ready" && $0.status?.rawValue == "True" } ?? false
                reason = ready ? "Running" : "NotReady"
            }
        }

        // kubectl 1.27+: a pod that has already ended (Succeeded, Failed) keeps its reason while it is deleted.
        let terminal = ["Succeeded", "Failed"].contains(pod.status?.phase?.rawValue ?? "")
        if pod.metadata.deletionTimestamp != nil {
            if pod.status?.reason == "NodeLost" { reason = "Unknown" } else if !terminal { reason = "Terminating" }
        }
        return reason
    }

    /// The RESTARTS column's number: restarts of all containers, init containers included.
    public static func restarts(of pod: Pod) -> Int {
        let statuses = (pod.status?.initContainerStatuses ?? []) + (pod.status?.containerStatuses ?? [])
        return statuses.reduce(0) { $0 &+ max(0, $1.restartCount ?? 0) }
    }
}
