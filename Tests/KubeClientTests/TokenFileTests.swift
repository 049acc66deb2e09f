import Foundation
import TestAPIServerHarness
import Testing
@testable import KubeClient

@Suite("Rotating token files")
struct TokenFileTests {
    static func write(_ token: String, to path: String) throws {
        try token.write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func rereadAfterFiftySecondsAndKeepsTheLastGoodToken() throws {
        let path = NSTemporaryDirectory() + "poddoctor-token-" + UUID().uuidString
        try Self.write("first\n", to: path)
        let source = TokenFileSource(path: path, initial: nil)
        let start = Date()
        #expect(try source.token(now: start) == "first")
        try Self.write("second", to: path)
        #expect(try source.token(now: start.addingTimeInterval(10)) == "first")
        #expect(try source.token(now: start.addingTimeInterval(51)) == "second")
        try FileManager.default.removeItem(atPath: path)
        #expect(try source.token(now: start.addingTimeInterval(120)) == "second")
        #expect(try source.token(forceReload: true, now: start.addingTimeInterval(121)) == "second")
    }

    @Test func unreadableFromTheStartIsAnError() {
        let source = TokenFileSource(path: "/nonexistent/token", initial: nil)
        let error = configurationError { try source.token() }
        #expect(error?.kind == .unreadableFile)
        #expect(error?.file == "/nonexistent/token")
    }

    @Test func a401RereadsTheFileAtOnce() async throws {
        let server = try await TestAPIServer(["--token", "token-a=a", "--token", "token-b=b"])
        let path = NSTemporaryDirectory() + "poddoctor-token-" + UUID().uuidString
        try Self.write("token-a", to: path)
        let client = try KubernetesClient(configuration: ClientConfiguration(
            server: server.baseURL, tls: TLSConfiguration(certificateAuthorityPEM: TestAPIServer.certificate("ca.pem")),
            proxy: .none, credentials: .tokenFile(path)))
        #expect(try await client.send(client.request(path: "/api/v1/pods")).status == 200)
        try Self.write("token-b", to: path)
        try await server.addFault(["path": "/api/v1/pods", "status": 401, "times": 1])
        #expect(try await client.send(client.request(path: "/api/v1/pods")).status == 200)
        let seen = try await server.requests().map { $0.header("Authorization") }
        #expect(seen == ["Bearer token-a", "Bearer token-a", "Bearer token-b"])
    }
}
