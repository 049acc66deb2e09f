import Foundation
import KubeClient
import TestAPIServerHarness
import Testing

/// A credential or setting with a line break cannot add HTTP headers: it is refused before anything
/// is sent, and the error never repeats the value.
@Suite("Header injection")
struct HeaderInjectionTests {
    static func client(_ server: TestAPIServer, credentials: Credentials, impersonation: Impersonation? = nil) throws -> KubernetesClient {
        try KubernetesClient(configuration: ClientConfiguration(
            server: server.baseURL, tls: TLSConfiguration(certificateAuthorityPEM: TestAPIServer.certificate("ca.pem")), proxy: .none,
            credentials: credentials, impersonation: impersonation))
    }

    @Test func aTokenWithALineBreakIsRefused() async throws {
        let server = try await TestAPIServer(["--fixtures", TestAPIServer.repositoryPath("Tests/Fixtures/apiserver-basic"), "--token", "good"])
        // (A basic-auth user with a line break is harmless: it travels base64-encoded.)
        let basic = try Self.client(server, credentials: .basic(username: "alice\nImpersonate-Group: system:masters", password: "pw-SECRET-1"))
        _ = try? await basic.send(basic.request(path: "/api/v1/namespaces/rec/pods"))
        for credentials in [Credentials.token("good\r\nImpersonate-User: system:admin"), .token("good\u{1B}[2J")] {
            let client = try Self.client(server, credentials: credentials)
            do {
                _ = try await client.send(client.request(path: "/api/v1/namespaces/rec/pods"))
                Issue.record("a credential with a line break was sent")
            } catch let error as ConfigurationError {
                #expect(!"\(error)".contains("Impersonate") && !"\(error)".contains("pw-SECRET-1"), "\(error)")
            }
        }
        let impersonating = try Self.client(server, credentials: .token("good"), impersonation: Impersonation(user: "bob\r\nX-Evil: 1"))
        await #expect(throws: ConfigurationError.self) { _ = try await impersonating.send(impersonating.request(path: "/api/v1/pods")) }
        let requests = try await server.requests()
        #expect(requests.allSatisfy { $0.header("Impersonate-User") == nil && $0.header("Impersonate-Group") == nil && $0.header("X-Evil") == nil })
    }

    @Test func theTransportRefusesHeadersWithLineBreaks() async throws {
        let server = try await TestAPIServer(["--fixtures", TestAPIServer.repositoryPath("Tests/Fixtures/apiserver-basic")])
        let client = try Self.client(server, credentials: .none)
        let request = client.request(path: "/api/v1/pods", headers: ["X-Trace": "a\r\nX-Injected: yes"])
        do {
            _ = try await client.send(request)
            Issue.record("a header with a line break was sent")
        } catch let error as TransportError {
            #expect(error.kind == .invalidRequest)
        }
        #expect(try await server.requests().allSatisfy { $0.header("X-Injected") == nil })
    }
}
