import Foundation
import Testing
import KubeModel

@Suite("Round trips")
struct RoundTripTests {
    @Test(arguments: ["06-pod-create-201.json", "08-pod-get.json"])
    func recordedPodRoundTrips(name: String) throws {
        let pod = try Fixture.decode(Pod.self, name)
        let again = try JSONDecoder().decode(Pod.self, from: Fixture.encode(pod))
        #expect(again == pod)
        // Quantities keep their text.
        #expect(again.spec?.containers.first?.resources?.limits?["memory"]?.string == "256Mi")
    }

    @Test func constructedPodRoundTrips() throws {
        let pod = Pod(
            metadata: ObjectMeta(name: "p", namespace: "n", labels: ["app": "a"]),
            spec: PodSpec(
                containers: [
                    Container(
                        name: "app", image: "img:1", imagePullPolicy: .always, command: ["run"],
                        ports: [ContainerPort(name: "http", containerPort: 8080)],
                        env: [EnvVar(name: "A", value: "1"),
                              EnvVar(name: "L", valueFrom: EnvVarSource(resourceFieldRef: ResourceFieldSelector(resource: "limits.memory", divisor: "1Mi")))],
                        resources: ResourceRequirements(limits: ["memory": "1.5Gi", "cpu": "0.5"], requests: ["cpu": "250m"]),
                        livenessProbe: Probe(exec: ExecAction(command: ["true"]), periodSeconds: 5),
                        readinessProbe: Probe(grpc: GRPCAction(port: 9090, service: "health")),
                        lifecycle: Lifecycle(preStop: LifecycleHandler(sleep: SleepAction(seconds: 5))),
                        securityContext: SecurityContext(runAsNonRoot: true, capabilities: Capabilities(drop: ["ALL"])))
                ],
                initContainers: [Container(name: "sidecar", restartPolicy: .always)],
                volumes: [
                    Volume(name: "scratch", emptyDir: EmptyDirVolumeSource(medium: "Memory", sizeLimit: "64Mi")),
                    Volume(name: "host", hostPath: HostPathVolumeSource(path: "/var/log", type: "Directory")),
                    Volume(name: "claim", persistentVolumeClaim: PersistentVolumeClaimVolumeSource(claimName: "data")),
                    Volume(name: "s", secret: SecretVolumeSource(secretName: "s", optional: true)),
                    Volume(name: "nfs", other: ["nfs": .object(["server": .string("fs"), "path": .string("/")])]),
                ],
                imagePullSecrets: [LocalObjectReference(name: "regcred")],
                nodeSelector: ["disk": "ssd"],
                affinity: .object(["nodeAffinity": .object([:])]),
                schedulingGates: [PodSchedulingGate(name: "wait")],
                securityContext: PodSecurityContext(runAsUser: 1000, fsGroup: 2000),
                hostNetwork: false, priorityClassName: "high", activeDeadlineSeconds: 60),
            status: PodStatus(
                phase: .failed, reason: "Evicted", startTime: Time(rfc3339: "2026-01-01T00:00:00Z"),
                containerStatuses: [
                    ContainerStatus(
                        name: "app", ready: false, restartCount: 2,
                        state: ContainerState(terminated: ContainerStateTerminated(exitCode: 137, signal: 9, reason: "OOMKilled")),
                        allocatedResources: ["memory": "1.5Gi"])
                ]))
        let data = try Fixture.encode(pod)
        let again = try JSONDecoder().decode(Pod.self, from: data)
        #expect(again == pod)
        #expect(again.spec?.volumes?.last?.sourceType == "nfs")
        #expect(again.kind == "Pod" && again.apiVersion == "v1")
        // Empty collections under DefaultEmpty are left out, and decode back as empty.
        let empty = String(decoding: try Fixture.encode(PodSpec()), as: UTF8.self)
        #expect(empty == "{}")
        #expect(try JSONDecoder().decode(PodSpec.self, from: Data(empty.utf8)) == PodSpec())
    }

    @Test func otherKindsRoundTrip() throws {
        let node = try Fixture.decode(Node.self, "75-node-get.json")
        #expect(try JSONDecoder().decode(Node.self, from: Fixture.encode(node)) == node)
        let deployment = try Fixture.decode(Deployment.self, "77-deployment-get.json")
        #expect(try JSONDecoder().decode(Deployment.self, from: Fixture.encode(deployment)) == deployment)
        let quota = try Fixture.decode(ResourceQuota.self, "81-resourcequota-get.json")
        #expect(try JSONDecoder().decode(ResourceQuota.self, from: Fixture.encode(quota)) == quota)
        let job = Job(spec: JobSpec(completions: 1, backoffLimit: 0), status: JobStatus(failed: 1, conditions: [Condition(type: .failed, status: .true, reason: "BackoffLimitExceeded")]))
        #expect(try JSONDecoder().decode(Job.self, from: Fixture.encode(job)) == job)
        let cron = CronJob(spec: CronJobSpec(schedule: "*/5 * * * *", suspend: true, jobTemplate: JobTemplateSpec(spec: job.spec)),
                           status: CronJobStatus(active: [ObjectReference(kind: "Job", name: "j")]))
        #expect(try JSONDecoder().decode(CronJob.self, from: Fixture.encode(cron)) == cron)
        let set = StatefulSet(spec: StatefulSetSpec(replicas: 2, serviceName: "db", volumeClaimTemplates: [
            PersistentVolumeClaim(spec: PersistentVolumeClaimSpec(storageClassName: "fast", accessModes: ["ReadWriteOnce"],
                                                                  resources: VolumeResourceRequirements(requests: ["storage": "10Gi"])))
        ]), status: StatefulSetStatus(replicas: 2, currentRevision: "db-1", updateRevision: "db-2"))
        #expect(try JSONDecoder().decode(StatefulSet.self, from: Fixture.encode(set)) == set)
        let daemons = DaemonSet(status: DaemonSetStatus(desiredNumberScheduled: 3, numberReady: 2, numberUnavailable: 1))
        #expect(try JSONDecoder().decode(DaemonSet.self, from: Fixture.encode(daemons)) == daemons)
        let claim = PersistentVolumeClaim(status: PersistentVolumeClaimStatus(phase: .pending))
        #expect(try JSONDecoder().decode(PersistentVolumeClaim.self, from: Fixture.encode(claim)).status?.phase == .pending)
        let configMap = ConfigMap(metadata: ObjectMeta(name: "c"), data: ["a": "1"], binaryData: ["b": "AAE="], immutable: true)
        #expect(try JSONDecoder().decode(ConfigMap.self, from: Fixture.encode(configMap)) == configMap)
        #expect(configMap.keys == ["a", "b"])
    }
}
