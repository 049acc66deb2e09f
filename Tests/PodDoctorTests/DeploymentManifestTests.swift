import Foundation
import TestAPIServerHarness
import Testing
import Yams

/// The in-cluster manifests parse, and the ClusterRole grants nothing but reading.
@Suite("In-cluster manifests")
struct DeploymentManifestTests {
    static func documents(_ file: String) throws -> [[String: Any]] {
        let text = try String(contentsOfFile: TestAPIServer.repositoryPath("deploy/\(file)"), encoding: .utf8)
        return try Yams.load_all(yaml: text).compactMap { $0 as? [String: Any] }
    }

    @Test(arguments: ["serviceaccount.yaml", "clusterrole.yaml", "clusterrolebinding.yaml", "deployment.yaml",
                       "optional/clusterrole-secrets-metadata.yaml", "namespaced/role.yaml", "namespaced/rolebinding.yaml",
                       "optional/monitoring.yaml"])
    func manifestParses(file: String) throws {
        let documents = try Self.documents(file)
        #expect(!documents.isEmpty)
        for document in documents {
            #expect(document["apiVersion"] is String && document["kind"] is String)
            #expect((document["metadata"] as? [String: Any])?["name"] is String)
        }
    }

    @Test func rolesOnlyReadAndGrantNoSecretsByDefault() throws {
        for file in ["clusterrole.yaml", "namespaced/role.yaml", "optional/clusterrole-secrets-metadata.yaml"] {
            let role = try #require(try Self.documents(file).first)
            let rules = try #require(role["rules"] as? [[String: Any]])
            let verbs = Set(rules.flatMap { ($0["verbs"] as? [String]) ?? [] })
            #expect(verbs.isSubset(of: ["get", "list", "watch"]), "\(file): \(verbs)")
            let resources = Set(rules.flatMap { ($0["resources"] as? [String]) ?? [] })
            #expect(!resources.contains("*"), "\(file)")
            #expect(resources.contains("secrets") == (file == "optional/clusterrole-secrets-metadata.yaml"), "\(file)")
        }
        // `kubectl apply -f deploy/` applies the top folder only: the opt-in and namespaced variants stay out.
        let top = try FileManager.default.contentsOfDirectory(atPath: TestAPIServer.repositoryPath("deploy"))
        #expect(!top.contains { $0.hasSuffix(".yaml") && (try? Self.documents($0))?.contains { ($0["rules"] as? [[String: Any]])?.contains {
            (($0["resources"] as? [String]) ?? []).contains("secrets") } == true } == true })
    }

    @Test func deploymentRunsTheWatchWithTheServiceAccount() throws {
        let deployment = try #require(try Self.documents("deployment.yaml").first { $0["kind"] as? String == "Deployment" })
        let spec = ((deployment["spec"] as? [String: Any])?["template"] as? [String: Any])?["spec"] as? [String: Any]
        #expect(spec?["serviceAccountName"] as? String == "poddoctor")
        let container = (spec?["containers"] as? [[String: Any]])?.first
        #expect(container?["args"] as? [String] == ["watch", "-A", "-o", "json", "--in-cluster", "--metrics-port", "9090"])
        // Probes on the endpoints the watch serves; non-root, read-only root filesystem.
        #expect(((container?["readinessProbe"] as? [String: Any])?["httpGet"] as? [String: Any])?["path"] as? String == "/readyz")
        #expect(((container?["livenessProbe"] as? [String: Any])?["httpGet"] as? [String: Any])?["path"] as? String == "/healthz")
        #expect((container?["securityContext"] as? [String: Any])?["readOnlyRootFilesystem"] as? Bool == true)
        #expect((spec?["securityContext"] as? [String: Any])?["runAsNonRoot"] as? Bool == true)
    }
}
