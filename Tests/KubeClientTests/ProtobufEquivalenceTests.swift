import Foundation
import KubeModel
import Testing
import TestAPIServerHarness
@testable import KubeClient

/// One model, two wire formats: every object of every scenario folder, listed as JSON and as
/// protobuf from the test API server, gives equal models.
@Suite("Protobuf and JSON give the same models")
struct ProtobufEquivalenceTests {
    /// A folder per scenario holding only its objects (the server would load expected.json too).
    static func folders(in copy: String) throws -> [String] {
        let root = TestAPIServer.repositoryPath("Tests/Fixtures/scenarios")
        var folders = [TestAPIServer.repositoryPath("Tests/Fixtures/apiserver-basic")]
        for name in try FileManager.default.contentsOfDirectory(atPath: root).sorted()
        where FileManager.default.fileExists(atPath: "\(root)/\(name)/objects.json") {
            try FileManager.default.createDirectory(atPath: "\(copy)/\(name)", withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: "\(root)/\(name)/objects.json", toPath: "\(copy)/\(name)/objects.json")
            folders.append("\(copy)/\(name)")
        }
        return folders
    }

    static func client(_ server: TestAPIServer, _ format: WireFormat) throws -> KubernetesClient {
        var options = KubernetesClient.Options()
        options.wireFormat = format
        return try KubernetesClient(configuration: ClientConfiguration(
            server: server.baseURL, tls: TLSConfiguration(certificateAuthorityPEM: TestAPIServer.certificate("ca.pem")), proxy: .none),
            options: options)
    }

    /// Lists a kind both ways and compares the items (volume sources PodDoctor does not model are
    /// kept by name only over protobuf).
    func same<T: KubernetesObject>(_ type: T.Type, _ json: KubernetesClient, _ protobuf: KubernetesClient,
                                   normalize: (T) -> T = { $0 }) async throws -> Int {
        let viaJSON = try await json.list(T.self)
        let viaProtobuf = try await protobuf.list(T.self)
        #expect(viaJSON.items.count == viaProtobuf.items.count, "\(T.kind)")
        for (a, b) in zip(viaJSON.items, viaProtobuf.items) {
            let (left, right) = (try Self.canonical(normalize(a)), try Self.canonical(normalize(b)))
            #expect(left == right, "\(T.kind) \(a.metadata.namespace ?? "")/\(a.metadata.name ?? "")")
        }
        #expect(viaJSON.metadata.resourceVersion == viaProtobuf.metadata.resourceVersion)
        return viaJSON.items.count
    }

    /// The model as JSON with empty strings, lists and maps left out: Go's types cannot tell an empty
    /// string from an unset one, and protobuf cannot tell an empty list from an absent one, so the
    /// JSON path may hold `""` or `[]` where the protobuf path holds nothing; Kubernetes means the same.
    /// Likewise the Unix epoch: Go writes it and the zero time as the same empty `Time` message (the
    /// kubelet's `startedAt` of a container that never started), which reads back as no time.
    static func canonical<T: Encodable>(_ value: T) throws -> NSDictionary {
        func prune(_ value: Any) -> Any? {
            switch value {
            case let text as String: return text.isEmpty || text == "1970-01-01T00:00:00Z" ? nil : text
            case let list as [Any]:
                let kept = list.map { prune($0) ?? NSNull() }
                return kept.isEmpty ? nil : kept
            case let map as [String: Any]:
                let kept = map.compactMapValues(prune)
                return kept.isEmpty ? nil : kept
            default: return value
            }
        }
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(value))
        return (prune(object) as? [String: Any] ?? [:]) as NSDictionary
    }

    static func podShape(_ pod: Pod) -> Pod {
        var pod = pod
        func strip(_ volumes: [Volume]?) -> [Volume]? {
            volumes?.map { volume in
                var volume = volume
                volume.other = volume.other.mapValues { _ in .object([:]) }
                return volume
            }
        }
        let volumes = strip(pod.spec?.volumes)
        pod.spec?.volumes = volumes
        return pod
    }

    @Test func everyScenarioObjectDecodesAlikeInBothEncodings() async throws {
        let copy = NSTemporaryDirectory() + "poddoctor-equivalence-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let server = try await TestAPIServer(try Self.folders(in: copy).flatMap { ["--fixtures", $0] })
        defer { server.stop() }
        let json = try Self.client(server, .json)
        let protobuf = try Self.client(server, .protobuf)
        var total = 0
        total += try await same(Pod.self, json, protobuf, normalize: Self.podShape)
        total += try await same(Event.self, json, protobuf)
        total += try await same(Node.self, json, protobuf)
        total += try await same(Namespace.self, json, protobuf)
        total += try await same(ReplicaSet.self, json, protobuf)
        total += try await same(Deployment.self, json, protobuf)
        // Go's protobuf has no kind/apiVersion inside a StatefulSet's claim templates; JSON may carry them.
        total += try await same(StatefulSet.self, json, protobuf) { set in
            var set = set
            let templates = set.spec?.volumeClaimTemplates?.map { claim in
                var claim = claim
                claim.kind = nil
                claim.apiVersion = nil
                return claim
            }
            set.spec?.volumeClaimTemplates = templates
            return set
        }
        total += try await same(DaemonSet.self, json, protobuf)
        total += try await same(Job.self, json, protobuf)
        total += try await same(CronJob.self, json, protobuf)
        total += try await same(Service.self, json, protobuf)
        total += try await same(Endpoints.self, json, protobuf)
        total += try await same(EndpointSlice.self, json, protobuf)
        total += try await same(ConfigMap.self, json, protobuf)
        total += try await same(PersistentVolumeClaim.self, json, protobuf)
        total += try await same(ResourceQuota.self, json, protobuf)
        total += try await same(LimitRange.self, json, protobuf)
        total += try await same(ServiceAccount.self, json, protobuf)
        #expect(total > 300)

        // Both clients asked for what they should: protobuf first (JSON as the fallback), or JSON.
        let requests = try await server.requests()
        #expect(requests.contains { $0.header("Accept")?.hasPrefix("application/vnd.kubernetes.protobuf") == true })
        #expect(requests.contains { $0.header("Accept") == "application/json" })
    }

    @Test func metadataOnlyReadsAreAlikeAndNeverCarryData() async throws {
        let server = try await TestAPIServer(["--fixtures", TestAPIServer.repositoryPath("Tests/Fixtures/apiserver-basic")])
        defer { server.stop() }
        let viaJSON = try await Self.client(server, .json).listMetadata(Secret.self)
        let viaProtobuf = try await Self.client(server, .protobuf).listMetadata(Secret.self)
        #expect(!viaJSON.items.isEmpty)
        #expect(viaJSON.items.map(\.metadata) == viaProtobuf.items.map(\.metadata))
        let requests = try await server.requests()
        #expect(requests.allSatisfy { $0.header("Accept")?.contains("as=PartialObjectMetadataList") == true })
    }
}
