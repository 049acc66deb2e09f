import Foundation
import KubeClient
import TestAPIServerHarness
import Testing

@Suite("Resource use")
struct MemoryTests {
    @Test func tenThousandSequentialRequestsLeaveMemoryFlat() async throws {
        let server = try await TestAPIServer()
        let transport = try makeTransport()
        let request = HTTPRequest(url: server.url("/version"))
        for _ in 0..<1_000 { _ = try await transport.send(request).checkSuccess() }
        let before = residentMemoryBytes()
        for _ in 0..<10_000 { _ = try await transport.send(request).checkSuccess() }
        let after = residentMemoryBytes()
        let grown = after - before
        print("memory: \(before >> 10) KiB before, \(after >> 10) KiB after 10,000 requests (\(grown >> 10) KiB)")
        // A leaked handle, header list or response per request would add well over 4 MiB here.
        #expect(grown < 4 << 20, "memory grew by \(grown >> 10) KiB over 10,000 requests")
    }
}
