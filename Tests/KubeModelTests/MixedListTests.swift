import Foundation
import Testing
import KubeModel

@Suite("A v1 List of mixed kinds (apiserver-basic/objects.json)")
struct MixedListTests {
    @Test func everyItemDecodesIntoItsModel() throws {
        let list = try JSONDecoder().decode(ObjectList<AnyKubernetesObject>.self, from: Fixture.data("apiserver-basic/objects.json"))
        #expect(list.kind == "List")
        #expect(list.items.count == 25)
        var counts: [String: Int] = [:]
        for item in list.items { counts[item.kind ?? "?", default: 0] += 1 }
        #expect(counts == [
            "Pod": 5, "ConfigMap": 3, "Event": 4, "Namespace": 2, "ServiceAccount": 2, "Node": 1, "Deployment": 1,
            "ReplicaSet": 1, "Secret": 1, "Service": 1, "Endpoints": 1, "EndpointSlice": 1, "ResourceQuota": 1,
            "LimitRange": 1,
        ])
        #expect(!list.items.contains { if case .unknown = $0 { true } else { false } })
        #expect(list.items.allSatisfy { $0.metadata?.name?.isEmpty == false })

        let pods = list.items.compactMap { if case .pod(let pod) = $0 { pod } else { nil } }
        let crashing = try #require(pods.first { $0.metadata.name == "web-7d4b9c8f6d-x7k2p" })
        #expect(crashing.status?.containerStatus(named: "app")?.restartCount == 3)
        let events = list.items.compactMap { if case .event(let event) = $0 { event } else { nil } }
        #expect(events.filter { $0.apiVersion == "events.k8s.io/v1" }.count == 1)
        #expect(events.allSatisfy { $0.involvedObject.name == "web-7d4b9c8f6d-x7k2p" })
        let configMaps = list.items.compactMap { if case .configMap(let map) = $0 { map } else { nil } }
        let appConfig = try #require(configMaps.first { $0.metadata.name == "app-config" })
        #expect(appConfig.hasKey("LOG_LEVEL") && !appConfig.hasKey("MISSING"))
        #expect(appConfig.keys == ["DB_HOST", "HTTP_PORT", "LOG_LEVEL", "config.yaml"])
        let secrets = list.items.compactMap { if case .secret(let secret) = $0 { secret } else { nil } }
        #expect(secrets.first?.type == .opaque)
    }

    @Test func unknownKindsAreKept() throws {
        let json = #"""
            {"kind":"List","apiVersion":"v1","items":[
              {"kind":"Widget","apiVersion":"example.com/v1","metadata":{"name":"w"},"spec":{"size":3}},
              {"kind":"Pod","apiVersion":"example.com/v1","metadata":{"name":"not-a-core-pod"}},
              {"kind":"Pod","metadata":{"name":"no-api-version"}}
            ]}
            """#
        let list = try Fixture.decode(ObjectList<AnyKubernetesObject>.self, json: json)
        guard case .unknown(let kind, let apiVersion, let body) = list.items[0] else {
            Issue.record("Widget should be unknown")
            return
        }
        #expect(kind == "Widget" && apiVersion == "example.com/v1")
        #expect(body["spec"]?["size"] == .number(3))
        #expect(list.items[0].metadata == nil && list.items[0].object == nil)
        if case .unknown = list.items[1] {} else { Issue.record("a Pod of another group is not a core Pod") }
        #expect(list.items[2].metadata?.name == "no-api-version")
        // Encoding writes the wrapped objects back.
        let again = try JSONDecoder().decode(ObjectList<AnyKubernetesObject>.self, from: Fixture.encode(list))
        #expect(again == list)
    }
}
