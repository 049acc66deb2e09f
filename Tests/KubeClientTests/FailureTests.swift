import Foundation
import KubeClient
import TestAPIServerHarness
import Testing

@Suite("Failures map to TransportError")
struct FailureTests {
    @Test func connectionRefused() async throws {
        let listener = try SilentListener(listening: false)  // bound, not listening: refused
        defer { withExtendedLifetime(listener) {} }
        let port = listener.port
        let error = await transportError { _ = try await makeTransport().send(HTTPRequest(url: "https://127.0.0.1:\(port)/version")) }
        #expect(error?.kind == .connectionRefused)
        #expect(error?.url == "https://127.0.0.1:\(port)/version")
    }

    @Test func connectTimeoutFires() async throws {
        let listener = try SilentListener()
        let seen = Observed()
        let transport = try makeTransport(connectTimeout: .milliseconds(500), observer: { seen.append($0) })
        let error = await transportError { _ = try await transport.send(HTTPRequest(url: "https://127.0.0.1:\(listener.port)/version")) }
        #expect(error?.kind == .connectTimeout)
        // Measured by the transport itself, so a busy test machine cannot blur it.
        let duration = try #require(seen.all.first?.duration)
        #expect(duration >= .milliseconds(450) && duration < .seconds(2), "\(duration)")
    }

    @Test func totalTimeoutFires() async throws {
        let server = try await TestAPIServer()
        let transport = try makeTransport(requestTimeout: .milliseconds(500))
        let error = await transportError { _ = try await transport.send(HTTPRequest(url: server.url("/test/delay?seconds=5"))) }
        #expect(error?.kind == .timeout)
        // A per-request timeout overrides the default.
        let slow = try await transport.send(HTTPRequest(url: server.url("/test/delay?seconds=1"), timeout: .seconds(10)))
        #expect(slow.status == 200)
    }

    @Test func nameResolutionFailure() async throws {
        let error = await transportError { _ = try await makeTransport().send(HTTPRequest(url: "https://no-such-host.invalid/version")) }
        #expect(error?.kind == .nameResolution)
    }

    @Test func invalidURL() async throws {
        let error = await transportError { _ = try await makeTransport().send(HTTPRequest(url: "ftp://example.com/x")) }
        #expect(error?.kind == .invalidRequest)
    }

    @Test(arguments: [401, 403, 404, 410, 429, 500, 503])
    func httpStatusesMapToTheTypedError(status: Int) async throws {
        let server = try await TestAPIServer()
        let response = try await makeTransport().send(HTTPRequest(url: server.url("/test/status/\(status)?retry_after=1")))
        #expect(response.status == status)
        let error = await transportError { try response.checkSuccess() }
        #expect(error?.kind == .httpStatus)
        #expect(error?.status == status)
        #expect(error?.hint != nil)
        #expect(error?.url == server.url("/test/status/\(status)?retry_after=1"))
    }

    @Test func retryAfterFaultOnAnAPIPath() async throws {
        let server = try await TestAPIServer()
        try await server.addFault(["path": "/api/v1/namespaces/default/pods", "status": 429, "retry_after": 2, "times": 1])
        let transport = try makeTransport()
        let first = try await transport.send(HTTPRequest(url: server.url("/api/v1/namespaces/default/pods")))
        #expect(first.status == 429)
        #expect(first.headers["Retry-After"] == "2")
        let error = await transportError { try first.checkSuccess() }
        #expect(error?.detail?.contains("TooManyRequests") == true)
        let second = try await transport.send(HTTPRequest(url: server.url("/api/v1/namespaces/default/pods")))
        #expect(second.status == 200)
    }

    @Test func htmlFromAProxyIsNamed() async throws {
        let server = try await TestAPIServer()
        let response = try await makeTransport().send(HTTPRequest(url: server.url("/test/html-error")))
        let error = await transportError { try response.checkSuccess() }
        #expect(error?.status == 502)
        #expect(error?.detail?.contains("not a Kubernetes API response") == true)
    }

    @Test func droppedConnection() async throws {
        let server = try await TestAPIServer()
        let error = await transportError { _ = try await makeTransport().send(HTTPRequest(url: server.url("/test/drop"))) }
        #expect(error?.kind == .connectionDropped)
    }

    @Test func truncatedBody() async throws {
        let server = try await TestAPIServer()
        let error = await transportError { _ = try await makeTransport().send(HTTPRequest(url: server.url("/test/truncate"))) }
        #expect(error?.kind == .truncatedResponse)
    }

    @Test func cancellingARequestAbortsIt() async throws {
        let server = try await TestAPIServer()
        let seen = Observed()
        let transport = try makeTransport(observer: { seen.append($0) })
        let task = Task { try await transport.send(HTTPRequest(url: server.url("/test/delay?seconds=10"))) }
        try await Task.sleep(for: .milliseconds(300))
        let cancelledAt = Date()
        task.cancel()
        let result = await task.result
        // The driver thread aborted the transfer within a second of the cancellation.
        let finished = try #require(seen.finishedAt.first)
        #expect(finished.timeIntervalSince(cancelledAt) < 1, "\(finished.timeIntervalSince(cancelledAt)) s")
        guard case .failure(let error) = result else {
            Issue.record("a cancelled request returned a response")
            return
        }
        #expect((error as? TransportError)?.kind == .cancelled)
        #expect(try await eventuallyIdle(transport))
    }

    @Test func shuttingDownFailsPendingStreams() async throws {
        let server = try await TestAPIServer()
        let transport = try makeTransport()
        let response = try await transport.stream(HTTPRequest(url: server.url("/test/stream?lines=0&interval=0.1")))
        transport.shutdown()
        let error = await transportError {
            for try await _ in response.body { }
        }
        #expect(error?.kind == .shutdown)
        let later = await transportError { _ = try await transport.send(HTTPRequest(url: server.url("/version"))) }
        #expect(later?.kind == .shutdown)
    }
}
