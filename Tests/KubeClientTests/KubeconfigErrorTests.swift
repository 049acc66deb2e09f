import Foundation
import KubeClient
import TestAPIServerHarness
import Testing

/// Every broken configuration gets an error naming the file and entry, with what to do.
@Suite("kubeconfig errors")
struct KubeconfigErrorTests {
    /// Writes `yaml` to a temporary kubeconfig and resolves it.
    static func resolve(_ yaml: String, overrides: ConfigOverrides = ConfigOverrides()) throws -> ClientConfiguration {
        let folder = NSTemporaryDirectory() + "poddoctor-kubeconfig-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/config"
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        var overrides = overrides
        overrides.kubeconfig = path
        return try ClientConfiguration.load(overrides: overrides, environment: [:])
    }

    static func error(_ yaml: String, overrides: ConfigOverrides = ConfigOverrides()) -> ConfigurationError? {
        configurationError { try resolve(yaml, overrides: overrides) }
    }

    static let ca = TestAPIServer.certificatePath("ca.pem")

    static func config(cluster: String = "server: https://127.0.0.1:6443", user: String = "token: t") -> String {
        """
        apiVersion: v1
        kind: Config
        current-context: ctx
        clusters:
        - name: c
          cluster:
            \(cluster.replacingOccurrences(of: "\n", with: "\n    "))
        users:
        - name: u
          user:
            \(user.replacingOccurrences(of: "\n", with: "\n    "))
        contexts:
        - name: ctx
          context: {cluster: c, user: u}
        """
    }

    @Test func missingExplicitFile() throws {
        let error = try #require(configurationError {
            try ClientConfiguration.load(overrides: ConfigOverrides(kubeconfig: "/nonexistent/poddoctor/config"), environment: [:])
        })
        #expect(error.kind == .fileNotFound)
        #expect(error.description.contains("/nonexistent/poddoctor/config"))
    }

    @Test func yamlSyntaxErrorNamesTheLine() throws {
        let error = try #require(Self.error("apiVersion: v1\nclusters:\n- name: a\n  cluster: {server: \"https://x\"\nusers: []\n"))
        #expect(error.kind == .syntax)
        #expect(error.line != nil)
        #expect(error.description.contains("/config:"))
    }

    @Test func unknownContext() throws {
        let error = try #require(Self.error(Self.config(), overrides: ConfigOverrides(context: "prod")))
        #expect(error.kind == .unknownContext)
        #expect(error.message.contains("context \"prod\" not found in"))
        #expect(error.hint?.contains("ctx") == true)
    }

    @Test func unknownClusterAndUser() throws {
        let cluster = try #require(Self.error(Self.config(), overrides: ConfigOverrides(cluster: "nope")))
        #expect(cluster.kind == .unknownCluster)
        #expect(cluster.entry == "context \"ctx\"")
        let user = try #require(Self.error(Self.config(), overrides: ConfigOverrides(user: "nobody")))
        #expect(user.kind == .unknownUser)
        #expect(user.message.contains("\"nobody\""))
    }

    @Test func duplicateNamesInOneFile() throws {
        let yaml = "clusters:\n- name: a\n  cluster: {server: https://x}\n- name: a\n  cluster: {server: https://y}\n"
        let error = try #require(Self.error(yaml))
        #expect(error.kind == .duplicateName)
        #expect(error.line == 4)
        #expect(error.entry == "cluster \"a\"")
    }

    @Test func certificateWithoutKey() throws {
        let user = "client-certificate: \(TestAPIServer.certificatePath("client.pem"))"
        let error = try #require(Self.error(Self.config(user: user)))
        #expect(error.kind == .certificateWithoutKey)
        #expect(error.entry == "user \"u\"")
        #expect(error.hint?.contains("both") == true)
    }

    @Test func unreadableAndInvalidCA() throws {
        let missing = try #require(Self.error(Self.config(cluster: "server: https://h:6443\ncertificate-authority: no-such-ca.pem")))
        #expect(missing.kind == .invalidCertificateAuthority)
        #expect(missing.message.contains("no-such-ca.pem"))
        let notPEM = try #require(Self.error(Self.config(cluster: "server: https://h:6443\ncertificate-authority-data: aGVsbG8=")))
        #expect(notPEM.kind == .invalidCertificateAuthority)
        let badBase64 = try #require(Self.error(Self.config(cluster: "server: https://h:6443\ncertificate-authority-data: '%%%'")))
        #expect(badBase64.kind == .invalidField)
        #expect(badBase64.message.contains("certificate-authority-data"))
    }

    @Test func tokenAndBasicTogether() throws {
        let error = try #require(Self.error(Self.config(user: "token: t\nusername: a\npassword: b")))
        #expect(error.kind == .conflictingCredentials)
    }

    @Test func caTogetherWithInsecure() throws {
        let error = try #require(Self.error(Self.config(cluster: "server: https://h:6443\ncertificate-authority: \(Self.ca)\ninsecure-skip-tls-verify: true")))
        #expect(error.kind == .caWithInsecure)
        // The command-line override wins and drops the CA, as kubectl does.
        let overridden = try Self.resolve(Self.config(cluster: "server: https://h:6443\ncertificate-authority: \(Self.ca)"),
                                          overrides: ConfigOverrides(insecureSkipTLSVerify: true))
        #expect(overridden.tls.insecureSkipVerify && overridden.tls.certificateAuthorityPEM == nil)
    }

    @Test func credentialsNeverGoOverPlainHTTP() throws {
        let error = try #require(Self.error(Self.config(cluster: "server: http://10.0.0.1:8080")))
        #expect(error.kind == .credentialsOverHTTP)
        #expect(!error.description.contains("token: t"))
    }

    @Test func removedAuthProvidersSayWhatReplacedThem() throws {
        let gcp = try #require(Self.error(Self.config(user: "auth-provider: {name: gcp}")))
        #expect(gcp.kind == .removedAuthProvider)
        #expect(gcp.hint?.contains("gke-gcloud-auth-plugin") == true)
        let azure = try #require(Self.error(Self.config(user: "auth-provider: {name: azure}")))
        #expect(azure.hint?.contains("kubelogin") == true)
    }

    @Test func noConfigurationAnywhere() throws {
        let error = try #require(configurationError { try ClientConfiguration.load(environment: ["HOME": "/nonexistent-home"]) })
        #expect(error.kind == .noConfiguration)
        #expect(error.message.contains("/nonexistent-home/.kube/config"))
    }

    @Test func namespacePrecedence() throws {
        let yaml = Self.config().replacingOccurrences(of: "{cluster: c, user: u}", with: "{cluster: c, user: u, namespace: team}")
        #expect(try Self.resolve(yaml).namespace == "team")
        #expect(try Self.resolve(yaml, overrides: ConfigOverrides(namespace: "cli")).namespace == "cli")
        #expect(try Self.resolve(Self.config()).namespace == "default")
    }

    @Test func overridesReplaceServerTokenAndServerName() throws {
        let config = try Self.resolve(Self.config(), overrides: ConfigOverrides(
            server: "https://10.9.8.7:443", token: "override", certificateAuthority: Self.ca, tlsServerName: "api.internal"))
        #expect(config.server == "https://10.9.8.7:443")
        #expect(config.credentials == .token("override"))
        #expect(config.tls.serverName == "api.internal")
        #expect(config.tls.certificateAuthorityPEM == TestAPIServer.certificate("ca.pem"))
    }

    @Test func unknownFieldsAreIgnoredAndEmptyFileIsEmpty() throws {
        let yaml = Self.config() + "\npreferences: {colors: true}\nextensions:\n- name: x\n  extension: {a: 1}\n"
        #expect(try Self.resolve(yaml).server == "https://127.0.0.1:6443")
        let empty = try Kubeconfig.parse(yaml: "", file: "/tmp/empty")
        #expect(empty.clusters.isEmpty && empty.currentContext == nil)
    }

    @Test func descriptionsRedactSecrets() throws {
        let config = try Self.resolve(Self.config(user: "token: super-secret-token"))
        #expect(!config.description.contains("super-secret-token"))
        #expect(!"\(config.credentials)".contains("super-secret-token"))
        let basic = try Self.resolve(Self.config(user: "username: bob\npassword: hunter2"))
        #expect(!basic.description.contains("hunter2"))
        let kubeconfig = try Kubeconfig.parse(yaml: Self.config(user: """
            exec:
              apiVersion: client.authentication.k8s.io/v1
              command: aws
              args: ["--secret", "s3cr3t-arg"]
              env: [{name: AWS_SECRET, value: s3cr3t-env}]
              interactiveMode: Never
            """), file: "/tmp/x")
        let user = try #require(kubeconfig.users["u"])
        #expect(!user.description.contains("s3cr3t"))
        #expect(!"\(try #require(user.exec))".contains("s3cr3t"))
    }
}
