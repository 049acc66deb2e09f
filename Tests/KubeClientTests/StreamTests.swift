import Foundation
import KubeClient
import TestAPIServerHarness
import Testing

@Suite("Streams")
struct StreamTests {
    @Test func linesArriveAsTheServerSendsThem() async throws {
        let server = try await TestAPIServer()
        // An endless stream: had the transport waited for the end, no line would ever arrive.
        let response = try await makeTransport().stream(HTTPRequest(url: server.url("/test/stream?lines=0&interval=0.05")))
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"]?.hasPrefix("application/json") == true)
        var numbers: [Int] = []
        for try await line in response.body.lines() {
            let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
            numbers.append(try #require(object?["n"] as? Int))
            if numbers.count == 3 { break }
        }
        #expect(numbers == [0, 1, 2])
    }

    @Test func finiteStreamEndsCleanly() async throws {
        let server = try await TestAPIServer()
        let response = try await makeTransport().stream(HTTPRequest(url: server.url("/test/stream?lines=50&interval=0")))
        var count = 0
        for try await _ in response.body.lines() { count += 1 }
        #expect(count == 50)
    }

    @Test func cancellingAnEndlessStreamEndsItWithinASecond() async throws {
        let server = try await TestAPIServer()
        let seen = Observed()
        let transport = try makeTransport(observer: { seen.append($0) })
        let started = Task {
            let response = try await transport.stream(HTTPRequest(url: server.url("/test/stream?lines=0&interval=0.2")))
            var lines = 0
            for try await _ in response.body.lines() { lines += 1 }
            return lines
        }
        try await Task.sleep(for: .milliseconds(500))
        let cancelledAt = Date()
        started.cancel()
        let result = await started.result
        if case .success = result { Issue.record("an endless stream ended without an error after cancellation") }
        // The reader is released at once; the driver thread aborts the transfer right after.
        #expect(try await eventuallyIdle(transport))
        let finished = try #require(seen.finishedAt.first)
        #expect(finished.timeIntervalSince(cancelledAt) < 1, "\(finished.timeIntervalSince(cancelledAt)) s")
        // The transport stays usable after the aborted transfer.
        #expect(try await transport.send(HTTPRequest(url: server.url("/version"))).status == 200)
    }

    @Test func droppingTheStreamAbortsTheTransfer() async throws {
        let server = try await TestAPIServer()
        let transport = try makeTransport()
        do {
            let response = try await transport.stream(HTTPRequest(url: server.url("/test/stream?lines=0&interval=0.05")))
            var iterator = response.body.makeAsyncIterator()
            _ = try await iterator.next()
        }
        #expect(try await eventuallyIdle(transport))
        #expect(try await transport.send(HTTPRequest(url: server.url("/version"))).status == 200)
    }

    @Test func slowReaderPausesTheTransferInsteadOfBuffering() async throws {
        let server = try await TestAPIServer()
        let transport = try makeTransport(streamBufferBytes: 256 << 10)
        // The server writes 64 KiB lines as fast as it can, forever.
        let response = try await transport.stream(HTTPRequest(url: server.url("/test/stream?lines=0&interval=0&bytes=65536")))
        var iterator = response.body.lines().makeAsyncIterator()
        _ = try await iterator.next()
        let before = residentMemoryBytes()
        try await Task.sleep(for: .seconds(1))
        let grown = residentMemoryBytes() - before
        // Unbounded buffering would hold hundreds of megabytes after a second on loopback.
        #expect(grown < 48 << 20, "memory grew by \(grown >> 20) MiB while the reader slept")
        for _ in 0..<200 { _ = try await iterator.next() }
        response.body.cancel()
    }

    @Test func truncatedStreamThrows() async throws {
        let server = try await TestAPIServer()
        let response = try await makeTransport().stream(HTTPRequest(url: server.url("/test/stream-truncated?lines=3")))
        var lines = 0
        let error = await transportError {
            for try await _ in response.body.lines() { lines += 1 }
        }
        #expect(lines == 3)
        #expect(error?.kind == .truncatedResponse || error?.kind == .connectionDropped)
    }

    @Test func errorStatusOfAStreamIsReadable() async throws {
        let server = try await TestAPIServer()
        let response = try await makeTransport().stream(HTTPRequest(url: server.url("/test/status/404")))
        #expect(response.status == 404)
        let body = try await response.body.collect(upTo: 4096)
        #expect(String(decoding: body, as: UTF8.self).contains("\"kind\":\"Status\""))
    }
}
