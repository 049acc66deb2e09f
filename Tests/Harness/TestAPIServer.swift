import Foundation
import KubeClient

/// Starts the Python test API server (`Tests/TestAPIServer/apiserver.py`) on free loopback ports and
/// talks to its control API. The server exits when this object goes away (its stdin closes), so a
/// crashed test leaves nothing running.
public final class TestAPIServer: @unchecked Sendable {
    /// Where the server could not be started.
    public struct StartError: Error, CustomStringConvertible {
        /// What went wrong.
        public let description: String
        /// Creates an error saying what went wrong.
        public init(description: String) { self.description = description }
    }

    /// The main (HTTPS unless `--plain-http`) port.
    public let port: Int
    /// The HTTP CONNECT proxy's port, with `--connect-proxy`.
    public let connectProxyPort: Int?
    /// The SOCKS5 proxy's port, with `--socks5-proxy`.
    public let socks5ProxyPort: Int?
    /// The nginx HTTP/2 front's port, with `--h2-frontend` when nginx is installed.
    public let h2Port: Int?
    /// Why there is no HTTP/2 front, when there is none.
    public let h2Error: String?
    /// The base URL, e.g. `https://127.0.0.1:43123`.
    public let baseURL: String

    private let process: Process
    private let stdinPipe: Pipe
    private let control: CurlTransport

    /// Starts a server with the given command-line arguments (see `Tests/TestAPIServer/README.md`).
    public init(_ arguments: [String] = [], plainHTTP: Bool = false) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.repositoryPath("Tests/TestAPIServer/apiserver.py")] + arguments
            + (plainHTTP ? ["--plain-http"] : [])
        let stdinPipe = Pipe()
        let stdoutPipe = Pipe()
        process.standardInput = stdinPipe
        process.standardOutput = stdoutPipe
        process.standardError = FileHandle.standardError
        try process.run()
        self.process = process
        self.stdinPipe = stdinPipe

        // If the server never reports ready, stop it so the read below sees end-of-file.
        let watchdog = DispatchWorkItem { [process] in if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 20, execute: watchdog)
        let line = await Self.readLine(from: stdoutPipe.fileHandleForReading)
        watchdog.cancel()
        guard let line, let data = line.data(using: .utf8),
              let ready = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let port = ready["port"] as? Int
        else {
            process.terminate()
            throw StartError(description: "the test API server did not report ready (got: \(line ?? "nothing"))")
        }
        self.port = port
        connectProxyPort = ready["connect_proxy_port"] as? Int
        socks5ProxyPort = ready["socks5_proxy_port"] as? Int
        h2Port = ready["h2_port"] as? Int
        h2Error = ready["h2_error"] as? String
        baseURL = "\(plainHTTP ? "http" : "https")://127.0.0.1:\(port)"
        // The harness talks to its own child over loopback, whatever certificate a test gave the server.
        control = try CurlTransport(configuration: TransportConfiguration(
            tls: TLSConfiguration(
                clientCertificatePEM: Self.certificate("client.pem"), clientKeyPEM: Self.certificate("client-key.pem"),
                insecureSkipVerify: true
            ),
            proxy: .none, allowHTTP2: false
        ))
    }

    deinit {
        stop()
    }

    /// Stops the server: closes its stdin (it exits within milliseconds) and reaps it on a thread of
    /// its own, so no task of the shared concurrency pool ever blocks on it.
    public func stop() {
        guard process.isRunning else { return }
        try? stdinPipe.fileHandleForWriting.close()
        let process = process
        Thread {
            let deadline = Date().addingTimeInterval(3)
            while process.isRunning && Date() < deadline { usleep(10_000) }
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }.start()
    }

    /// A URL on this server.
    public func url(_ path: String) -> String { baseURL + path }

    /// The HTTP/2 front's URL for `path`, when nginx runs.
    public func h2URL(_ path: String) -> String? { h2Port.map { "https://127.0.0.1:\($0)\(path)" } }

    // MARK: - Fixtures

    /// The absolute path of a file in this repository.
    public static func repositoryPath(_ relative: String) -> String {
        // This file is Tests/Harness/TestAPIServer.swift.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent(relative).path
    }

    /// The bytes of a test certificate or key in `Tests/Fixtures/certs`.
    public static func certificate(_ name: String) -> [UInt8] {
        let path = repositoryPath("Tests/Fixtures/certs/\(name)")
        return FileManager.default.contents(atPath: path).map(Array.init) ?? []
    }

    /// The path of a test certificate or key in `Tests/Fixtures/certs`.
    public static func certificatePath(_ name: String) -> String {
        repositoryPath("Tests/Fixtures/certs/\(name)")
    }

    // MARK: - Control API

    /// Every request the server recorded (control calls excluded), oldest first.
    public func requests() async throws -> [RecordedRequest] {
        try await controlGet("/_control/requests", as: [RecordedRequest].self)
    }

    /// Every connection the server saw.
    public func connections() async throws -> [RecordedConnection] {
        try await controlGet("/_control/connections", as: [RecordedConnection].self)
    }

    /// What the CONNECT and SOCKS5 proxies recorded, as raw JSON objects.
    public func proxyLog() async throws -> [[String: Any]] {
        let response = try await control.send(HTTPRequest(url: url("/_control/proxy-log"))).checkSuccess()
        return (try JSONSerialization.jsonObject(with: response.body) as? [[String: Any]]) ?? []
    }

    /// Installs a fault (see the server's README), e.g. `["path": "/x", "status": 503, "retry_after": 1]`.
    public func addFault(_ fault: [String: Any]) async throws {
        try await controlPost("/_control/faults", fault)
    }

    /// Clears recorded requests and faults.
    public func reset() async throws {
        try await controlPost("/_control/reset", [:])
    }

    /// Posts a JSON body to a control endpoint.
    public func controlPost(_ path: String, _ body: Any) async throws {
        let data = try JSONSerialization.data(withJSONObject: body)
        try await control.send(HTTPRequest(
            method: .post, url: url(path), headers: ["Content-Type": "application/json"], body: Array(data)
        )).checkSuccess()
    }

    private func controlGet<T: Decodable>(_ path: String, as type: T.Type) async throws -> T {
        let response = try await control.send(HTTPRequest(url: url(path))).checkSuccess()
        return try JSONDecoder().decode(T.self, from: response.body)
    }

    private static func readLine(from handle: FileHandle) async -> String? {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                var bytes: [UInt8] = []
                while true {
                    let data = handle.readData(ofLength: 1)
                    guard let byte = data.first else { break }
                    if byte == UInt8(ascii: "\n") { break }
                    bytes.append(byte)
                }
                continuation.resume(returning: bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self))
            }
            thread.start()
        }
    }
}
