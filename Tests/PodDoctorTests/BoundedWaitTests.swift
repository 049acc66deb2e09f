import Foundation
import TestAPIServerHarness
import Testing

/// Every wait has a bound: a server that never answers, or a listener that never speaks TLS, ends
/// `diagnose` with exit 3 and a line naming the bound; `--request-timeout` sets it as kubectl's does.
@Suite("Bounded waits", .serialized, .enabled(if: CLI.binary != nil, "the poddoctor binary is not built: run `swift build` first"))
struct BoundedWaitTests {
    static func kubeconfig(server: String, token: String = "t") throws -> String {
        let path = NSTemporaryDirectory() + "poddoctor-bounded-\(UUID().uuidString).yaml"
        try """
            apiVersion: v1
            kind: Config
            current-context: c
            clusters: [{name: c, cluster: {server: "\(server)", certificate-authority: "\(TestAPIServer.repositoryPath("Tests/Fixtures/certs/ca.pem"))"}}]
            contexts: [{name: c, context: {cluster: c, user: u, namespace: rec}}]
            users: [{name: u, user: {token: \(token)}}]
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aServerThatNeverAnswersEndsWithinTheRequestTimeout() async throws {
        let server = try await TestAPIServer(["--fixtures", TestAPIServer.repositoryPath("Tests/Fixtures/apiserver-basic")])
        try await server.addFault(["path_prefix": "/api/v1/namespaces/rec/pods", "delay": 120])
        let config = try Self.kubeconfig(server: server.baseURL)
        defer { try? FileManager.default.removeItem(atPath: config) }
        let result = try await CLI.run(["diagnose", "--kubeconfig", config, "--request-timeout", "2s"])
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stderr.contains("did not answer in time") || result.stderr.contains("timed out"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        let usage = try await CLI.run(["diagnose", "--kubeconfig", config, "--request-timeout", "soon"])
        #expect(usage.status == 2)
    }

    /// `--qps`/`--burst` set the client's own rate limit: 0 lifts it, nonsense is a usage error naming the flag.
    @Test func rateLimitFlagsAreChecked() async throws {
        let server = try await TestAPIServer(["--fixtures", TestAPIServer.repositoryPath("Tests/Fixtures/apiserver-basic")])
        let config = try Self.kubeconfig(server: server.baseURL)
        defer { try? FileManager.default.removeItem(atPath: config) }
        let unlimited = try await CLI.run(["diagnose", "--kubeconfig", config, "-n", "rec", "--qps", "0", "--burst", "1"])
        #expect(unlimited.status == 0, "\(unlimited.stderr)")
        #expect(unlimited.stdout.contains("cache-warmup"))
        let negative = try await CLI.run(["diagnose", "--kubeconfig", config, "-n", "rec", "--qps", "-1"])
        #expect(negative.status == 2)
        #expect(negative.stderr.contains("--qps"), "\(negative.stderr)")
        let zeroBurst = try await CLI.run(["diagnose", "--kubeconfig", config, "-n", "rec", "--burst", "0"])
        #expect(zeroBurst.status == 2)
        #expect(zeroBurst.stderr.contains("--burst"), "\(zeroBurst.stderr)")
    }

    /// A listener that accepts connections and never says a word (not even TLS): the connect timeout ends it.
    @Test func aSilentListenerEndsWithinTheConnectTimeout() async throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(listener >= 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) == 0 && listen(listener, 16) == 0 && getsockname(listener, $0, &length) == 0 }
        }
        #expect(bound)
        let port = Int(UInt16(bigEndian: address.sin_port))
        let config = try Self.kubeconfig(server: "https://127.0.0.1:\(port)")
        defer { try? FileManager.default.removeItem(atPath: config) }
        let result = try await CLI.run(["check-connection", "--kubeconfig", config, "--request-timeout", "3s"])
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    }
}
