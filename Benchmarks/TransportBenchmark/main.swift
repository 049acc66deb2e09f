// Transport benchmark: requests per second for small GETs against the test API server, over reused
// HTTP/1.1 connections, multiplexed HTTP/2 (through the nginx front), and a new connection per request.
//
//     swift run -c release transport-bench [requests]
//
// Not a test: it prints figures and asserts nothing.
import Foundation
import KubeClient
import TestAPIServerHarness

let count = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 1_000
let caPEM = TestAPIServer.certificate("ca.pem")

func configuration(http2: Bool) -> TransportConfiguration {
    TransportConfiguration(tls: TLSConfiguration(certificateAuthorityPEM: caPEM), proxy: .none, allowHTTP2: http2)
}

/// Runs `count` requests with at most `parallel` in flight; returns requests per second and new connections.
func measure(_ name: String, url: String, parallel: Int, freshTransportEachTime: Bool = false, http2: Bool) async throws {
    let shared = try CurlTransport(configuration: configuration(http2: http2))
    _ = try await shared.send(HTTPRequest(url: url)).checkSuccess()  // warm-up: connect once
    let clock = ContinuousClock()
    let start = clock.now
    let connections = try await withThrowingTaskGroup(of: Int.self) { group in
        var started = 0
        var total = 0
        func launch() {
            group.addTask {
                let transport = freshTransportEachTime ? try CurlTransport(configuration: configuration(http2: http2)) : shared
                return try await transport.send(HTTPRequest(url: url)).checkSuccess().metrics.newConnections
            }
            started += 1
        }
        while started < min(parallel, count) { launch() }
        while let opened = try await group.next() {
            total += opened
            if started < count { launch() }
        }
        return total
    }
    let seconds = Double((clock.now - start).components.attoseconds) / 1e18 + Double((clock.now - start).components.seconds)
    let rate = Double(count) / seconds
    let label = name.padding(toLength: 48, withPad: " ", startingAt: 0)
    print(label + String(format: "%8.0f req/s  %6.3f s  %5d new connections", rate, seconds, connections))
}

let server = try await TestAPIServer(["--h2-frontend"])
print("\(count) GET /version per row, test API server at \(server.baseURL)")
try await measure("HTTP/1.1 reused, sequential", url: server.url("/version"), parallel: 1, http2: false)
try await measure("HTTP/1.1 reused, 16 in flight", url: server.url("/version"), parallel: 16, http2: false)
try await measure("HTTP/1.1 new connection each, sequential", url: server.url("/version"), parallel: 1,
                  freshTransportEachTime: true, http2: false)
if let h2 = server.h2URL("/version") {
    try await measure("HTTP/2 (nginx) reused, sequential", url: h2, parallel: 1, http2: true)
    try await measure("HTTP/2 (nginx) multiplexed, 16 in flight", url: h2, parallel: 16, http2: true)
    try await measure("HTTP/1.1 (nginx) reused, sequential", url: h2, parallel: 1, http2: false)
    try await measure("HTTP/2 (nginx) new connection each, sequential", url: h2, parallel: 1,
                      freshTransportEachTime: true, http2: true)
} else {
    print("no HTTP/2 rows: \(server.h2Error ?? "nginx front unavailable")")
}
server.stop()
