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

    @Test(arguments: ["serviceaccount.yaml", "clusterrole.yaml", "clusterrolebinding.yaml", "deployment.yaml"])
    func manifestParses(file: String) throws {
        let documents = try Self.documents(file)
        #expect(!documents.isEmpty)
        for document in documents {
            #expect(document["apiVersion"] is String && document["kind"] is String)
            #expect((document["metadata"] as? [String: Any])?["name"] is String)
        }
    }

    @Test func clusterRoleOnlyReads() throws {
        let role = try #require(try Self.documents("clusterrole.yaml").first)
        #expect(role["kind"] as? String == "ClusterRole")
        let rules = try #require(role["rules"] as? [[String: Any]])
        let verbs = Set(rules.flatMap { ($0["verbs"] as? [String]) ?? [] })
        #expect(verbs == ["get", "list", "watch"])
        let resources = Set(rules.flatMap { ($0["resources"] as? [String]) ?? [] })
        for needed in ["pods", "pods/log", "events", "nodes", "configmaps", "secrets", "services", "endpoints", "endpointslices",
                       "replicasets", "deployments", "statefulsets", "daemonsets", "jobs", "resourcequotas", "limitranges"] {
            #expect(resources.contains(needed), "\(needed)")
        }
        #expect(!resources.contains("*"))
    }

    @Test func deploymentRunsTheWatchWithTheServiceAccount() throws {
        let deployment = try #require(try Self.documents("deployment.yaml").first { $0["kind"] as? String == "Deployment" })
        let spec = ((deployment["spec"] as? [String: Any])?["template"] as? [String: Any])?["spec"] as? [String: Any]
        #expect(spec?["serviceAccountName"] as? String == "poddoctor")
        let container = (spec?["containers"] as? [[String: Any]])?.first
        #expect(container?["args"] as? [String] == ["watch", "-A", "-o", "json", "--in-cluster"])
    }
}
