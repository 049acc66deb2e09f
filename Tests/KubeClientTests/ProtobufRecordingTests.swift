import Foundation
import KubeModel
import Testing
import TestAPIServerHarness
@testable import KubeClient

/// The real API server's protobuf answers (recordings 89-96, bodies byte-exact) decode into the
/// models the JSON path gives.
@Suite("Protobuf recordings")
struct ProtobufRecordingTests {
    static func body(_ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: TestAPIServer.repositoryPath("Tests/Fixtures/recordings/\(name).pb")))
    }

    static func response(_ name: String, status: Int = 200, contentType: String = "application/vnd.kubernetes.protobuf") throws -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": contentType], body: try body(name),
                     metrics: TransferMetrics(method: .get, url: "https://127.0.0.1:6443/recording", status: status,
                                              httpVersion: "1.1", duration: .zero, newConnections: 0, bytesReceived: 0))
    }

    static let client: KubernetesClient = {
        // swiftlint:disable:next force_try
        try! KubernetesClient(configuration: ClientConfiguration(server: "https://127.0.0.1:6443"))
    }()

    @Test func aPodDecodesWithItsSpecAndStatus() throws {
        let pod = try Self.client.decode(Pod.self, from: Self.response("89-protobuf-pod-get"))
        #expect(pod.kind == "Pod")
        #expect(pod.apiVersion == "v1")
        #expect(pod.metadata.name == "crashy")
        #expect(pod.metadata.namespace == "kh-test")
        #expect(pod.metadata.generateName == nil)  // Go sends "" for it; JSON leaves it out
        #expect(pod.metadata.labels?["app"] == "crashy")
        #expect(pod.metadata.creationTimestamp != nil)
        #expect(pod.spec?.containers.map(\.name) == ["app", "sidecar"])
        let app = try #require(pod.spec?.containers.first)
        #expect(app.env?.first?.name == "JAVA_OPTS")
        #expect(app.ports?.first?.containerPort == 8080)
        #expect(app.ports?.first?.protocol == "TCP")
        #expect(app.resources?.limits?["memory"] != nil)
        let status = try #require(pod.status)
        #expect(status.containerStatuses?.isEmpty == false)
        #expect(status.conditions?.contains { $0.lastProbeTime != nil } == false)  // Go's zero time is JSON null
    }

    @Test func aListCarriesItsContinueTokenAndItems() throws {
        let list = try Self.client.decode(ObjectList<Pod>.self, from: Self.response("90-protobuf-pods-list-limit2"))
        #expect(list.kind == "PodList")
        #expect(list.items.count == 2)
        #expect(list.items.allSatisfy { $0.kind == nil })
        #expect(list.metadata.continue?.isEmpty == false)
        #expect(list.metadata.remainingItemCount ?? 0 > 0)
        #expect(list.metadata.resourceVersion == "6140")
        // The next page's token is read without decoding the items, so that page is requested early.
        #expect(ListPeek.continueToken(try Self.response("90-protobuf-pods-list-limit2")) == list.metadata.continue)
        #expect(ListPeek.continueToken(try Self.response("93-protobuf-fallback-accept-list")) == nil)
        #expect(ListPeek.continueToken(try Self.response("90-protobuf-pods-list-limit2", contentType: "application/json")) == nil)
    }

    @Test func eventsKeepTheirSourceAndTimes() throws {
        let list = try Self.client.decode(ObjectList<Event>.self, from: Self.response("91-protobuf-events-list"))
        #expect(!list.items.isEmpty)
        let scheduled = try #require(list.items.first { $0.reason == "Scheduled" })
        #expect(scheduled.involvedObject.name == "crashy")
        #expect(scheduled.sourceComponent == "default-scheduler")
        #expect(scheduled.firstTimestamp != nil)
        #expect(scheduled.type == .normal)
    }

    @Test func aNodeHasItsLabelsAndConditions() throws {
        let node = try Self.client.decode(Node.self, from: Self.response("92-protobuf-node-get"))
        #expect(node.metadata.name == "fake-node-1")
        #expect(node.metadata.labels?["kubernetes.io/os"] == "linux")
    }

    @Test func anErrorBodyIsAStatus() throws {
        let response = try Self.response("94-protobuf-error-404", status: 404)
        let error = APIError(response: response)
        #expect(error.code == 404)
        #expect(error.reason == "NotFound")
        #expect(error.message.contains("not found"))
        #expect(error.status?.details?.kind == "pods")
    }

    @Test func metadataOnlyListsDecode() throws {
        let list = try Self.client.decode(ObjectList<PartialObjectMetadata>.self, from: Self.response("96-protobuf-metadata-list-configmaps"))
        #expect(list.kind == "PartialObjectMetadataList")
        #expect(!list.items.isEmpty)
        #expect(list.items.allSatisfy { $0.metadata.name != nil })
    }

    @Test func watchFramesDecode() async throws {
        var frames = try Self.body("95-protobuf-watch-pods-raw-chunked")
        var events: [String] = []
        while frames.count >= 4 {
            let length = frames.prefix(4).reduce(0) { $0 << 8 | Int($1) }
            let frame = frames.dropFirst(4).prefix(length)
            frames = Data(frames.dropFirst(4 + length))
            let event = try ProtobufEnvelope.message(PBMetaWatchEvent.self, Data(frame))
            let pod = try KubernetesClient.decodeProtobuf(Pod.self, from: event.object.raw)
            events.append("\(event.type) \(pod.metadata.name ?? "?")")
        }
        #expect(frames.isEmpty)
        #expect(!events.isEmpty)
        #expect(events.allSatisfy { $0.hasPrefix("ADDED ") })
    }

    @Test func garbageIsADecodingFailureNamingTheURL() throws {
        var bad = try Self.body("89-protobuf-pod-get")
        bad = bad.prefix(bad.count / 2)
        let response = HTTPResponse(status: 200, headers: ["Content-Type": "application/vnd.kubernetes.protobuf"], body: bad,
                                    metrics: TransferMetrics(method: .get, url: "https://127.0.0.1:6443/cut", status: 200,
                                                             httpVersion: "1.1", duration: .zero, newConnections: 0, bytesReceived: 0))
        #expect(throws: DecodingFailure.self) { try Self.client.decode(Pod.self, from: response) }
        let noMagic = HTTPResponse(status: 200, headers: ["Content-Type": "application/vnd.kubernetes.protobuf"], body: Data("{}".utf8),
                                   metrics: response.metrics)
        let error = try #require(throws: DecodingFailure.self) { try Self.client.decode(Pod.self, from: noMagic) }
        #expect(error.description.contains("https://127.0.0.1:6443/cut"))
    }
}

/// Hostile protobuf: every prefix of a real body, and bytes flipped, either decode or throw a
/// ``DecodingFailure``; nothing traps, nothing hangs.
@Suite("Protobuf hostile input")
struct ProtobufHostileTests {
    @Test func everyTruncationAndCorruptionOfARealPodIsHandled() throws {
        let body = try ProtobufRecordingTests.body("89-protobuf-pod-get")
        var failures = 0
        for length in stride(from: 0, to: body.count, by: 7) {
            if (try? KubernetesClient.decodeProtobuf(Pod.self, from: body.prefix(length))) == nil { failures += 1 }
        }
        #expect(failures > 0)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            var corrupted = body
            for _ in 0..<3 {
                let index = Int.random(in: 4..<corrupted.count, using: &generator)
                corrupted[index] = UInt8.random(in: 0...255, using: &generator)
            }
            _ = try? KubernetesClient.decodeProtobuf(Pod.self, from: corrupted)
        }
    }

    @Test func aLengthBeyondTheBodyIsAnErrorNamingIt() throws {
        // k8s\0, then an Unknown whose raw (field 2) claims 1 GB.
        let body = Data([0x6B, 0x38, 0x73, 0x00, 0x12, 0x80, 0x80, 0x80, 0x80, 0x04])
        #expect(throws: ProtobufDecodingError.self) { try KubernetesClient.decodeProtobuf(Pod.self, from: body) }
        do {
            _ = try KubernetesClient.decodeProtobuf(Pod.self, from: body)
        } catch {
            #expect("\(error)".contains("runs past the end"))
        }
    }
}

/// The wire format's corners that real servers rarely send but other encoders may.
@Suite("Protobuf wire reader")
struct WireReaderTests {
    @Test func mapEntriesWithoutAValueHoldTheEmptyValue() throws {
        // ObjectMeta.labels (field 11): {"a": ""} written without its value, then {"b": "x"}.
        let bytes: [UInt8] = [0x5A, 0x03, 0x0A, 0x01, 0x61, 0x5A, 0x06, 0x0A, 0x01, 0x62, 0x12, 0x01, 0x78]
        let meta = try PBMetaObjectMeta(wireBytes: Data(bytes))
        #expect(meta.labels == ["a": "", "b": "x"])
    }

    @Test func negativeInt32PackedRepeatedAndSkippedFieldsDecode() throws {
        // PodSecurityContext: runAsUser (2, int64) = -1 in ten bytes; supplementalGroups (4) packed [1, 300];
        // an unknown fixed32 (field 99) and fixed64 (field 98) skipped.
        var bytes: [UInt8] = [0x10] + [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]
        bytes += [0x22, 0x03, 0x01, 0xAC, 0x02]
        bytes += [0x9D, 0x06, 1, 2, 3, 4]
        bytes += [0x91, 0x06, 1, 2, 3, 4, 5, 6, 7, 8]
        let context = try PBCorePodSecurityContext(wireBytes: Data(bytes))
        #expect(context.runAsUser == -1)
        #expect(context.supplementalGroups == [1, 300])
    }

    @Test func brokenVarintsAndGroupsAreErrors() {
        #expect(throws: WireError.self) { try PBMetaObjectMeta(wireBytes: Data([0x08, 0xFF])) }
        #expect(throws: WireError.self) { try PBMetaObjectMeta(wireBytes: Data([0x0B])) }  // start group
        #expect(throws: WireError.self) { try PBMetaObjectMeta(wireBytes: Data([0x0A, 0x05, 0x61])) }
    }
}
