import Foundation
import KubeClient
import KubeModel
import PodDiagnosis
import PodDoctor
import TestAPIServerHarness
import Testing

/// Every scenario, diagnosed live against the test API server and offline from its folder.
/// Serialized: sixty test servers starting at once would starve the other suites on a 2-core machine.
@Suite("End to end", .serialized)
struct EndToEndTests {
    @Test(arguments: ScenarioFolder.names())
    func offline(_ name: String) throws {
        let scenario = try ScenarioFolder(name)
        let read = try SnapshotReader().read([scenario.path])
        let report = Doctor.diagnose(read.objects, now: scenario.now, namespace: scenario.expected.pod.namespace,
                                        podName: scenario.expected.pod.name)
        let pod = try #require(report.pods.first)
        check(pod, scenario)
    }

    @Test(arguments: ScenarioFolder.names())
    func live(_ name: String) async throws {
        let scenario = try ScenarioFolder(name)
        let folder = try scenario.servableCopy()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // The server's clock is the scenario's moment, days away from this machine's: the diagnosis
        // must speak of the server's moment (its Date header), not the local one.
        let server = try await TestAPIServer(["--fixtures", folder, "--clock", scenario.expected.now])
        let client = try KubernetesClient(configuration: ClientConfiguration(
            server: server.baseURL, tls: TLSConfiguration(certificateAuthorityPEM: TestAPIServer.certificate("ca.pem")), proxy: .none))
        let report = try await Doctor(client: client).diagnose(
            .pod(name: scenario.expected.pod.name, namespace: scenario.expected.pod.namespace))
        let moment = try #require(report.moment)
        #expect(moment.source == .apiServer)
        #expect(abs(moment.date.timeIntervalSince(scenario.now)) < 30, "moment \(moment.description), scenario \(scenario.expected.now)")
        let pod = try #require(report.pods.first)
        check(pod, scenario)

        // One model, two wire formats: the report is byte for byte the same when the objects come as
        // JSON, for the pod and for the whole cluster.
        var jsonOptions = KubernetesClient.Options()
        jsonOptions.wireFormat = .json
        let jsonClient = try KubernetesClient(configuration: client.configuration, options: jsonOptions)
        let overJSON = try await Doctor(client: jsonClient).diagnose(
            .pod(name: scenario.expected.pod.name, namespace: scenario.expected.pod.namespace))
        #expect(ReportJSON.encode(overJSON) == ReportJSON.encode(report), "\(scenario): JSON and protobuf reports differ")
        let clusterProtobuf = try await Doctor(client: client).diagnose(.allNamespaces)
        let clusterJSON = try await Doctor(client: jsonClient).diagnose(.allNamespaces)
        #expect(ReportJSON.encode(clusterJSON) == ReportJSON.encode(clusterProtobuf), "\(scenario): -A reports differ")

        // Read-only: nothing but GET, and Secrets only ever as metadata.
        let requests = try await server.requests()
        #expect(requests.allSatisfy { $0.method == "GET" }, "\(Set(requests.map(\.method)))")
        for request in requests where request.path.contains("/secrets") {
            #expect(request.header("Accept")?.contains("as=PartialObjectMetadata") == true, "\(request.path)")
        }
    }

    func check(_ pod: PodReport, _ scenario: ScenarioFolder) {
        if let status = scenario.expected.status { #expect(pod.status == status, "\(scenario)") }
        if scenario.expected.healthy == true { #expect(!pod.isFailing, "\(scenario)") }
        if let verdict = scenario.expected.sweep?["+0s"] { #expect((pod.verdict?.rawValue ?? "healthy") == verdict, "\(scenario): \(pod.findings.map(\.cause.rawValue))") }
        if let first = scenario.expected.findings0 {
            #expect(pod.findings.first?.cause.rawValue == first.cause,
                    "\(scenario): \(pod.findings.map(\.cause.rawValue))")
            if let container = first.container { #expect(pod.findings.first?.container == container, "\(scenario)") }
        }
    }
}
