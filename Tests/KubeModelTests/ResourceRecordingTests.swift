import Foundation
import Testing
import KubeModel

@Suite("Other kinds and Status bodies (75-85, errors)")
struct ResourceRecordingTests {
    @Test func node() throws {
        let node = try Fixture.decode(Node.self, "75-node-get.json")
        #expect(node.metadata.name == "fake-node-1")
        #expect(node.spec?.taints == [Taint(key: "node.kubernetes.io/not-ready", effect: .noSchedule)])
        let status = try #require(node.status)
        #expect(status.condition(.ready)?.status == .true)
        #expect(status.condition(.ready)?.reason == "KubeletReady")
        #expect(status.condition(.ready)?.lastHeartbeatTime?.date == Fixture.time("2026-11-25T13:27:51Z"))
        #expect(status.addresses?.first == NodeAddress(type: "InternalIP", address: "127.0.0.1"))
        #expect(status.allocatable?["cpu"] == "2" && status.allocatable?["memory"] == "8Gi")
        #expect(status.capacity?["pods"]?.value == 110)
        #expect(status.nodeInfo?.kubeletVersion == "v1.32.0")
        #expect(status.nodeInfo?.architecture == "amd64" && status.nodeInfo?.operatingSystem == "linux")
        #expect(status.nodeInfo?.containerRuntimeVersion == "containerd://1.7.0")
        #expect(status.nodeInfo?.osImage == "Debian GNU/Linux 12 (bookworm)" && status.nodeInfo?.kernelVersion == "6.1.0")
        // The pending pod of apiserver-basic does not tolerate this taint (its PodScheduled condition says so).
        let objects = try JSONDecoder().decode(ObjectList<AnyKubernetesObject>.self, from: Fixture.data("apiserver-basic/objects.json"))
        let pending = try #require(objects.items.lazy.compactMap { if case .pod(let pod) = $0 { pod } else { nil } }
            .first { $0.metadata.name == "cache-warmup" })
        #expect(pending.status?.phase == .pending && pending.spec?.nodeName == nil)
        let scheduled = try #require(pending.status?.condition(.podScheduled))
        #expect(scheduled.status == .false && scheduled.reason == "Unschedulable")
        #expect(scheduled.message?.contains("untolerated taint {node.kubernetes.io/not-ready: }") == true)
        let taint = try #require(node.spec?.taints?.first)
        #expect(!(pending.spec?.tolerations ?? []).contains { $0.tolerates(taint) })
        #expect(Toleration(key: taint.key, operator: .exists).tolerates(taint))
    }

    @Test func replicaSet() throws {
        let set = try Fixture.decode(ReplicaSet.self, "76-replicaset-get.json")
        #expect(set.metadata.controller?.kind == "Deployment")
        #expect(set.metadata.annotations?["deployment.kubernetes.io/revision"] == "1")
        #expect(set.spec?.replicas == 3)
        #expect(set.spec?.selector?.matchLabels?["pod-template-hash"] == "7d4b9c8f6d")
        #expect(set.spec?.template?.spec?.containers.count == 2)
        #expect(set.spec?.template?.metadata?.creationTimestamp == nil)
        #expect(set.status?.readyReplicas == 2 && set.status?.availableReplicas == 2 && set.status?.replicas == 3)
        #expect(set.status?.fullyLabeledReplicas == 3 && set.status?.observedGeneration == 1)
        let pod = try Fixture.decode(Pod.self, "08-pod-get.json")
        #expect(set.spec?.selector?.matches(pod.metadata.labels ?? [:]) == true)
    }

    @Test func deployment() throws {
        let deployment = try Fixture.decode(Deployment.self, "77-deployment-get.json")
        let spec = try #require(deployment.spec)
        #expect(spec.replicas == 3 && spec.revisionHistoryLimit == 10 && spec.progressDeadlineSeconds == 600)
        #expect(spec.strategy?.type == "RollingUpdate")
        #expect(spec.strategy?.rollingUpdate == RollingUpdateParameters(maxUnavailable: "25%", maxSurge: "25%"))
        let status = try #require(deployment.status)
        #expect(status.unavailableReplicas == 1 && status.updatedReplicas == 3 && status.readyReplicas == 2)
        let available = try #require(status.conditions?.condition(.available))
        #expect(available.status == .false && available.reason == "MinimumReplicasUnavailable")
        #expect(available.lastUpdateTime?.date == Fixture.time("2026-11-25T13:34:43Z"))
        #expect(status.conditions?.condition(.progressing)?.reason == "NewReplicaSetAvailable")
    }

    @Test func serviceAndEndpoints() throws {
        let service = try Fixture.decode(Service.self, "78-service-get.json")
        let spec = try #require(service.spec)
        #expect(spec.type == .clusterIP && spec.clusterIP == "10.98.50.40" && spec.clusterIPs == ["10.98.50.40"])
        #expect(spec.ports == [ServicePort(name: "http", protocol: .tcp, port: 80, targetPort: "http")])
        #expect(spec.selector == ["app": "web", "tier": "frontend"])
        #expect(service.status?.loadBalancer == LoadBalancerStatus())

        let endpoints = try Fixture.decode(Endpoints.self, "79-endpoints-get.json")
        let subset = try #require(endpoints.subsets?.first)
        #expect(subset.addresses?.map(\.ip) == ["10.244.1.13", "10.244.1.14"])
        #expect(subset.notReadyAddresses?.first?.targetRef?.name == "web-7d4b9c8f6d-x7k2p")
        #expect(subset.notReadyAddresses?.first?.nodeName == "fake-node-1")
        #expect(subset.ports == [EndpointPort(name: "http", port: 8080, protocol: .tcp)])

        let slices = try Fixture.decode(ObjectList<EndpointSlice>.self, "80-endpointslices-list-by-service-name.json")
        let slice = try #require(slices.items.first)
        #expect(slices.kind == "EndpointSliceList" && slices.items.count == 1)
        #expect(slice.serviceName == "web" && slice.addressType == "IPv4")
        #expect(slice.endpoints?.count == 3)
        let notReady = try #require(slice.endpoints?.first { $0.conditions?.ready == false })
        #expect(notReady.targetRef?.name == "web-7d4b9c8f6d-x7k2p")
        #expect(notReady.conditions == EndpointConditions(ready: false, serving: false, terminating: false))
        #expect(slice.ports == [EndpointPort(name: "http", port: 8080, protocol: .tcp)])
        #expect(slice.metadata.controller?.kind == "Service")
    }

    @Test func quotaAndLimits() throws {
        let quota = try Fixture.decode(ResourceQuota.self, "81-resourcequota-get.json")
        #expect(quota.spec?.hard?["limits.memory"] == "16Gi")
        #expect(quota.status?.used?["limits.cpu"] == "2100m")
        #expect(quota.status?.used?["requests.memory"] == "512Mi")
        #expect(quota.status?.remaining("requests.cpu") == "3620m")
        #expect(quota.status?.remaining("limits.memory")?.string == "15424Mi")
        #expect(quota.status?.remaining("nope") == nil)

        let range = try Fixture.decode(LimitRange.self, "82-limitrange-get.json")
        let limits = try #require(range.spec?.limits)
        #expect(limits.count == 2)
        #expect(limits[0].type == .container)
        #expect(limits[0].max == ["cpu": "2", "memory": "2Gi"])
        #expect(limits[0].min?["memory"] == "16Mi")
        #expect(limits[0].default?["cpu"] == "500m")
        #expect(limits[0].defaultRequest?["memory"] == "128Mi")
        #expect(limits[1].type == .pod && limits[1].max?["memory"] == "4Gi")
        #expect(limits[1].default == nil && limits[1].maxLimitRequestRatio == nil)
    }

    @Test func serviceAccountAndNamespace() throws {
        let account = try Fixture.decode(ServiceAccount.self, "83-serviceaccount-get.json")
        #expect(account.metadata.name == "default" && account.metadata.namespace == "rec")
        #expect(account.secrets == nil && account.imagePullSecrets == nil && account.automountServiceAccountToken == nil)
        let namespace = try Fixture.decode(Namespace.self, "85-namespace-get.json")
        #expect(namespace.status?.phase == .active)
        #expect(namespace.spec?.finalizers == ["kubernetes"])
        #expect(namespace.metadata.labels?["kubernetes.io/metadata.name"] == "rec")
    }

    @Test func statusBodies() throws {
        let notFound = try Fixture.decode(Status.self, "84-error-404-configmap-does-not-exist.json")
        #expect(notFound.code == 404 && notFound.reason == "NotFound")
        #expect(notFound.details?.kind == "configmaps" && notFound.details?.name == "does-not-exist")
        let pod404 = try Fixture.decode(Status.self, "22-error-404-pod-not-found.json")
        #expect(pod404.details?.kind == "pods" && pod404.status == "Failure")
        let expired = try Fixture.decode(Status.self, "14-error-410-expired-continue-token.json")
        #expect(expired.code == 410 && expired.reason == "Expired")
        let invalid = try Fixture.decode(Status.self, "32-error-422-invalid-pod-name.json")
        #expect(invalid.details?.causes?.first?.field == "metadata.name")
        #expect(invalid.details?.kind == "Pod")
        let tooLarge = try Fixture.decode(Status.self, "44-error-504-too-large-resourceversion-retry-after.json")
        #expect(tooLarge.details?.retryAfterSeconds == 1 && tooLarge.code == 504)
        let timeout = try Fixture.decode(Status.self, "40-error-504-timeout-text-plain.json")
        #expect(timeout.kind == nil && timeout.apiVersion == nil && timeout.reason == "Timeout")
    }
}
