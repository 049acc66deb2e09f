import Foundation
import KubeClient
import TestAPIServerHarness
import Testing

/// Every sample in kubeconfig-samples/ connects to the test API server, which records what it saw.
@Suite("kubeconfig samples")
struct KubeconfigSampleTests {
    static let serverArguments = [
        "--client-ca", TestAPIServer.certificatePath("ca.pem"),
        "--token", "poddoctor-sample-token=sample-user",
        "--token", "poddoctor-rotating-token=rotating-user",
        "--token", "poddoctor-exec-token=exec-user",
        "--token", "poddoctor-cluster-info-token=cluster-info-user",
        "--token", "poddoctor-oidc-id-token=oidc-user",
        "--basic", "alice:wonderland",
        "--connect-proxy", "--socks5-proxy",
        "--fixtures", TestAPIServer.repositoryPath("Tests/Fixtures/apiserver-basic"),
    ]

    /// Loads `sample`, sends one GET through a client built from it, and returns what the server recorded.
    static func connect(
        _ sample: String, server: TestAPIServer, workspace: SampleWorkspace, environment: [String: String] = [:],
        overrides: ConfigOverrides = ConfigOverrides()
    ) async throws -> (ClientConfiguration, RecordedRequest) {
        var overrides = overrides
        overrides.kubeconfig = workspace.path(sample)
        let configuration = try ClientConfiguration.load(overrides: overrides, environment: environment)
        let client = try KubernetesClient(configuration: configuration)
        let response = try await client.send(client.request(path: "/api/v1/namespaces/\(configuration.namespace)/pods"))
        #expect(response.status == 200, "\(sample): \(response.text)")
        let recorded = try #require(try await server.requests().last)
        return (configuration, recorded)
    }

    @Test func clientCertificateFiles() async throws {
        let server = try await TestAPIServer(Self.serverArguments)
        let workspace = try SampleWorkspace(server: server)
        let (config, seen) = try await Self.connect("client-certificate-files.yaml", server: server, workspace: workspace)
        #expect(config.namespace == "rec")
        #expect(seen.clientSubject?.CN == "poddoctor-admin")
        #expect(seen.user == "poddoctor-admin")
        #expect(seen.header("Authorization") == nil)
    }

    @Test func embeddedData() async throws {
        let server = try await TestAPIServer(Self.serverArguments)
        let workspace = try SampleWorkspace(server: server)
        let (config, seen) = try await Self.connect("embedded-data.yaml", server: server, workspace: workspace)
        #expect(config.namespace == "default")
        #expect(seen.clientSubject?.O == ["system:masters"])
    }

    @Test func token() async throws {
        let server = try await TestAPIServer(Self.serverArguments)
        let workspace = try SampleWorkspace(server: server)
        let (_, seen) = try await Self.connect("token.yaml", server: server, workspace: workspace)
        #expect(seen.header("Authorization") == "Bearer poddoctor-sample-token")
        #expect(seen.user == "sample-user")
    }

    @Test func tokenFile() async throws {
        let server = try await TestAPIServer(Self.serverArguments)
        let workspace = try SampleWorkspace(server: server)
        let (config, seen) = try await Self.connect("token-file.yaml", server: server, workspace: workspace)
        #expect(config.credentials == .tokenFile(workspace.path("tokens/sample-token")))
        #expect(seen.header("Authorization") == "Bearer poddoctor-rotating-token")
    }

    @Test func basicAuth() async throws {
        let server = try await TestAPIServer(Self.serverArguments)
        let workspace = try SampleWorkspace(server: server)
        let (_, seen) = try await Self.connect("basic-auth.yaml", server: server, workspace: workspace)
        #expect(seen.header("Authorization") == "Basic " + Data("alice:wonderland".utf8).base64EncodedString())
        #expect(seen.user == "alice")
    }

    @Test func execV1() async throws {
        let server = try await TestAPIServer(Self.serverArguments)
        let workspace = try SampleWorkspace(server: server)
        let (_, seen) = try await Self.connect("exec-v1.yaml", server: server, workspace: workspace)
        #expect(seen.header("Authorization") == "Bearer poddoctor-exec-token")
        #expect(seen.user == "exec-user")
    }

    @Test func execV1beta1WithClusterInfo() async throws {
        let server = try await TestAPIServer(Self.serverArguments)
        let workspace = try SampleWorkspace(server: server)
        let (_, seen) = try await Self.connect("exec-v1beta1-cluster-info.yaml", server: server, workspace: workspace)
        #expect(seen.header("Authorization") == "Bearer poddoctor-cluster-info-token")
    }

    @Test func twoFileMergeWithRelativePaths() async throws {
        let server = try await TestAPIServer(Self.serverArguments)
        let workspace = try SampleWorkspace(server: server)
        let environment = ["KUBECONFIG": workspace.path("merge/first.yaml") + ":" + workspace.path("merge/team/second.yaml")]
        // current-context comes from the first file; `shared` is first.yaml's (trusting ../certs/ca.pem),
        // `team-user` is second.yaml's (its certificate found relative to merge/team/).
        let dev = try ClientConfiguration.load(environment: environment)
        #expect(dev.contextName == "team-dev")
        #expect(dev.namespace == "team-dev")
        #expect(dev.tls.insecureSkipVerify == false)
        #expect(dev.tls.certificateAuthorityPEM == TestAPIServer.certificate("ca.pem"))
        #expect(dev.tls.clientCertificatePEM == TestAPIServer.certificate("client.pem"))
        let client = try KubernetesClient(configuration: dev)
        #expect(try await client.send(client.request(path: "/api/v1/namespaces/rec/pods")).status == 200)
        #expect(try await server.requests().last?.clientSubject?.CN == "poddoctor-admin")

        // `red-user` is first.yaml's whole entry: the later file's token never shows up.
        let prod = try ClientConfiguration.load(overrides: ConfigOverrides(context: "team-prod"), environment: environment)
        #expect(prod.credentials == .token("poddoctor-sample-token"))
        let prodClient = try KubernetesClient(configuration: prod)
        #expect(try await prodClient.send(prodClient.request(path: "/version")).status == 200)
    }

    @Test func tlsServerName() async throws {
        let server = try await TestAPIServer(Self.serverArguments + [
            "--cert", TestAPIServer.certificatePath("server-named.pem"),
            "--key", TestAPIServer.certificatePath("server-named-key.pem"),
        ])
        let workspace = try SampleWorkspace(server: server)
        let (config, seen) = try await Self.connect("tls-server-name.yaml", server: server, workspace: workspace)
        #expect(config.tls.serverName == "kube-api.poddoctor.test")
        #expect(seen.sni == "kube-api.poddoctor.test")
    }

    @Test func httpProxy() async throws {
        let server = try await TestAPIServer(Self.serverArguments)
        let workspace = try SampleWorkspace(server: server)
        _ = try await Self.connect("proxy-http.yaml", server: server, workspace: workspace)
        let log = try await server.proxyLog()
        #expect(log.contains { $0["type"] as? String == "connect" && $0["target"] as? String == "127.0.0.1:\(server.port)" })
    }

    @Test func socks5Proxy() async throws {
        let server = try await TestAPIServer(Self.serverArguments)
        let workspace = try SampleWorkspace(server: server)
        _ = try await Self.connect("proxy-socks5.yaml", server: server, workspace: workspace)
        let log = try await server.proxyLog()
        #expect(log.contains { $0["address"] as? String == "localhost" && $0["address_type"] as? String == "DOMAIN" })
    }

    @Test func insecureSkipTLSVerify() async throws {
        let server = try await TestAPIServer(Self.serverArguments + [
            "--cert", TestAPIServer.certificatePath("other-server.pem"),
            "--key", TestAPIServer.certificatePath("other-server-key.pem"),
        ])
        let workspace = try SampleWorkspace(server: server)
        let (config, _) = try await Self.connect("insecure.yaml", server: server, workspace: workspace)
        #expect(config.tls.insecureSkipVerify)
    }

    @Test func impersonation() async throws {
        let server = try await TestAPIServer(Self.serverArguments)
        let workspace = try SampleWorkspace(server: server)
        let (_, seen) = try await Self.connect("impersonation.yaml", server: server, workspace: workspace)
        #expect(seen.header("Impersonate-User") == "jane.viewer@example.com")
        #expect(seen.header("Impersonate-Uid") == "1234")
        let groups = seen.headers.filter { $0.first?.lowercased() == "impersonate-group" }.compactMap { $0.last }
        #expect(groups == ["viewers", "oncall"])
        #expect(seen.header("Impersonate-Extra-reason") == "incident-42")
    }

    @Test func oidcIDToken() async throws {
        let server = try await TestAPIServer(Self.serverArguments)
        let workspace = try SampleWorkspace(server: server)
        let (_, seen) = try await Self.connect("oidc.yaml", server: server, workspace: workspace)
        #expect(seen.header("Authorization") == "Bearer poddoctor-oidc-id-token")
    }

    @Test func inClusterLayout() async throws {
        let server = try await TestAPIServer(Self.serverArguments + ["--token", "poddoctor-sa-token=system:serviceaccount:rec:poddoctor"])
        let workspace = try SampleWorkspace(server: server)
        let environment = ["KUBERNETES_SERVICE_HOST": "127.0.0.1", "KUBERNETES_SERVICE_PORT": "\(server.port)"]
        let config = try ClientConfiguration.load(
            inCluster: true, environment: environment, serviceAccountFolder: workspace.path("in-cluster/serviceaccount"))
        #expect(config.namespace == "rec")
        #expect(config.server == "https://127.0.0.1:\(server.port)")
        let client = try KubernetesClient(configuration: config)
        #expect(try await client.send(client.request(path: "/api/v1/namespaces/rec/pods")).status == 200)
        #expect(try await server.requests().last?.user == "system:serviceaccount:rec:poddoctor")
    }
}
