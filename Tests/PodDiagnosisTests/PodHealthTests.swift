import Foundation
import KubeModel
import PodDiagnosis
import Testing

/// The health model, case by case, as `causes.md` tells it ("Severity, and the moment a diagnosis
/// speaks of"): `critical` for what fails now, `warning` for what failed recently or is at risk,
/// nothing for normal life.
@Suite("Pod health over time")
struct PodHealthTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    /// `now - seconds` as RFC 3339.
    static func ago(_ seconds: TimeInterval) -> String { Time(now.addingTimeInterval(-seconds)).description }

    /// A pod with one container `app` whose status is `status`, and optional spec fields.
    static func pod(_ status: [String: Any], phase: String = "Running", container: [String: Any] = [:],
                    created: TimeInterval = 86_400, metadata: [String: Any] = [:], restartPolicy: String = "Always") throws -> Pod {
        var spec: [String: Any] = ["name": "app", "image": "registry.example/app:1.0"]
        spec.merge(container) { $1 }
        var meta: [String: Any] = ["name": "web-1", "namespace": "shop", "creationTimestamp": ago(created)]
        meta.merge(metadata) { $1 }
        var containerStatus: [String: Any] = ["name": "app"]
        containerStatus.merge(status) { $1 }
        let object: [String: Any] = [
            "apiVersion": "v1", "kind": "Pod", "metadata": meta,
            "spec": ["restartPolicy": restartPolicy, "containers": [spec]],
            "status": ["phase": phase, "containerStatuses": [containerStatus]],
        ]
        return try JSONDecoder().decode(Pod.self, from: JSONSerialization.data(withJSONObject: object))
    }

    static func terminated(_ reason: String, code: Int, lived: TimeInterval, endedAgo: TimeInterval) -> [String: Any] {
        ["terminated": ["reason": reason, "exitCode": code, "startedAt": ago(endedAgo + lived), "finishedAt": ago(endedAgo)]]
    }

    static func severity(_ pod: Pod, after offset: TimeInterval = 0) -> Severity? {
        PodHealth(pod: pod, now: now.addingTimeInterval(offset)).severity
    }

    @Test func crashLoopWaitingInBackOffIsCritical() throws {
        let pod = try Self.pod(["state": ["waiting": ["reason": "CrashLoopBackOff"]], "restartCount": 5,
                                "lastState": Self.terminated("Error", code: 1, lived: 3, endedAgo: 30)])
        #expect(Self.severity(pod) == .critical)
        #expect(Self.severity(pod, after: 3 * 86_400) == .critical, "a frozen crash loop stays one")
    }

    @Test func runningAgainAfterShortLivedInstancesIsStillTheLoop() throws {
        // A dozen OOM kills, the last instance lived 2 minutes, the current one started 20 s ago.
        let pod = try Self.pod(["state": ["running": ["startedAt": Self.ago(20)]], "ready": true, "restartCount": 12,
                                "lastState": Self.terminated("OOMKilled", code: 137, lived: 120, endedAgo: 25)])
        let health = PodHealth(pod: pod, now: Self.now)
        #expect(health.container(named: "app")?.state == .crashLooping)
        #expect(health.container(named: "app")?.deathSeverity == .critical)
        // 3 × 2 minutes later it has outlived the loop: recovered, a warning while the death is under an hour old.
        #expect(Self.severity(pod, after: 400) == .warning)
        #expect(Self.severity(pod, after: 7200) == nil)
        #expect(health.nextChange == Self.now.addingTimeInterval(360 - 20))
    }

    @Test func oneRestartRecoveredFromIsAWarningThenHistory() throws {
        let pod = try Self.pod(["state": ["running": ["startedAt": Self.ago(2690)]], "ready": true, "restartCount": 1,
                                "lastState": Self.terminated("OOMKilled", code: 137, lived: 4000, endedAgo: 2700)])
        #expect(Self.severity(pod) == .warning)
        #expect(PodHealth(pod: pod, now: Self.now).container(named: "app")?.deathSeverity == .warning)
        #expect(Self.severity(pod, after: 7200) == nil)
        let hoursAgo = try Self.pod(["state": ["running": ["startedAt": Self.ago(10_790)]], "ready": true, "restartCount": 4,
                                     "lastState": Self.terminated("Error", code: 1, lived: 60, endedAgo: 10_800)])
        #expect(Self.severity(hoursAgo) == nil)
        #expect(!PodHealth(pod: hoursAgo, now: Self.now).needsEvidence)
    }

    @Test func readinessIsJudgedAgainstItsOwnBudget() throws {
        // startupProbe 0 + 30 × 10 = 300 s, then readiness 10 + 3 × 5 = 25 s: 325 s in all.
        let probes: [String: Any] = [
            "startupProbe": ["httpGet": ["path": "/started", "port": 8080], "failureThreshold": 30, "periodSeconds": 10],
            "readinessProbe": ["httpGet": ["path": "/ready", "port": 8080], "initialDelaySeconds": 10, "periodSeconds": 5],
        ]
        let starting = try Self.pod(["state": ["running": ["startedAt": Self.ago(25)]], "ready": false, "restartCount": 0], container: probes)
        let health = PodHealth(pod: starting, now: Self.now)
        #expect(health.container(named: "app")?.state == .starting(until: Self.now.addingTimeInterval(300)))
        #expect(Self.severity(starting) == nil, "a JVM a few seconds into its budget is normal life")
        #expect(health.needsEvidence)
        if case .slowStarting? = PodHealth(pod: starting, now: Self.now.addingTimeInterval(200)).container(named: "app")?.state {} else {
            Issue.record("past half its budget it is a slow start")
        }
        #expect(Self.severity(starting, after: 301) == .critical, "not ready past its budget")
        let months = try Self.pod(["state": ["running": ["startedAt": Self.ago(95 * 86_400)]], "ready": false, "restartCount": 0], container: probes)
        #expect(Self.severity(months) == .critical, "not ready for months is never healthy")
    }

    @Test func notReadyWithoutAnyProbeIsAWarning() throws {
        let pod = try Self.pod(["state": ["running": ["startedAt": Self.ago(600)]], "ready": false, "restartCount": 0])
        #expect(PodHealth(pod: pod, now: Self.now).container(named: "app")?.state == .notReadyUnexplained)
        #expect(Self.severity(pod) == .warning)
    }

    @Test func podOutcomes() throws {
        let failed = try Self.pod(["state": Self.terminated("Error", code: 2, lived: 30, endedAgo: 600), "restartCount": 0],
                                  phase: "Failed", restartPolicy: "Never")
        #expect(Self.severity(failed) == .critical)
        #expect(Self.severity(failed, after: 3 * 86_400) == .critical)
        let done = try Self.pod(["state": Self.terminated("Completed", code: 0, lived: 30, endedAgo: 600), "restartCount": 0],
                                phase: "Succeeded", restartPolicy: "Never")
        #expect(Self.severity(done) == nil)
        #expect(!PodHealth(pod: done, now: Self.now).needsEvidence)
    }

    @Test func pendingAndTerminatingHaveTheirWindows() throws {
        let young = try Self.pod(["state": ["waiting": ["reason": "ContainerCreating"]]], phase: "Pending", created: 40)
        #expect(Self.severity(young) == nil)
        #expect(Self.severity(young, after: 600) == .warning)
        let deleting = try Self.pod(["state": ["running": ["startedAt": Self.ago(3600)]], "ready": true, "restartCount": 0],
                                    metadata: ["deletionTimestamp": Time(Self.now.addingTimeInterval(20)).description])
        #expect(Self.severity(deleting) == nil)
        #expect(!PodHealth(pod: deleting, now: Self.now).needsEvidence)
        #expect(Self.severity(deleting, after: 300) == .warning)
    }

    @Test func unknownWaitingReasonIsNeverHealthy() throws {
        let pod = try Self.pod(["state": ["waiting": ["reason": "SomeFutureReason", "message": "a newer kubelet"]]], phase: "Pending", created: 30)
        #expect(PodHealth(pod: pod, now: Self.now).container(named: "app")?.state == .unknownWaiting(reason: "SomeFutureReason"))
        #expect(Self.severity(pod) == .warning)
    }

    /// The whole engine on absurd numbers from a file: probes, restart counts and grace periods at the
    /// limits of Int, in every probe-related rule (kill inferred without events, timeouts, start-up advice).
    @Test(arguments: [Int.max, Int.min, 0, -1])
    func absurdNumbersThroughTheEngine(_ value: Int) throws {
        let probe: [String: Any] = ["httpGet": ["path": "/healthz", "port": 8080], "initialDelaySeconds": value,
                                    "failureThreshold": value, "periodSeconds": value, "timeoutSeconds": value]
        let spec: [String: Any] = ["livenessProbe": probe, "readinessProbe": probe, "startupProbe": probe]
        for status in [
            ["state": ["waiting": ["reason": "CrashLoopBackOff", "message": "back-off 5m0s restarting failed container"]], "restartCount": value,
             "lastState": Self.terminated("Error", code: 137, lived: 40, endedAgo: 30)],
            ["state": ["running": ["startedAt": Self.ago(20)]], "ready": false, "restartCount": value,
             "lastState": Self.terminated("Error", code: 143, lived: 40, endedAgo: 25)],
        ] as [[String: Any]] {
            let pod = try Self.pod(status, container: spec)
            let events = try ["Liveness probe failed: context deadline exceeded", "Startup probe failed: timeout"].enumerated().map { index, message in
                try JSONDecoder().decode(Event.self, from: JSONSerialization.data(withJSONObject: [
                    "apiVersion": "v1", "kind": "Event", "metadata": ["name": "web-1.\(index)", "namespace": "shop"],
                    "involvedObject": ["kind": "Pod", "name": "web-1", "namespace": "shop", "fieldPath": "spec.containers{app}"],
                    "reason": "Unhealthy", "type": "Warning", "message": message, "count": value,
                    "lastTimestamp": Self.ago(5),
                ]))
            }
            let report = DiagnosisEngine.diagnose(PodEvidence(pod: pod, events: events, now: Self.now))
            #expect(report.verdict != nil, "a crash-looping or not-ready container is never healthy")
        }
    }

    @Test func absurdProbeNumbersDoNotTrap() throws {
        let probe: [String: Any] = ["readinessProbe": ["exec": ["command": ["true"]], "initialDelaySeconds": Int.max,
                                                       "failureThreshold": Int.max, "periodSeconds": Int.max]]
        let pod = try Self.pod(["state": ["running": ["startedAt": Self.ago(60)]], "ready": false, "restartCount": Int.max], container: probe)
        _ = PodHealth(pod: pod, now: Self.now).severity
        #expect(PodHealth.probeBudget(try #require(pod.spec?.containers.first?.readinessProbe)) <= 86_400 + 10_000 * 86_400)
    }
}
