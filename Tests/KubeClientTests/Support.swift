import Foundation
import KubeClient
import TestAPIServerHarness

/// A transport that trusts the test CA (or the named one) and never uses an environment proxy.
func makeTransport(
    ca: String? = "ca.pem",
    clientCertificate: String? = nil,
    clientKey: String? = nil,
    serverName: String? = nil,
    insecure: Bool = false,
    proxy: ProxyConfiguration = .none,
    connectTimeout: Duration = .seconds(5),
    requestTimeout: Duration? = .seconds(30),
    allowHTTP2: Bool = true,
    streamBufferBytes: Int = 1 << 20,
    observer: (@Sendable (TransferMetrics) -> Void)? = nil
) throws -> CurlTransport {
    try CurlTransport(configuration: TransportConfiguration(
        tls: TLSConfiguration(
            certificateAuthorityPEM: ca.map(TestAPIServer.certificate),
            clientCertificatePEM: clientCertificate.map(TestAPIServer.certificate),
            clientKeyPEM: clientKey.map(TestAPIServer.certificate),
            insecureSkipVerify: insecure,
            serverName: serverName
        ),
        proxy: proxy,
        connectTimeout: connectTimeout,
        requestTimeout: requestTimeout,
        streamBufferBytes: streamBufferBytes,
        allowHTTP2: allowHTTP2,
        observer: observer
    ))
}

/// Runs `body` and returns the ``TransportError`` it throws, or `nil` when it does not throw one.
func transportError(_ body: () async throws -> Void) async -> TransportError? {
    do {
        try await body()
        return nil
    } catch let error as TransportError {
        return error
    } catch {
        return nil
    }
}

/// This process's resident memory in bytes (from /proc/self/statm), or 0 where unavailable.
func residentMemoryBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// Whether nginx is installed (the HTTP/2 tests need it as a front).
let nginxAvailable: Bool = ["/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx"]
    .contains { FileManager.default.isExecutableFile(atPath: $0) }

/// A loopback TCP socket that listens but never accepts: connections complete in the kernel and
/// then hear nothing, so a TLS handshake to it never finishes.
final class SilentListener {
    let port: Int
    private let descriptor: Int32

    /// `listening: false` binds the port without listening: connections are refused, and no other
    /// socket can take the port while this one holds it (no reuse race between tests).
    init(listening: Bool = true) throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, !listening || listen(descriptor, 16) == 0 else {
            close(descriptor)
            throw TestAPIServer.StartError(description: "cannot listen on loopback")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { stop() }

    private var closed = false

    /// Closes the socket now: connections to the port are then refused.
    func stop() {
        guard !closed else { return }
        closed = true
        close(descriptor)
    }
}

/// Waits up to two seconds for the transport to hold no transfer; returns whether it got there.
func eventuallyIdle(_ transport: CurlTransport) async throws -> Bool {
    for _ in 0..<40 {
        if transport.activeTransfers == 0 { return true }
        try await Task.sleep(for: .milliseconds(50))
    }
    return transport.activeTransfers == 0
}

/// Runs `body` and returns the ``ConfigurationError`` it throws, or `nil` when it throws none.
func configurationError<T>(_ body: () throws -> T) -> ConfigurationError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error as? ConfigurationError
    }
}

/// The async form of ``configurationError(_:)``.
func configurationError<T>(_ body: () async throws -> T) async -> ConfigurationError? {
    do {
        _ = try await body()
        return nil
    } catch {
        return error as? ConfigurationError
    }
}
