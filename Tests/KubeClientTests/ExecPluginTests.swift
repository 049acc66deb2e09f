import Foundation
import KubeClient
import KubeModel
import TestAPIServerHarness
import Testing

@Suite("exec credential plugins")
struct ExecPluginTests {
    static let serverArguments = [
        "--client-ca", TestAPIServer.certificatePath("ca.pem"),
        "--token", "poddoctor-exec-token=exec-user",
    ]

    /// A configuration that runs `plugin` from kubeconfig-samples/plugins against `server`.
    static func configuration(
        _ plugin: String, server: TestAPIServer, apiVersion: String = "client.authentication.k8s.io/v1",
        interactiveMode: String? = "Never", env: [String: String] = [:], installHint: String? = nil,
        directory: String = "kubeconfig-samples/plugins"
    ) -> ClientConfiguration {
        var exec = Kubeconfig.ExecConfig(
            apiVersion: apiVersion, command: TestAPIServer.repositoryPath("\(directory)/\(plugin)"))
        exec.env = env.sorted { $0.key < $1.key }.map { Kubeconfig.EnvVar(name: $0.key, value: $0.value) }
        exec.interactiveMode = interactiveMode
        exec.installHint = installHint
        return ClientConfiguration(
            server: server.baseURL, tls: TLSConfiguration(certificateAuthorityPEM: TestAPIServer.certificate("ca.pem")),
            proxy: .none, credentials: .exec(exec, origin: "test kubeconfig: user \"exec\"")
        )
    }

    static func temporaryFile() -> String {
        NSTemporaryDirectory() + "poddoctor-plugin-" + UUID().uuidString
    }

    static func runs(_ log: String) -> Int {
        ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").count
    }

    @Test func credentialIsCachedAndThePluginRunsOnceForConcurrentRequests() async throws {
        let server = try await TestAPIServer(Self.serverArguments)
        let log = Self.temporaryFile()
        let client = try KubernetesClient(configuration: Self.configuration(
            "token-plugin.sh", server: server, env: ["SAMPLE_PLUGIN_TOKEN": "poddoctor-exec-token", "PLUGIN_RUN_LOG": log]))
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<20 { group.addTask { try await client.send(client.request(path: "/version")).status } }
            for try await status in group { #expect(status == 200) }
        }
        _ = try await client.send(client.request(path: "/version"))
        #expect(Self.runs(log) == 1)
    }

    @Test func expiredCredentialIsFetchedAgain() async throws {
        let server = try await TestAPIServer(Self.serverArguments)
        let log = Self.temporaryFile()
        let client = try KubernetesClient(configuration: Self.configuration("expiring-plugin.sh", server: server, env: ["PLUGIN_RUN_LOG": log]))
        #expect(try await client.send(client.request(path: "/api/v1/namespaces/default/pods")).status == 200)
        #expect(try await client.send(client.request(path: "/api/v1/namespaces/default/pods")).status == 200)
        // The credential lives 4 to 5 s (the plugin logs its expiry). While it is valid it is reused; on
        // two loaded cores the second request may come after it expired, and then it was fetched again.
        let expiry = try #require(((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").first.flatMap { Time(rfc3339: String($0)) }?.date)
        let runs = Self.runs(log)
        if Date() < expiry { #expect(runs == 1, "a valid credential was fetched again") } else { #expect(runs <= 2) }
        try await Task.sleep(for: .milliseconds(6100))
        #expect(try await client.send(client.request(path: "/api/v1/namespaces/default/pods")).status == 200)
        #expect(Self.runs(log) == runs + 1, "an expired credential was not fetched again")
    }

    @Test func unauthorizedRerunsThePluginAndRetriesOnce() async throws {
        let server = try await TestAPIServer(Self.serverArguments)
        let state = Self.temporaryFile()
        let client = try KubernetesClient(configuration: Self.configuration("rotating-plugin.sh", server: server, env: ["PLUGIN_STATE": state]))
        let response = try await client.send(client.request(path: "/api/v1/namespaces/default/pods"))
        #expect(response.status == 200)
        let seen = try await server.requests()
        #expect(seen.map(\.status) == [401, 200])
        #expect(seen.map { $0.header("Authorization") } == ["Bearer stale-token", "Bearer poddoctor-exec-token"])
        #expect(Self.runs(state) == 2)
    }

    /// client-go's refresh: twenty requests refused at once with the same stale token cause one
    /// plugin run, not twenty; requests after it use the refreshed token without running it again.
    @Test func concurrentUnauthorizedCauseOneRefresh() async throws {
        let server = try await TestAPIServer(Self.serverArguments)
        let state = Self.temporaryFile()
        let client = try KubernetesClient(configuration: Self.configuration("rotating-plugin.sh", server: server, env: ["PLUGIN_STATE": state]))
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<20 { group.addTask { try await client.send(client.request(path: "/api/v1/namespaces/default/pods")).status } }
            for try await status in group { #expect(status == 200) }
        }
        #expect(try await client.send(client.request(path: "/api/v1/namespaces/default/pods")).status == 200)
        #expect(Self.runs(state) == 2, "one run for the stale token, one refresh for all twenty 401s")
    }

    /// A plugin that never finishes is stopped at the limit, with the helper it started; one that
    /// writes without end is stopped by the output cap. Both are clear errors, and nothing is left running.
    @Test func hangingAndChattyPluginsAreStopped() async throws {
        let server = try await TestAPIServer(Self.serverArguments)
        let pidFile = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: pidFile) }
        // The chatty one has time to print its megabyte even on loaded cores: the output cap stops it.
        for (plugin, expected, limit) in [("hanging-plugin.sh", "did not finish within 1 s", 1), ("chatty-plugin.sh", "printed more than", 60)] {
            let config = Self.configuration(plugin, server: server, env: ["PLUGIN_PIDFILE": pidFile], directory: "Tests/Fixtures/plugins")
            var options = KubernetesClient.Options()
            options.execTimeout = .seconds(limit)
            let client = try KubernetesClient(configuration: config, options: options)
            do {
                _ = try await client.send(client.request(path: "/version"))
                Issue.record("\(plugin): no error")
            } catch let error as ConfigurationError {
                #expect("\(error)".contains(expected), "\(plugin): \(error)")
            }
        }
        // The hanging plugin and its helper are gone (killed with their process group).
        let pids = ((try? String(contentsOfFile: pidFile, encoding: .utf8)) ?? "").split(separator: "\n").compactMap { Int32($0) }
        #expect(pids.count == 2)
        for pid in pids {
            var gone = false
            for _ in 0..<50 where !gone {
                gone = kill(pid, 0) != 0
                if !gone { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(gone, "process \(pid) outlived the plugin's timeout")
        }
    }

    @Test func unauthorizedAfterRefreshIsAClearError() async throws {
        let server = try await TestAPIServer(Self.serverArguments)
        let log = Self.temporaryFile()
        let client = try KubernetesClient(configuration: Self.configuration(
            "token-plugin.sh", server: server, env: ["SAMPLE_PLUGIN_TOKEN": "revoked", "PLUGIN_RUN_LOG": log]))
        let error = try #require(await configurationError { try await client.send(client.request(path: "/api/v1/namespaces/default/pods")) })
        #expect(error.kind == .unauthorized)
        #expect(error.message.contains("even after they were refreshed"))
        #expect(!error.description.contains("revoked"))
        #expect(Self.runs(log) == 2)
    }

    @Test func clientCertificateFromThePlugin() async throws {
        let server = try await TestAPIServer(Self.serverArguments)
        let client = try KubernetesClient(configuration: Self.configuration("cert-plugin.sh", server: server))
        #expect(try await client.send(client.request(path: "/api/v1/namespaces/default/pods")).status == 200)
        #expect(try await server.requests().last?.clientSubject?.CN == "poddoctor-admin")
    }

    @Test func missingPluginShowsTheInstallHint() async throws {
        let server = try await TestAPIServer(Self.serverArguments)
        let client = try KubernetesClient(configuration: Self.configuration(
            "no-such-plugin", server: server, installHint: "Install it with `brew install no-such-plugin`"))
        let error = try #require(await configurationError { try await client.send(client.request(path: "/version")) })
        #expect(error.kind == .execPluginNotFound)
        #expect(error.hint?.contains("brew install no-such-plugin") == true)
        #expect(error.description.contains("user \"exec\""))
    }

    @Test func failingPluginIsReportedWithoutItsOutput() async throws {
        let server = try await TestAPIServer(Self.serverArguments)
        let client = try KubernetesClient(configuration: Self.configuration("failing-plugin.sh", server: server))
        let error = try #require(await configurationError { try await client.send(client.request(path: "/version")) })
        #expect(error.kind == .execPluginFailed)
        #expect(error.message.contains("exited with status 1"))
    }

    @Test func badJSONAndWrongVersionAreRejected() async throws {
        let server = try await TestAPIServer(Self.serverArguments)
        let bad = try KubernetesClient(configuration: Self.configuration("bad-json-plugin.sh", server: server))
        let badError = try #require(await configurationError { try await bad.send(bad.request(path: "/version")) })
        #expect(badError.kind == .execPluginBadOutput)
        #expect(!badError.description.contains("not-json"))

        let wrong = try KubernetesClient(configuration: Self.configuration("wrong-version-plugin.sh", server: server))
        let wrongError = try #require(await configurationError { try await wrong.send(wrong.request(path: "/version")) })
        #expect(wrongError.kind == .execPluginBadOutput)
        #expect(wrongError.message.contains("v1beta1"))
    }

    @Test func interactiveModeRules() async throws {
        let server = try await TestAPIServer(Self.serverArguments)
        let missing = try KubernetesClient(configuration: Self.configuration("token-plugin.sh", server: server, interactiveMode: nil))
        let missingError = try #require(await configurationError { try await missing.send(missing.request(path: "/version")) })
        #expect(missingError.kind == .invalidField)
        #expect(missingError.message.contains("interactiveMode"))

        // Tests run without a terminal on stdin, so `Always` cannot be honoured.
        let always = try KubernetesClient(configuration: Self.configuration("token-plugin.sh", server: server, interactiveMode: "Always"))
        let alwaysError = try #require(await configurationError { try await always.send(always.request(path: "/version")) })
        #expect(alwaysError.kind == .execPluginNeedsTerminal)

        let removed = try KubernetesClient(configuration: Self.configuration(
            "token-plugin.sh", server: server, apiVersion: "client.authentication.k8s.io/v1alpha1"))
        let removedError = try #require(await configurationError { try await removed.send(removed.request(path: "/version")) })
        #expect(removedError.kind == .invalidField)
    }
}
