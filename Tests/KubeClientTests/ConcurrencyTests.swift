import Foundation
import KubeClient
import TestAPIServerHarness
import Testing

@Suite("Concurrency and connection reuse")
struct ConcurrencyTests {
    @Test func twoHundredConcurrentGETsShareFewConnections() async throws {
        let server = try await TestAPIServer()
        let transport = try makeTransport(allowHTTP2: false)
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<200 {
                group.addTask { try await transport.send(HTTPRequest(url: server.url("/test/echo?i=\(index)"))).status }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses.count == 200)
        #expect(statuses.allSatisfy { $0 == 200 })
        let requests = try await server.requests()
        #expect(requests.count == 200)
        let connections = Set(requests.map(\.connectionID))
        #expect(connections.count <= transport.configuration.maxConnectionsPerHost)
    }

    @Test func sequentialRequestsReuseOneConnection() async throws {
        let server = try await TestAPIServer()
        let transport = try makeTransport()
        for _ in 0..<20 {
            _ = try await transport.send(HTTPRequest(url: server.url("/test/echo"))).checkSuccess()
        }
        let connections = Set(try await server.requests().map(\.connectionID))
        #expect(connections.count == 1)
    }

    @Test func userAgentAndGzipAreSent() async throws {
        let server = try await TestAPIServer()
        let response = try await makeTransport().send(HTTPRequest(url: server.url("/test/bytes?n=200000")))
        #expect(response.status == 200)
        #expect(response.headers["Content-Encoding"] == "gzip")
        #expect(response.body.count == 200_000)
        let seen = try #require(try await server.requests().last)
        #expect(seen.header("User-Agent") == UserAgent.default)
        #expect(UserAgent.default.hasPrefix("poddoctor/\(UserAgent.version) (linux/"))
        #expect(seen.header("Accept-Encoding") == "gzip")
    }

    @Test func compressionCanBeTurnedOff() async throws {
        let server = try await TestAPIServer()
        let transport = try CurlTransport(configuration: TransportConfiguration(
            tls: TLSConfiguration(certificateAuthorityPEM: TestAPIServer.certificate("ca.pem")),
            proxy: .none, compression: false
        ))
        let response = try await transport.send(HTTPRequest(url: server.url("/test/bytes?n=200000")))
        #expect(response.headers["Content-Encoding"] == nil)
        #expect(response.body.count == 200_000)
        #expect(try await server.requests().last?.header("Accept-Encoding") == nil)
    }

    @Test func observerSeesEveryTransferWithoutCredentials() async throws {
        let server = try await TestAPIServer(["--token", "s3cret-token=alice"])
        let seen = Observed()
        let transport = try makeTransport(observer: { seen.append($0) })
        _ = try await transport.send(HTTPRequest(
            url: server.url("/api/v1/namespaces/default/pods"), headers: ["Authorization": "Bearer s3cret-token"]))
        let metrics = try #require(seen.all.first)
        #expect(metrics.status == 200)
        #expect(metrics.method == .get)
        #expect(metrics.newConnections == 1)
        #expect(metrics.httpVersion == "HTTP/1.1")
        #expect(!"\(metrics)".contains("s3cret"))
    }
}

/// Collects observer callbacks from the driver thread.
final class Observed: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [TransferMetrics] = []
    private var times: [Date] = []
    func append(_ metrics: TransferMetrics) { lock.withLock { items.append(metrics); times.append(Date()) } }
    var all: [TransferMetrics] { lock.withLock { items } }
    /// When each transfer finished, as the driver thread reported it.
    var finishedAt: [Date] { lock.withLock { times } }
}
