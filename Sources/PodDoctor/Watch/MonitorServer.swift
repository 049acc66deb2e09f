import FlyingFox
import Foundation

/// Serves a ``WatchMonitor`` over HTTP: `/metrics` (Prometheus text format), `/healthz` and `/readyz`.
public struct MonitorServer: Sendable {
    let monitor: WatchMonitor
    let server: HTTPServer

    /// A server on `port` of every address (0 picks a free one), or of loopback only.
    public init(monitor: WatchMonitor, port: UInt16, loopbackOnly: Bool = false) throws {
        self.monitor = monitor
        let address = loopbackOnly ? try sockaddr_in.inet(ip4: "127.0.0.1", port: port) : sockaddr_in.inet(port: port)
        server = HTTPServer(address: address)
    }

    /// Runs until the task is cancelled.
    public func run() async throws {
        let monitor = monitor
        await server.appendRoute("GET /metrics") { _ in
            HTTPResponse(statusCode: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"], body: Data(monitor.exposition().utf8))
        }
        await server.appendRoute("GET /healthz") { _ in
            monitor.isHealthy() ? HTTPResponse(statusCode: .ok, body: Data("ok\n".utf8))
                : HTTPResponse(statusCode: .serviceUnavailable, body: Data("the watch has not synced for too long\n".utf8))
        }
        await server.appendRoute("GET /readyz") { _ in
            monitor.isReady ? HTTPResponse(statusCode: .ok, body: Data("ok\n".utf8))
                : HTTPResponse(statusCode: .serviceUnavailable, body: Data("waiting for the first list of pods\n".utf8))
        }
        try await server.run()
    }

    /// The port it listens on, once it does.
    public func port() async throws -> UInt16? {
        try await server.waitUntilListening()
        guard case .ip4(_, let port)? = await server.listeningAddress else { return nil }
        return port
    }
}
