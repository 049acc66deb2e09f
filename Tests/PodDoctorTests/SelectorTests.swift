import Foundation
import KubeClient
import KubeModel
import PodDiagnosis
import PodDoctor
import TestAPIServerHarness
import Testing

/// Offline label selectors follow the API server's grammar: the same selectors select the same pods
/// offline as the test API server (which implements `labels.Parse`) selects live, and the ones it
/// refuses with a 400 are refused offline too.
@Suite("Label selectors")
struct SelectorTests {
    static let selectors = [
        "", "app=web", "app==web", "app!=web", "tier", "!tier", "app in (web,debug-shell)", "app notin (web)",
        "app=web,tier=frontend", "app in (web), !legacy", "pod-template-hash=7d4b9c8f6d", "app=", "app in (cache-warmup)",
        // refused by the API server
        "app in (a", "app=web,", "=web", "app===web", "app in ()", "a b", "app=we b", "-app=web", "app=web/x", "!app=web",
    ]

    @Test func offlineSelectsWhatTheServerSelects() async throws {
        let fixtures = TestAPIServer.repositoryPath("Tests/Fixtures/apiserver-basic")
        let server = try await TestAPIServer(["--fixtures", fixtures])
        let client = try KubernetesClient(configuration: ClientConfiguration(
            server: server.baseURL, tls: TLSConfiguration(certificateAuthorityPEM: TestAPIServer.certificate("ca.pem")), proxy: .none))
        let pods = try SnapshotReader().read([fixtures]).objects.pods.filter { $0.metadata.namespace == "rec" }
        for selector in Self.selectors {
            var live: Set<String>?
            do {
                live = Set(try await client.list(Pod.self, namespace: "rec", options: ListOptions(labelSelector: selector)).items.compactMap(\.metadata.name))
            } catch let error as APIError where error.code == 400 {
                live = nil
            }
            let offline = (try? SelectorMatcher(selector)).map { matcher in
                Set(pods.filter { matcher.matches($0.metadata.labels ?? [:]) }.compactMap(\.metadata.name))
            }
            #expect(offline == live, "selector \"\(selector)\": offline \(offline.map { $0.sorted().description } ?? "refused"), live \(live.map { $0.sorted().description } ?? "400")")
        }
    }

    @Test func workloadSelectorsIncludeMatchExpressions() throws {
        let selector = LabelSelector(matchLabels: ["app": "web"], matchExpressions: [
            LabelSelectorRequirement(key: "tier", operator: LabelSelectorOperator(rawValue: "In"), values: ["frontend", "edge"]),
            LabelSelectorRequirement(key: "legacy", operator: LabelSelectorOperator(rawValue: "DoesNotExist")),
        ])
        let text = SelectorMatcher.string(selector)
        #expect(text == "app=web,tier in (edge,frontend),!legacy")
        let matcher = try SelectorMatcher(text)
        #expect(matcher.matches(["app": "web", "tier": "edge"]))
        #expect(!matcher.matches(["app": "web", "tier": "edge", "legacy": "1"]))
        #expect(!matcher.matches(["app": "web", "tier": "backend"]))
    }
}
