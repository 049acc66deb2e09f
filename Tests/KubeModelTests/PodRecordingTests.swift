import Foundation
import Testing
import KubeModel

@Suite("Pod recordings (06-09)")
struct PodRecordingTests {
    let pod: Pod

    init() throws {
        pod = try Fixture.decode(Pod.self, "08-pod-get.json")
    }

    @Test func metadata() throws {
        #expect(pod.kind == "Pod" && pod.apiVersion == "v1")
        #expect(pod.metadata.name == "web-7d4b9c8f6d-x7k2p")
        #expect(pod.metadata.namespace == "rec")
        #expect(pod.metadata.labels?["pod-template-hash"] == "7d4b9c8f6d")
        #expect(pod.metadata.controller?.kind == "ReplicaSet")
        #expect(pod.metadata.controller?.name == "web-7d4b9c8f6d")
    }

    @Test func crashLoopBackOffStatus() throws {
        let status = try #require(pod.status)
        #expect(status.phase == .running)
        #expect(status.qosClass == .burstable)
        #expect(status.podIP == "10.244.1.12" && status.hostIP == "127.0.0.1")
        #expect(status.podIPs == [PodIP(ip: "10.244.1.12")])
        #expect(status.startTime?.date == Fixture.time("2026-11-25T13:32:53Z"))
        let app = try #require(status.containerStatus(named: "app"))
        #expect(app.state?.waiting?.reason == "CrashLoopBackOff")
        #expect(app.state?.waiting?.message?.hasPrefix("back-off 40s restarting failed container=app") == true)
        #expect(app.restartCount == 3)
        #expect(app.ready == false && app.started == false)
        let last = try #require(app.lastState?.terminated)
        #expect(last.exitCode == 1)
        #expect(last.reason == "Error")
        #expect(last.startedAt?.date == Fixture.time("2026-11-25T13:34:26Z"))
        #expect(last.finishedAt?.date == Fixture.time("2026-11-25T13:34:43Z"))
        #expect(last.containerID?.hasPrefix("containerd://7f9fcae1") == true)
        #expect(app.imageID?.hasPrefix("ghcr.io/example/web-app@sha256:") == true)
        #expect(app.volumeMounts?.count == 2)
        #expect(app.volumeMounts?.first?.recursiveReadOnly == "Disabled")
        let proxy = try #require(status.containerStatus(named: "proxy"))
        #expect(proxy.state?.running?.startedAt?.date == Fixture.time("2026-11-25T13:33:01Z"))
        #expect(proxy.lastState == ContainerState())
        #expect(proxy.ready == true && proxy.restartCount == 0)
    }

    @Test func initContainerCompleted() throws {
        let status = try #require(pod.status?.initContainerStatuses?.first)
        #expect(status.name == "init-migrate")
        #expect(status.state?.terminated?.reason == "Completed")
        #expect(status.state?.terminated?.exitCode == 0)
        #expect(status.ready == true)
        #expect(pod.status?.containerStatus(named: "init-migrate") == status)
        let spec = try #require(pod.spec?.initContainers?.first)
        #expect(spec.command == ["/app/migrate", "--wait-for-db", "--timeout=60s"])
        #expect(spec.env?.first?.valueFrom?.configMapKeyRef == ConfigMapKeySelector(name: "app-config", key: "DB_HOST"))
        #expect(spec.resources?.limits?["memory"] == "128Mi")
        #expect(spec.resources?.requests == ["cpu": "50m", "memory": "64Mi"])
        #expect(pod.spec?.sidecarContainers.isEmpty == true)
    }

    @Test func conditions() throws {
        let ready = try #require(pod.status?.condition(.ready))
        #expect(ready.status == .false)
        #expect(ready.reason == "ContainersNotReady")
        #expect(ready.message == "containers with unready status: [app]")
        #expect(ready.lastProbeTime == nil)
        #expect(ready.lastTransitionTime?.date == Fixture.time("2026-11-25T13:34:43Z"))
        #expect(pod.status?.condition(.podScheduled)?.isTrue == true)
        #expect(pod.status?.conditions?.count == 5)
    }

    @Test func probesWithIntOrStringPorts() throws {
        let app = try #require(pod.spec?.container(named: "app"))
        let liveness = try #require(app.livenessProbe)
        #expect(liveness.httpGet?.port == .string("http"))
        #expect(liveness.httpGet?.path == "/healthz")
        #expect(liveness.httpGet?.scheme == "HTTP")
        #expect(liveness.initialDelaySeconds == 10 && liveness.periodSeconds == 10 && liveness.failureThreshold == 3)
        #expect(app.portNumber(liveness.httpGet!.port!) == 8080)
        #expect(app.readinessProbe?.httpGet?.port == .int(8080))
        #expect(app.readinessProbe?.httpGet?.path == "/ready")
        #expect(app.startupProbe?.failureThreshold == 30)
        #expect(app.startupProbe?.periodSeconds == 5)
        let proxy = try #require(pod.spec?.container(named: "proxy"))
        #expect(proxy.readinessProbe?.tcpSocket?.port == 8081)
        #expect(proxy.livenessProbe == nil)
        #expect(app.portNumber("nope") == nil)
    }

    @Test func environment() throws {
        let app = try #require(pod.spec?.container(named: "app"))
        let env = try #require(app.env)
        #expect(env.map(\.name) == ["LOG_LEVEL", "DB_PASSWORD", "POD_NAME"])
        #expect(env[0].valueFrom?.configMapKeyRef?.name == "app-config")
        #expect(env[0].valueFrom?.configMapKeyRef?.key == "LOG_LEVEL")
        #expect(env[1].valueFrom?.secretKeyRef == SecretKeySelector(name: "app-secret", key: "DB_PASSWORD"))
        #expect(env[2].valueFrom?.fieldRef == ObjectFieldSelector(fieldPath: "metadata.name", apiVersion: "v1"))
        #expect(env.allSatisfy { $0.value == nil })
        let envFrom = try #require(app.envFrom)
        #expect(envFrom[0].configMapRef?.name == "app-config" && envFrom[0].prefix == nil)
        #expect(envFrom[1].prefix == "SECRET_")
        #expect(envFrom[1].secretRef == SecretEnvSource(name: "app-secret", optional: true))
    }

    @Test func resourcesAreQuantities() throws {
        let app = try #require(pod.spec?.container(named: "app")?.resources)
        #expect(app.cpuLimit == "500m" && app.memoryLimit == "256Mi")
        #expect(app.cpuRequest == "100m" && app.memoryRequest == "128Mi")
        #expect(app.memoryLimit?.bytes == 268_435_456)
        #expect(app.cpuLimit?.milliValue == 500)
        #expect(app.memoryRequest! < app.memoryLimit!)
        let proxy = try #require(pod.spec?.container(named: "proxy")?.resources)
        #expect(proxy.limits == ["cpu": "200m", "memory": "64Mi"])
    }

    @Test func volumes() throws {
        let spec = try #require(pod.spec)
        let config = try #require(spec.volume(named: "config"))
        #expect(config.sourceType == "configMap")
        #expect(config.configMap?.name == "app-config")
        #expect(config.configMap?.items == [KeyToPath(key: "config.yaml", path: "config.yaml")])
        #expect(config.configMap?.defaultMode == 420)
        #expect(config.other.isEmpty)
        let token = try #require(spec.volume(named: "kube-api-access-xdfr6"))
        #expect(token.sourceType == "projected")
        let sources = try #require(token.projected?.sources)
        #expect(sources.count == 3)
        #expect(sources[0].serviceAccountToken == ServiceAccountTokenProjection(expirationSeconds: 3607, path: "token"))
        #expect(sources[1].configMap?.name == "kube-root-ca.crt")
        #expect(sources[1].configMap?.items?.first?.key == "ca.crt")
        #expect(sources[2].downwardAPI?.items?.first?.fieldRef?.fieldPath == "metadata.namespace")
        #expect(sources[2].downwardAPI?.items?.first?.path == "namespace")
        #expect(sources.allSatisfy { $0.other.isEmpty })
        #expect(token.projected?.defaultMode == 420)
        let mounts = try #require(spec.container(named: "app")?.volumeMounts)
        #expect(mounts.first == VolumeMount(name: "config", mountPath: "/etc/app", readOnly: true))
    }

    @Test func podSpecFields() throws {
        let spec = try #require(pod.spec)
        #expect(spec.containers.map(\.name) == ["app", "proxy"])
        #expect(spec.restartPolicy == .always)
        #expect(spec.dnsPolicy == .clusterFirst)
        #expect(spec.terminationGracePeriodSeconds == 30)
        #expect(spec.serviceAccountName == "default")
        #expect(spec.nodeName == "fake-node-1")
        #expect(spec.schedulerName == "default-scheduler")
        #expect(spec.securityContext == PodSecurityContext())
        #expect(spec.tolerations?.count == 2)
        let notReady = try #require(spec.tolerations?.first)
        #expect(notReady == Toleration(key: "node.kubernetes.io/not-ready", operator: .exists, effect: .noExecute, tolerationSeconds: 300))
        let app = try #require(spec.container(named: "app"))
        #expect(app.image == "ghcr.io/example/web-app:1.4.2")
        #expect(app.imagePullPolicy == .ifNotPresent)
        #expect(app.args == ["--config=/etc/app/config.yaml"])
        #expect(app.ports == [ContainerPort(name: "http", containerPort: 8080, protocol: .tcp)])
        #expect(app.terminationMessagePolicy == .file)
        #expect(app.terminationMessagePath == "/dev/termination-log")
    }

    @Test func createAndPatchResponsesDecode() throws {
        let created = try Fixture.decode(Pod.self, "06-pod-create-201.json")
        #expect(created.status == PodStatus(phase: .pending, qosClass: .burstable))
        #expect(created.metadata.name == pod.metadata.name)
        #expect(created.spec?.volumes?.count == 2)
        #expect(created.spec?.tolerations?.count == 2)
        let patched = try Fixture.decode(Pod.self, "07-pod-status-merge-patch.json")
        #expect(patched == pod)
        // The pretty-printed body (curl user agent) is the same object.
        let pretty = try Fixture.decode(Pod.self, "09-pod-get-pretty-curl-user-agent.json")
        #expect(pretty == pod)
    }
}
