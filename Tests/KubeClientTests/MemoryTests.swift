import Foundation
import KubeClient
import TestAPIServerHarness
import Testing

@Suite("Resource use")
struct MemoryTests {
    @Test func fifteenThousandSequentialRequestsLeaveMemoryFlat() async throws {
        let server = try await TestAPIServer()
        let transport = try makeTransport()
        let request = HTTPRequest(url: server.url("/version"))
        for _ in 0..<1_000 { _ = try await transport.send(request).checkSuccess() }
        // The process is shared with tests that run meanwhile and allocate too: a leak grows memory in
        // every round, another test's allocations only in some. The smallest growth of three rounds counts.
        var growths: [Int] = []
        for _ in 0..<3 {
            let before = residentMemoryBytes()
            for _ in 0..<5_000 { _ = try await transport.send(request).checkSuccess() }
            growths.append(residentMemoryBytes() - before)
        }
        let grown = growths.min() ?? 0
        print("memory: grew \(growths.map { $0 >> 10 }) KiB in three rounds of 5,000 requests")
        // A leaked handle, header list or response per request (a kilobyte or more) would add well over 2 MiB a round.
        #expect(grown < 2 << 20, "memory grew by \(grown >> 10) KiB over 5,000 requests, in each of three rounds")
    }
}
