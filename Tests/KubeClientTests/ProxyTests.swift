import Foundation
import KubeClient
import TestAPIServerHarness
import Testing

@Suite("Proxies")
struct ProxyTests {
    @Test func connectProxyCarriesTheRequest() async throws {
        let server = try await TestAPIServer(["--connect-proxy"])
        let proxyPort = try #require(server.connectProxyPort)
        let transport = try makeTransport(proxy: .url("http://127.0.0.1:\(proxyPort)"))
        let response = try await transport.send(HTTPRequest(url: server.url("/test/echo")))
        #expect(response.status == 200)
        let log = try await server.proxyLog()
        #expect(log.allSatisfy { $0["type"] as? String == "connect" })
        let targets = log.compactMap { $0["target"] as? String }
        #expect(targets.contains("127.0.0.1:\(server.port)"))
    }

    @Test func socks5ProxyResolvesNames() async throws {
        let server = try await TestAPIServer(["--socks5-proxy"])
        let proxyPort = try #require(server.socks5ProxyPort)
        let transport = try makeTransport(proxy: .url("socks5://127.0.0.1:\(proxyPort)"))
        let response = try await transport.send(HTTPRequest(url: "https://localhost:\(server.port)/test/echo"))
        #expect(response.status == 200)
        let log = try await server.proxyLog()
        let entry = try #require(log.first { ($0["type"] as? String)?.lowercased().contains("socks") == true })
        // The name reached the proxy unresolved (socks5h), as Go's client sends it.
        #expect(entry["address"] as? String == "localhost")
        #expect(entry["address_type"] as? String == "DOMAIN")
        #expect(entry["port"] as? Int == server.port)
    }

    @Test func environmentProxyIsUsedForNonLoopbackOnly() async throws {
        let server = try await TestAPIServer(["--connect-proxy"])
        let proxyPort = try #require(server.connectProxyPort)
        let env = ["HTTPS_PROXY": "http://127.0.0.1:\(proxyPort)"]
        // Loopback never goes through an environment proxy, as in kubectl.
        let transport = try makeTransport(proxy: .environment(env))
        #expect(try await transport.send(HTTPRequest(url: server.url("/version"))).status == 200)
        #expect(try await server.proxyLog().isEmpty)
    }

    @Test func deadProxyIsReportedAsAProxyFailure() async throws {
        let listener = try SilentListener(listening: false)  // bound, not listening: refused
        defer { withExtendedLifetime(listener) {} }
        let port = listener.port
        let server = try await TestAPIServer()
        let transport = try makeTransport(proxy: .url("http://127.0.0.1:\(port)"))
        let error = await transportError { _ = try await transport.send(HTTPRequest(url: server.url("/version"))) }
        #expect(error?.kind == .proxy)
    }
}
