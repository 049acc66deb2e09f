import Foundation
import Testing
import KubeModel

@Suite("IntOrString, JSONValue, enums, selectors")
struct CoreValueTests {
    @Test func intOrStringRoundTrips() throws {
        let values = try Fixture.decode([IntOrString].self, json: #"[8080,"http","25%"]"#)
        #expect(values == [.int(8080), .string("http"), .string("25%")])
        #expect(values[0].intValue == 8080 && values[1].stringValue == "http")
        #expect(String(decoding: try JSONEncoder().encode(values), as: UTF8.self) == #"[8080,"http","25%"]"#)
        let port: IntOrString = 80
        let name: IntOrString = "web"
        #expect(port.description == "80" && name.description == "web")
        #expect(throws: DecodingError.self) { try Fixture.decode(IntOrString.self, json: "true") }
        // Keyed (fast path) decoding, including null.
        let action = try Fixture.decode(HTTPGetAction.self, json: #"{"port":"http","path":"/"}"#)
        #expect(action.port == "http")
        let socket = try Fixture.decode(TCPSocketAction.self, json: #"{"port":null}"#)
        #expect(socket.port == nil)
    }

    @Test func jsonValueKeepsAnyJSON() throws {
        let text = #"{"a":[1,2.5,"x",true,null,{"b":{}}],"c":-3}"#
        let value = try Fixture.decode(JSONValue.self, json: text)
        #expect(value["c"] == .number(-3))
        guard case .array(let items) = value["a"] else {
            Issue.record("not an array")
            return
        }
        #expect(items == [.number(1), .number(2.5), .string("x"), .bool(true), .null, .object(["b": .object([:])])])
        #expect(String(decoding: try Fixture.encode(value), as: UTF8.self) == #"{"a":[1,2.5,"x",true,null,{"b":{}}],"c":-3}"#)
        #expect(value["a"]?.stringValue == nil && items[2].stringValue == "x" && items[3].boolValue == true)
    }

    @Test func enumsKeepUnknownValues() throws {
        let phases = try Fixture.decode([PodPhase].self, json: #"["Running","Hibernating"]"#)
        #expect(phases[0] == .running)
        #expect(phases[1].rawValue == "Hibernating")
        #expect(phases[1] != .pending)
        #expect(String(decoding: try JSONEncoder().encode(phases), as: UTF8.self) == #"["Running","Hibernating"]"#)
        let effect: TaintEffect = "NoExecute"
        #expect(effect == .noExecute && effect.description == "NoExecute")
        // Keyed (fast path) decoding, including null.
        let taint = try Fixture.decode(Taint.self, json: #"{"key":"k","effect":"SomethingNew"}"#)
        #expect(taint.effect?.rawValue == "SomethingNew")
        let status = try Fixture.decode(PodStatus.self, json: #"{"phase":null}"#)
        #expect(status.phase == nil)
        #expect(throws: DecodingError.self) { try Fixture.decode(PodStatus.self, json: #"{"phase":3}"#) }
    }

    @Test func labelSelectorMatches() {
        let selector = LabelSelector(
            matchLabels: ["app": "web"],
            matchExpressions: [
                LabelSelectorRequirement(key: "tier", operator: .in, values: ["frontend", "edge"]),
                LabelSelectorRequirement(key: "canary", operator: .doesNotExist),
            ])
        #expect(selector.matches(["app": "web", "tier": "frontend"]))
        #expect(!selector.matches(["app": "web", "tier": "backend"]))
        #expect(!selector.matches(["app": "web", "tier": "edge", "canary": "1"]))
        #expect(!selector.matches(["tier": "edge"]))
        #expect(LabelSelector().matches([:]))
        #expect(!LabelSelector(matchExpressions: [LabelSelectorRequirement(key: "a", operator: "Matches")]).matches(["a": "b"]))
        #expect(LabelSelector(matchExpressions: [LabelSelectorRequirement(key: "a", operator: .notIn, values: ["x"])]).matches([:]))
        #expect(LabelSelector(matchExpressions: [LabelSelectorRequirement(key: "a", operator: .exists)]).matches(["a": ""]))
    }

    @Test func tolerationsMatchTaints() {
        let notReady = Taint(key: "node.kubernetes.io/not-ready", effect: .noSchedule)
        #expect(Toleration(key: "node.kubernetes.io/not-ready", operator: .exists).tolerates(notReady))
        #expect(!Toleration(key: "node.kubernetes.io/not-ready", operator: .exists, effect: .noExecute).tolerates(notReady))
        #expect(Toleration(operator: .exists).tolerates(notReady))
        #expect(!Toleration(key: "other", operator: .exists).tolerates(notReady))
        let gpu = Taint(key: "gpu", value: "true", effect: .noSchedule)
        #expect(Toleration(key: "gpu", value: "true").tolerates(gpu))
        #expect(!Toleration(key: "gpu", operator: .equal, value: "false").tolerates(gpu))
    }

    @Test func objectReferenceContainerName() {
        #expect(ObjectReference(fieldPath: "spec.containers{app}").containerName == "app")
        #expect(ObjectReference(fieldPath: "spec.initContainers{init-migrate}").containerName == "init-migrate")
        #expect(ObjectReference(fieldPath: "metadata.name").containerName == nil)
        #expect(ObjectReference().containerName == nil)
    }

    @Test func kubernetesObjectPaths() {
        #expect(Pod.apiVersion == "v1" && Pod.apiPath == "/api/v1" && Pod.resource == "pods" && Pod.isNamespaced)
        #expect(Deployment.apiVersion == "apps/v1" && Deployment.apiPath == "/apis/apps/v1")
        #expect(EndpointSlice.apiVersion == "discovery.k8s.io/v1")
        #expect(Job.apiVersion == "batch/v1" && CronJob.resource == "cronjobs")
        #expect(!Node.isNamespaced && !Namespace.isNamespaced && Event.resource == "events")
        #expect(PersistentVolumeClaim.resource == "persistentvolumeclaims" && LimitRange.kind == "LimitRange")
    }
}
