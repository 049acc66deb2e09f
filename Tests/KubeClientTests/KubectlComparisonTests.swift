import Foundation
import KubeClient
import TestAPIServerHarness
import Testing

/// kubectl's path, when it is installed.
let installedKubectl: String? = ["/usr/local/bin/kubectl", "/usr/bin/kubectl"].first { FileManager.default.isExecutableFile(atPath: $0) }

/// Where kubectl is installed, PodDoctor must pick the same server, namespace and user from the
/// merge samples as `kubectl config view --minify --flatten` (which embeds the files it resolved).
@Suite("Same choices as kubectl", .enabled(if: installedKubectl != nil, "kubectl is not installed: comparison skipped"))
struct KubectlComparisonTests {
    static var kubectl: String? { installedKubectl }

    static func kubectlView(environment: [String: String], context: String?) throws -> [String: Any] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(kubectl))
        process.arguments = ["config", "view", "--minify", "--flatten", "-o", "json"] + (context.map { ["--context", $0] } ?? [])
        process.environment = environment.merging(["HOME": NSTemporaryDirectory()]) { first, _ in first }
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test(arguments: [nil, "team-dev", "team-prod", "first-only"])
    func mergeSamplesResolveLikeKubectl(context: String?) throws {
        let samples = TestAPIServer.repositoryPath("kubeconfig-samples")
        let environment = ["KUBECONFIG": "\(samples)/merge/first.yaml:\(samples)/merge/team/second.yaml"]
        let view = try Self.kubectlView(environment: environment, context: context)
        let ours = try ClientConfiguration.load(overrides: ConfigOverrides(context: context), environment: environment)

        let cluster = (view["clusters"] as? [[String: Any]])?.first?["cluster"] as? [String: Any]
        let contextEntry = (view["contexts"] as? [[String: Any]])?.first
        let user = (view["users"] as? [[String: Any]])?.first
        #expect(ours.server == cluster?["server"] as? String)
        #expect(ours.contextName == view["current-context"] as? String)
        #expect(ours.userName == user?["name"] as? String)
        #expect(ours.clusterName == (contextEntry?["context"] as? [String: Any])?["cluster"] as? String)
        let namespace = ((contextEntry?["context"] as? [String: Any])?["namespace"] as? String) ?? "default"
        #expect(ours.namespace == namespace)
        // --flatten embeds the CA file kubectl resolved against the defining file's folder.
        let kubectlCA = (cluster?["certificate-authority-data"] as? String).flatMap { Data(base64Encoded: $0) }.map(Array.init)
        #expect(kubectlCA != nil)
        #expect(ours.tls.certificateAuthorityPEM == kubectlCA, "the CA differs from kubectl's")
        let kubectlCertificate = ((user?["user"] as? [String: Any])?["client-certificate-data"] as? String)
            .flatMap { Data(base64Encoded: $0) }.map(Array.init)
        #expect(ours.tls.clientCertificatePEM == kubectlCertificate, "the client certificate differs from kubectl's")
    }
}
