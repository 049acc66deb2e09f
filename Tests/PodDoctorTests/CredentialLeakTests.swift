import Foundation
import TestAPIServerHarness
import Testing

/// Credentials planted in every place a kubeconfig can hold them (token, token file, basic password,
/// client certificate and key, exec plugin arguments, environment and output, oidc tokens, proxy
/// password) appear in nothing the tool writes: standard output and error of every command,
/// `--verbose` traces, errors, and snapshots.
@Suite("Credentials never leak", .serialized, .enabled(if: CLI.binary != nil, "the poddoctor binary is not built: run `swift build` first"))
struct CredentialLeakTests {
    static let planted = [
        "TOKEN-PLANTED-1", "PASSWORD-PLANTED-2", "ARG-PLANTED-3", "ENV-PLANTED-4", "OUTPUT-PLANTED-5", "IDTOKEN-PLANTED-6",
        "REFRESH-PLANTED-7", "PROXYPW-PLANTED-8", "FILETOKEN-PLANTED-9", "CERT-PLANTED-10", "KEY-PLANTED-11",
    ]

    @Test func plantedCredentialsAppearNowhere() async throws {
        let scenario = try ScenarioFolder("29-missing-secret")
        let fixtures = try scenario.servableCopy()
        defer { try? FileManager.default.removeItem(atPath: fixtures) }
        // The server accepts two of the planted tokens, so the runs also go all the way through.
        let server = try await TestAPIServer(["--fixtures", fixtures, "--token", "TOKEN-PLANTED-1", "--token", "OUTPUT-PLANTED-5",
                                              "--basic", "alice:PASSWORD-PLANTED-2", "--clock", scenario.expected.now])
        let work = NSTemporaryDirectory() + "poddoctor-leak-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let plugin = work + "/plugin.sh"
        try """
            #!/bin/sh
            echo "plugin stderr mentions $PLANTED_ENV and $1" >&2
            printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"OUTPUT-PLANTED-5"}}'
            """.write(toFile: plugin, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: plugin)
        try "FILETOKEN-PLANTED-9\n".write(toFile: work + "/token", atomically: true, encoding: .utf8)
        let ca = TestAPIServer.repositoryPath("Tests/Fixtures/certs/ca.pem")
        let cert = Data("-----BEGIN CERTIFICATE-----\nCERT-PLANTED-10\n-----END CERTIFICATE-----\n".utf8).base64EncodedString()
        let key = Data("-----BEGIN PRIVATE KEY-----\nKEY-PLANTED-11\n-----END PRIVATE KEY-----\n".utf8).base64EncodedString()
        let kubeconfig = work + "/config"
        try """
            apiVersion: v1
            kind: Config
            current-context: token
            clusters:
            - name: test
              cluster: {server: "\(server.baseURL)", certificate-authority: "\(ca)"}
            - name: proxied
              cluster: {server: "\(server.baseURL)", certificate-authority: "\(ca)", proxy-url: "http://bob:PROXYPW-PLANTED-8@127.0.0.1:9"}
            contexts:
            - {name: token, context: {cluster: test, user: token, namespace: \(scenario.expected.pod.namespace)}}
            - {name: basic, context: {cluster: test, user: basic}}
            - {name: exec, context: {cluster: test, user: exec}}
            - {name: oidc, context: {cluster: test, user: oidc}}
            - {name: proxied, context: {cluster: proxied, user: token}}
            - {name: file, context: {cluster: test, user: file}}
            - {name: cert, context: {cluster: test, user: cert}}
            users:
            - {name: token, user: {token: TOKEN-PLANTED-1}}
            - {name: basic, user: {username: alice, password: PASSWORD-PLANTED-2}}
            - name: exec
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: \(plugin)
                  args: ["--secret=ARG-PLANTED-3"]
                  env: [{name: PLANTED_ENV, value: ENV-PLANTED-4}]
                  interactiveMode: Never
            - name: oidc
              user:
                auth-provider:
                  name: oidc
                  config: {id-token: IDTOKEN-PLANTED-6, refresh-token: REFRESH-PLANTED-7, idp-issuer-url: "https://issuer.example", client-id: x}
            - {name: file, user: {tokenFile: \(work)/token}}
            - {name: cert, user: {client-certificate-data: \(cert), client-key-data: \(key)}}
            """.write(toFile: kubeconfig, atomically: true, encoding: .utf8)

        var everything = ""
        for context in ["token", "basic", "exec", "oidc", "proxied", "file", "cert"] {
            let common = ["--kubeconfig", kubeconfig, "--context", context]
            for arguments in [["diagnose", "-A", "--verbose"], ["diagnose", "-n", scenario.expected.pod.namespace, "-o", "json"],
                              ["diagnose", scenario.expected.pod.name, "-n", scenario.expected.pod.namespace, "-o", "markdown"],
                              ["check-connection"]] {
                let result = try await CLI.run(arguments + common)
                everything += result.stdout + result.stderr
            }
            let snapshot = work + "/snapshot-\(context)"
            let result = try await CLI.run(["snapshot", "-A", "-f", snapshot] + common)
            everything += result.stdout + result.stderr
            for file in FileManager.default.enumerator(atPath: snapshot)?.compactMap({ $0 as? String }) ?? [] {
                everything += (try? String(contentsOfFile: snapshot + "/" + file, encoding: .utf8)) ?? ""
            }
        }
        #expect(everything.contains("kubectl"), "the runs produced diagnoses")
        for credential in Self.planted { #expect(!everything.contains(credential), "\(credential) appeared in the output") }
    }
}
