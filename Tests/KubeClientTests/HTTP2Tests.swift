import Foundation
import KubeClient
import TestAPIServerHarness
import Testing

@Suite("HTTP/2 through an nginx front", .enabled(if: nginxAvailable, "nginx is not installed: the HTTP/2 tests need it as a TLS front"))
struct HTTP2Tests {
    @Test func http2IsNegotiatedAndMultiplexed() async throws {
        let server = try await TestAPIServer(["--h2-frontend"])
        let base = try #require(server.h2URL(""), "no HTTP/2 front: \(server.h2Error ?? "unknown")")
        let seen = Observed()
        let transport = try makeTransport(observer: { seen.append($0) })
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<200 {
                group.addTask { try await transport.send(HTTPRequest(url: base + "/test/echo?i=\(index)")).status }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses.count == 200 && statuses.allSatisfy { $0 == 200 })
        #expect(seen.all.allSatisfy { $0.httpVersion == "HTTP/2" })
        let requests = try await server.requests()
        #expect(requests.count == 200)
        #expect(requests.allSatisfy { $0.protocol == "HTTP/2.0" })
        // All 200 streams travelled over a single client connection.
        #expect(Set(requests.map(\.connectionID)).count == 1)
        #expect(seen.all.reduce(0) { $0 + $1.newConnections } == 1)
    }

    @Test func streamsWorkOverHTTP2() async throws {
        let server = try await TestAPIServer(["--h2-frontend"])
        let base = try #require(server.h2URL(""), "no HTTP/2 front: \(server.h2Error ?? "unknown")")
        let response = try await makeTransport().stream(HTTPRequest(url: base + "/test/stream?lines=5&interval=0.05"))
        #expect(response.status == 200)
        var count = 0
        for try await line in response.body.lines() {
            let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
            #expect(object?["n"] as? Int == count)
            count += 1
        }
        #expect(count == 5)
    }

    @Test func http1CanBeForced() async throws {
        let server = try await TestAPIServer(["--h2-frontend"])
        let base = try #require(server.h2URL(""), "no HTTP/2 front: \(server.h2Error ?? "unknown")")
        let response = try await makeTransport(allowHTTP2: false).send(HTTPRequest(url: base + "/test/echo"))
        #expect(response.metrics.httpVersion == "HTTP/1.1")
        #expect(try await server.requests().last?.protocol == "HTTP/1.1")
    }
}
