import Foundation
import KubeModel

/// The diagnosis engine: pure functions from a pod's evidence to findings, root cause first.
///
/// No I/O: it gives the same output for the same input, on live data, on a saved snapshot, and in
/// tests.
public enum DiagnosisEngine {
    /// Every rule family, in the order their findings are preferred on equal footing.
    static let rules: [any DiagnosisRule.Type] = [
        SchedulingRule.self, NodeHealthRule.self, RuntimeSetupRule.self, StuckStateRule.self,
        ConfigReferenceRule.self, ImageRule.self, SecurityContextRule.self, LifecycleHookRule.self,
        ProbeKillRule.self, OOMKilledRule.self, StartErrorRule.self, AppStartupRule.self, DependencyRule.self,
        ExitCodeRule.self, InitContainerRule.self, ReadinessRule.self,
        RolloutRule.self, NodeSpreadRule.self, ResourceLimitsRule.self, BackOffRule.self,
    ]

    /// Diagnoses one pod.
    public static func diagnose(_ evidence: PodEvidence) -> PodReport {
        diagnose(evidence, health: nil)
    }

    /// Diagnoses one pod whose health at `evidence.now` may already be known.
    static func diagnose(_ evidence: PodEvidence, health: PodHealth?) -> PodReport {
        let context = DiagnosisContext(evidence, health: health)
        let status = PodStatusColumn.status(of: evidence.pod)
        let candidates = rules.flatMap { $0.evaluate(context) }

        // One answer per question: the most decisive candidate wins.
        var best: [Candidate.Slot: (index: Int, candidate: Candidate)] = [:]
        var order = 0
        for candidate in candidates {
            defer { order += 1 }
            if case .context = candidate.slot {
                best[candidate.slot] = best[candidate.slot] ?? (order, candidate)
                continue
            }
            if let existing = best[candidate.slot], existing.candidate.rank >= candidate.rank { continue }
            best[candidate.slot] = (best[candidate.slot]?.index ?? order, candidate)
        }
        var chosen = best.values.sorted { $0.index < $1.index }.map(\.candidate)
        // When the node failed or evicted the pod, the containers' generic deaths are its consequence.
        if chosen.contains(where: { $0.slot == .pod && [Cause.nodeFailure, .evicted].contains($0.finding.cause) }) {
            chosen.removeAll { candidate in
                if case .died = candidate.slot { return [Cause.appError, .crashNoLogs].contains(candidate.finding.cause) }
                return false
            }
        }

        // A failing init container holds the whole pod back: say so, with its own cause inside.
        if status.hasPrefix("Init:") {
            chosen = chosen.map { candidate in
                guard candidate.finding.severity == .critical, let name = candidate.finding.container,
                      let container = context.container(named: name), container.kind == .initContainer else { return candidate }
                return wrapInit(candidate, status: status, context: context)
            }
        }

        // Deaths the container has recovered from are told as such (the health model made them warnings).
        chosen = chosen.map { loopWhileRunning(recovered($0, context: context), context: context) }
        // A failed attempt of a Job that completed later is history: nothing in it fails now.
        let completedJob = completedJob(context)
        if let job = completedJob {
            chosen = chosen.map { candidate in
                var candidate = candidate
                guard candidate.finding.severity > .info else { return candidate }
                candidate.finding.severity = .info
                candidate.finding.title += " (an earlier attempt: \(job) succeeded since)"
                return candidate
            }
        }

        // A pod being deleted is going away on purpose: what its containers do no longer fails anything.
        if context.health.isTerminating {
            chosen = chosen.map { candidate in
                guard candidate.finding.cause != .stuckTerminating, candidate.finding.severity > .info else { return candidate }
                var candidate = candidate
                candidate.finding.severity = .info
                return candidate
            }
        }
        // The safety net: a status that shows a failure no rule explained is said, never silence.
        if completedJob == nil, let status = context.health.stateSeverity,
           status > (chosen.map(\.finding.severity).max() ?? .info) {
            chosen.append(unexplained(context, severity: status))
        }

        let findings = chosen.sorted(by: precedes).map(\.finding)
        return PodReport(
            namespace: context.namespace, name: context.name, status: status,
            restarts: PodStatusColumn.restarts(of: evidence.pod), owner: context.topOwner, findings: findings
        )
    }

    /// Diagnoses several pods; pods of one workload that share a root cause also get one workload finding.
    public static func diagnose(_ pods: [PodEvidence]) -> DiagnosisReport {
        report(ParallelMap.map(pods, diagnose), unavailable: pods.flatMap(\.unavailable))
    }

    /// Diagnoses the pods of an object set as of `now`, each pod's evidence assembled, diagnosed and
    /// dropped in turn (on every core): a scan of thousands of pods never holds all their evidence at once.
    public static func diagnose(_ pods: [Pod], in objects: ObjectSet, now: Date) -> DiagnosisReport {
        let index = EvidenceIndex(objects)
        let results = ParallelMap.map(pods) { pod -> (PodReport, [String]) in
            // Healthy pods need nothing but themselves: their full evidence would copy their siblings.
            let health = PodHealth(pod: pod, now: now)
            let evidence = health.needsEvidence
                ? objects.evidence(for: pod, now: now, index: index) : PodEvidence(pod: pod, now: now)
            return (diagnose(evidence, health: health), evidence.unavailable)
        }
        return report(results.map(\.0), unavailable: results.flatMap(\.1))
    }

    /// The report of many pods: sorted, with workload findings, and what could not be read.
    static func report(_ reports: [PodReport], unavailable: [String]) -> DiagnosisReport {
        let reports = reports.sorted { ($0.namespace, $0.name) < ($1.namespace, $1.name) }
        var groups: [String: [PodReport]] = [:]
        var keys: [String] = []
        for report in reports {
            guard let owner = report.owner, let first = report.findings.first, first.severity == .critical else { continue }
            let key = "\(report.namespace)/\(owner.kind)/\(owner.name)/\(first.cause.rawValue)/\(first.container ?? "")"
            if groups[key] == nil { keys.append(key) }
            groups[key, default: []].append(report)
        }
        let workloads = keys.compactMap { key -> WorkloadReport? in
            guard let members = groups[key], members.count > 1, let first = members.first,
                  let owner = first.owner, var finding = first.findings.first else { return nil }
            finding.title = "\(members.count) pods of \(owner.kind.lowercased()) \(owner.name): " + finding.title
            return WorkloadReport(namespace: first.namespace, owner: owner, pods: members.map(\.name), finding: finding)
        }
        let warnings = Array(Set(unavailable)).sorted()
        return DiagnosisReport(pods: reports, workloads: workloads.isEmpty ? nil : workloads, warnings: warnings.isEmpty ? nil : warnings)
    }

    /// Root causes first: critical before warning before info; then what stops the pod earliest
    /// (scheduling, then containers that never start, then deaths); then the more decisive evidence.
    static func precedes(_ left: Candidate, _ right: Candidate) -> Bool {
        if left.finding.severity != right.finding.severity { return left.finding.severity > right.finding.severity }
        let leftStage = stage(left.slot), rightStage = stage(right.slot)
        if leftStage != rightStage { return leftStage < rightStage }
        if left.rank != right.rank { return left.rank > right.rank }
        return false
    }

    private static func stage(_ slot: Candidate.Slot) -> Int {
        switch slot {
        case .pod: return 0
        case .notStarted: return 1
        case .died, .notReady: return 2
        case .context: return 3
        }
    }

    /// A death finding made a warning by the health model: the container has run since.
    private static func recovered(_ candidate: Candidate, context: DiagnosisContext) -> Candidate {
        guard case .died(let name) = candidate.slot, candidate.finding.severity == .warning,
              let container = context.container(named: name), let health = context.health(container),
              let death = container.lastTermination?.finishedAt?.date else { return candidate }
        var candidate = candidate
        let ago = DiagnosisContext.age(context.now.timeIntervalSince(death))
        let running = health.startedAt.map { " and has run for \(DiagnosisContext.age(context.now.timeIntervalSince($0))) since" } ?? ""
        candidate.finding.title += " (last time \(ago) ago; it has run since)"
        candidate.finding.explanation += " The container restarted \(ago) ago\(running): it is not failing now. " +
            "A repeat would make it critical; after an hour without one this becomes history."
        return candidate
    }

    /// A death finding about a container that runs right now, but is still in its crash loop: the
    /// restart history is the evidence that it keeps dying.
    private static func loopWhileRunning(_ candidate: Candidate, context: DiagnosisContext) -> Candidate {
        guard case .died(let name) = candidate.slot, candidate.finding.severity == .critical,
              let container = context.container(named: name), let health = context.health(container),
              health.state == .crashLooping, let started = health.startedAt else { return candidate }
        var candidate = candidate
        let age = DiagnosisContext.age(context.now.timeIntervalSince(started))
        let lived = health.lastLifetime.map { ", after its last instance lived \(DiagnosisContext.age($0))" } ?? ""
        let restarts = candidate.finding.explanation.contains("has restarted") ? "" : ", and it has restarted \(DiagnosisContext.count(container.restartCount, "time"))"
        candidate.finding.explanation += " It runs again right now, but only for \(age)\(lived)\(restarts): the loop goes on."
        candidate.finding.evidence += [
            context.statusEvidence(container, "restartCount", String(container.restartCount)),
            context.statusEvidence(container, "state.running.startedAt", "\(Time(started).description) (\(age) ago)"),
        ]
        return candidate
    }

    /// The Job (or CronJob) of a Failed pod, when it has succeeded since: the Job's `Complete`
    /// condition is true, or its CronJob's last success came after the pod ended.
    private static func completedJob(_ context: DiagnosisContext) -> String? {
        guard context.pod.status?.phase?.rawValue == "Failed" else { return nil }
        let ended = context.containers.compactMap { $0.lastTermination?.finishedAt?.date }.max()
            ?? context.pod.status?.conditions?.compactMap { $0.lastTransitionTime?.date }.max()
        for owner in context.evidence.owners {
            switch owner {
            case .job(let job):
                let complete = job.status?.conditions?.contains { $0.type?.rawValue == "Complete" && $0.status?.rawValue == "True" } ?? false
                if complete { return "job \(job.metadata.name ?? "")" }
            case .cronJob(let cronJob):
                if let success = cronJob.status?.lastSuccessfulTime?.date, let ended, success > ended {
                    return "cronjob \(cronJob.metadata.name ?? "") (a later run)"
                }
            default: break
            }
        }
        return nil
    }

    /// What is known of a failure no rule explains: the container's state as the kubelet reports it.
    private static func unexplained(_ context: DiagnosisContext, severity: Severity) -> Candidate {
        let worst = context.containers.first { context.health($0)?.severity == severity }
        var evidence = [Evidence(source: "status", ref: "kubectl STATUS", text: PodStatusColumn.status(of: context.pod))]
        if let phase = context.pod.status?.phase?.rawValue { evidence.append(Evidence(source: "status", ref: "status.phase", text: phase)) }
        if let reason = context.pod.status?.reason { evidence.append(Evidence(source: "status", ref: "status.reason", text: reason)) }
        if let container = worst {
            if let waiting = container.waiting {
                evidence.append(context.statusEvidence(container, "state.waiting.reason", waiting.reason ?? ""))
                if let message = waiting.message, !message.isEmpty { evidence.append(context.statusEvidence(container, "state.waiting.message", message)) }
            }
            evidence += context.terminationEvidence(container)
            if container.running != nil { evidence.append(context.statusEvidence(container, "ready", String(container.status?.ready ?? false))) }
        }
        let what = worst.map { "container \($0.name)" } ?? "pod \(context.name)"
        return Candidate(finding: Finding(
            cause: .unexplainedState, severity: severity, confidence: .low, container: worst?.name,
            title: "\(what) is \(PodStatusColumn.status(of: context.pod)) and PodDoctor has no rule that explains why",
            explanation: "The status shows a failure (the evidence below is what the kubelet reports), but none of PodDoctor's rules recognises it, so it cannot name a cause or say whether it will pass.",
            evidence: evidence,
            fix: Fix(summary: "Read the pod's events and the container's message as written; the logs of the last instance may say more.",
                     commands: ["kubectl describe pod \(sh(context.name))\(context.ns)"] + (worst.map { [context.logsCommand($0)] } ?? []))
        ), slot: .pod, rank: 1)
    }

    private static func wrapInit(_ candidate: Candidate, status: String, context: DiagnosisContext) -> Candidate {
        let inner = candidate.finding
        let name = inner.container ?? "?"
        var wrapped = candidate
        wrapped.finding = Finding(
            cause: .initContainerFailed, severity: .critical, confidence: inner.confidence, container: name,
            title: "pod \(context.name) is stuck in \(status): init container \(name) fails — \(inner.title)",
            explanation: "The app containers wait until every init container succeeds. Init container \(name) does not: " + inner.explanation,
            evidence: [Evidence(source: "status", ref: "kubectl STATUS", text: status)] + inner.evidence,
            fix: inner.fix,
            detail: Finding.Detail(cause: inner.cause, title: inner.title)
        )
        wrapped.rank = max(candidate.rank, 96)
        return wrapped
    }
}
