import Foundation
import Testing
import KubeModel

@Suite("Forward compatibility")
struct ForwardCompatibilityTests {
    static let futurePod = #"""
        {
          "kind": "Pod", "apiVersion": "v1", "shinyNewTopLevelField": {"a": 1},
          "metadata": {"name": "future", "namespace": "ns", "newMetadataField": true},
          "spec": {
            "hostUsers": false, "resourceClaims": [{"name": "gpu"}],
            "restartPolicy": "SometimesMaybe",
            "containers": [{
              "name": "app", "image": "app:2", "imagePullPolicy": "WhenItFeelsRight",
              "livenessProbe": {"httpGet": {"port": 8080, "path": "/", "newHttpField": "x"},
                                "quantumCheck": {"qubits": 3}, "periodSeconds": 7},
              "ports": [{"containerPort": 53, "protocol": "QUIC"}],
              "resources": {"limits": {"memory": "1Gi", "example.com/fpga": "2"}, "newResourceField": [1]}
            }],
            "initContainers": [{"name": "sidecar", "image": "proxy:1", "restartPolicy": "Always"}],
            "volumes": [
              {"name": "fancy", "futureVolumeType": {"driver": "x", "size": 3, "options": ["a", "b"]}},
              {"name": "data", "csi": {"driver": "csi.example.com", "readOnly": true}},
              {"name": "cm", "configMap": {"name": "c", "futureOption": true}},
              {"name": "proj", "projected": {"sources": [{"clusterTrustBundle": {"name": "b", "path": "ca"}}]}}
            ]
          },
          "status": {
            "phase": "Hibernating",
            "qosClass": "Premium",
            "conditions": [{"type": "QuantumReady", "status": "Maybe"}],
            "containerStatuses": [{"name": "app", "state": {"paused": {"since": "now"}}, "newStatusField": 1}]
          }
        }
        """#

    @Test func unknownFieldsAndValuesDecode() throws {
        let pod = try Fixture.decode(Pod.self, json: Self.futurePod)
        #expect(pod.metadata.name == "future")
        #expect(pod.status?.phase?.rawValue == "Hibernating")
        #expect(pod.status?.phase != .running)
        #expect(pod.status?.qosClass?.rawValue == "Premium")
        #expect(pod.status?.conditions?.first?.type?.rawValue == "QuantumReady")
        #expect(pod.status?.conditions?.first?.status?.rawValue == "Maybe")
        #expect(pod.status?.containerStatuses?.first?.state == ContainerState())  // unknown state kind
        let spec = try #require(pod.spec)
        #expect(spec.restartPolicy?.rawValue == "SometimesMaybe")
        let app = try #require(spec.containers.first)
        #expect(app.imagePullPolicy?.rawValue == "WhenItFeelsRight")
        #expect(app.livenessProbe?.periodSeconds == 7)
        #expect(app.livenessProbe?.httpGet?.port == 8080)
        #expect(app.ports?.first?.protocol?.rawValue == "QUIC")
        #expect(app.resources?.limits?["example.com/fpga"] == "2")
        #expect(spec.sidecarContainers.map(\.name) == ["sidecar"])
    }

    @Test func unknownVolumeTypesAreKeptOpaquely() throws {
        let pod = try Fixture.decode(Pod.self, json: Self.futurePod)
        let volumes = try #require(pod.spec?.volumes)
        let fancy = volumes[0]
        #expect(fancy.name == "fancy")
        #expect(fancy.sourceType == "futureVolumeType")
        #expect(fancy.other["futureVolumeType"] == .object([
            "driver": .string("x"), "size": .number(3), "options": .array([.string("a"), .string("b")]),
        ]))
        #expect(volumes[1].sourceType == "csi")
        #expect(volumes[1].other["csi"]?["driver"] == .string("csi.example.com"))
        #expect(volumes[2].configMap?.name == "c" && volumes[2].other.isEmpty)
        #expect(volumes[3].projected?.sources?.first?.other["clusterTrustBundle"]?["path"] == .string("ca"))

        // Encoding writes them back, so nothing is lost.
        let again = try JSONDecoder().decode(Pod.self, from: Fixture.encode(pod))
        #expect(again == pod)
        let json = try Fixture.decode(JSONValue.self, json: String(decoding: try Fixture.encode(pod), as: UTF8.self))
        #expect(json["spec"]?["volumes"].map { value -> Bool in
            if case .array(let items) = value { return items[0]["futureVolumeType"]?["size"] == .number(3) }
            return false
        } == true)
    }

    @Test func partialObjectsDecode() throws {
        let bare = try Fixture.decode(Pod.self, json: "{}")
        #expect(bare.metadata == ObjectMeta() && bare.spec == nil && bare.status == nil)
        let nullMetadata = try Fixture.decode(Pod.self, json: #"{"metadata":null,"spec":{}}"#)
        #expect(nullMetadata.spec?.containers == [])
        let node = try Fixture.decode(Node.self, json: #"{"status":{"conditions":[{"type":"Ready"}]}}"#)
        #expect(node.status?.condition(.ready)?.status == nil)
    }
}
