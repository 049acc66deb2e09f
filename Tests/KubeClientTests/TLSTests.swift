import Foundation
import KubeClient
import TestAPIServerHarness
import Testing

@Suite("TLS")
struct TLSTests {
    @Test func trustedCAIsAccepted() async throws {
        let server = try await TestAPIServer()
        let response = try await makeTransport().send(HTTPRequest(url: server.url("/version")))
        #expect(response.status == 200)
        #expect(response.text.contains("gitVersion"))
    }

    @Test func wrongCAIsRejected() async throws {
        let server = try await TestAPIServer()
        let error = await transportError { _ = try await makeTransport(ca: "other-ca.pem").send(HTTPRequest(url: server.url("/version"))) }
        #expect(error?.kind == .tlsVerification)
        #expect(error?.description.contains("certificate-authority") == true)
    }

    @Test func systemStoreDoesNotTrustTheTestCA() async throws {
        let server = try await TestAPIServer()
        let error = await transportError { _ = try await makeTransport(ca: nil).send(HTTPRequest(url: server.url("/version"))) }
        #expect(error?.kind == .tlsVerification)
    }

    @Test func wrongHostNameIsRejected() async throws {
        let server = try await TestAPIServer(["--cert", TestAPIServer.certificatePath("server-wrong-host.pem"),
                                              "--key", TestAPIServer.certificatePath("server-wrong-host-key.pem")])
        let error = await transportError { _ = try await makeTransport().send(HTTPRequest(url: server.url("/version"))) }
        #expect(error?.kind == .tlsVerification)
        #expect(error?.hint?.contains("tls-server-name") == true)
    }

    @Test func expiredCertificateIsRejected() async throws {
        let server = try await TestAPIServer(["--cert", TestAPIServer.certificatePath("server-expired.pem"),
                                              "--key", TestAPIServer.certificatePath("server-expired-key.pem")])
        let error = await transportError { _ = try await makeTransport().send(HTTPRequest(url: server.url("/version"))) }
        #expect(error?.kind == .tlsVerification)
        #expect(error?.description.lowercased().contains("expired") == true)
    }

    @Test func insecureSkipsVerification() async throws {
        let server = try await TestAPIServer(["--cert", TestAPIServer.certificatePath("other-server.pem"),
                                              "--key", TestAPIServer.certificatePath("other-server-key.pem")])
        let response = try await makeTransport(ca: nil, insecure: true).send(HTTPRequest(url: server.url("/version")))
        #expect(response.status == 200)
    }

    @Test func tlsServerNameIsSentAndVerified() async throws {
        let server = try await TestAPIServer(["--cert", TestAPIServer.certificatePath("server-named.pem"),
                                              "--key", TestAPIServer.certificatePath("server-named-key.pem")])
        // Without the name, 127.0.0.1 does not match the certificate.
        let error = await transportError { _ = try await makeTransport().send(HTTPRequest(url: server.url("/version"))) }
        #expect(error?.kind == .tlsVerification)

        let transport = try makeTransport(serverName: "kube-api.poddoctor.test")
        let response = try await transport.send(HTTPRequest(url: server.url("/test/echo")))
        #expect(response.status == 200)
        let seen = try #require(try await server.requests().last)
        #expect(seen.sni == "kube-api.poddoctor.test")
        #expect(seen.header("Host") == "127.0.0.1:\(server.port)")
    }

    @Test func clientCertificateIsPresented() async throws {
        let server = try await TestAPIServer(["--client-ca", TestAPIServer.certificatePath("ca.pem")])
        let transport = try makeTransport(clientCertificate: "client.pem", clientKey: "client-key.pem")
        let response = try await transport.send(HTTPRequest(url: server.url("/api/v1/namespaces/default/pods")))
        #expect(response.status == 200)
        let seen = try #require(try await server.requests().last)
        #expect(seen.clientSubject?.CN == "poddoctor-admin")
        #expect(seen.clientSubject?.O == ["system:masters"])
        #expect(seen.user == "poddoctor-admin")
    }

    @Test func serverRequiringClientCertificateRefusesClientWithout() async throws {
        let server = try await TestAPIServer(["--client-ca", TestAPIServer.certificatePath("ca.pem"), "--require-client-cert"])
        let without = await transportError { _ = try await makeTransport().send(HTTPRequest(url: server.url("/version"))) }
        #expect(without?.kind == .clientCertificate)
        #expect(without?.description.contains("client-certificate") == true)

        let wrongCA = await transportError {
            _ = try await makeTransport(clientCertificate: "client-other-ca.pem", clientKey: "client-other-ca-key.pem")
                .send(HTTPRequest(url: server.url("/version")))
        }
        // Under TLS 1.3 the refusal may only show as a closed connection; the error then says so.
        let refused = wrongCA?.kind == .clientCertificate
            || (wrongCA?.kind == .connectionDropped && wrongCA?.hint?.contains("client certificate") == true)
        #expect(refused, "\(String(describing: wrongCA))")

        let with = try await makeTransport(clientCertificate: "client.pem", clientKey: "client-key.pem")
            .send(HTTPRequest(url: server.url("/version")))
        #expect(with.status == 200)
    }

    @Test func certificateWithoutKeyIsAConfigurationError() async throws {
        let server = try await TestAPIServer()
        let error = await transportError {
            _ = try await makeTransport(clientCertificate: "client.pem").send(HTTPRequest(url: server.url("/version")))
        }
        #expect(error?.kind == .invalidRequest)
        #expect(error?.description.contains("client-key") == true)
    }

    @Test func garbageClientKeyIsReported() async throws {
        let server = try await TestAPIServer()
        let transport = try CurlTransport(configuration: TransportConfiguration(
            tls: TLSConfiguration(
                certificateAuthorityPEM: TestAPIServer.certificate("ca.pem"),
                clientCertificatePEM: TestAPIServer.certificate("client.pem"),
                clientKeyPEM: Array("-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n".utf8)
            ),
            proxy: .none
        ))
        let error = await transportError { _ = try await transport.send(HTTPRequest(url: server.url("/version"))) }
        // Not "rejected": the server rejected nothing; the key could not be loaded here.
        #expect(error?.kind == .unreadableClientCertificate, "\(String(describing: error))")
        #expect(error?.description.contains("not a key") == false)
    }
}
