import Foundation
import KubeClient
import TestAPIServerHarness
import Testing

@Suite("In-cluster configuration")
struct InClusterTests {
    static let folder = TestAPIServer.repositoryPath("kubeconfig-samples/in-cluster/serviceaccount")

    @Test func ipv6HostGetsBrackets() throws {
        let config = try ClientConfiguration.inClusterConfiguration(
            environment: ["KUBERNETES_SERVICE_HOST": "fd00::1", "KUBERNETES_SERVICE_PORT": "443"], folder: Self.folder)
        #expect(config.server == "https://[fd00::1]:443")
        #expect(config.credentials == .tokenFile(Self.folder + "/token"))
        #expect(config.tls.certificateAuthorityPEM == TestAPIServer.certificate("ca.pem"))
    }

    @Test func namespacePrecedence() throws {
        let base = ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"]
        #expect(try ClientConfiguration.inClusterConfiguration(environment: base, folder: Self.folder).namespace == "rec")
        let fromEnvironment = base.merging(["POD_NAMESPACE": "from-env"]) { $1 }
        #expect(try ClientConfiguration.inClusterConfiguration(environment: fromEnvironment, folder: Self.folder).namespace == "from-env")
        let overridden = try ClientConfiguration.load(
            overrides: ConfigOverrides(namespace: "cli"), inCluster: true, environment: fromEnvironment, serviceAccountFolder: Self.folder)
        #expect(overridden.namespace == "cli")
    }

    @Test func usedWhenNoKubeconfigExists() throws {
        let environment = ["HOME": "/nonexistent-home", "KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"]
        let config = try ClientConfiguration.load(environment: environment, serviceAccountFolder: Self.folder)
        #expect(config.source.hasPrefix("in-cluster"))
        #expect(config.server == "https://10.96.0.1:443")
    }

    @Test func missingPiecesAreClearErrors() throws {
        let noVariables = try #require(configurationError { try ClientConfiguration.inClusterConfiguration(environment: [:], folder: Self.folder) })
        #expect(noVariables.kind == .notInCluster)
        let noToken = try #require(configurationError {
            try ClientConfiguration.inClusterConfiguration(
                environment: ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"], folder: "/nonexistent")
        })
        #expect(noToken.kind == .notInCluster)
        #expect(noToken.file == "/nonexistent/token")
    }
}
