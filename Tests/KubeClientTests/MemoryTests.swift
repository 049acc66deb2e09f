import Foundation
import KubeClient
import TestAPIServerHarness
import Testing

@Suite("Resource use")
struct MemoryTests {
    @Test func tenThousandSequentialRequestsLeaveNothingBehind() async throws {
        let server = try await TestAPIServer()
        let transport = try makeTransport()
        let request = HTTPRequest(url: server.url("/version"))
        for _ in 0..<1_000 { _ = try await transport.send(request).checkSuccess() }
        // Other tests run in this process meanwhile: the counts below are this test's own measure of
        // a leak (handles and transfers are freed with their request); memory is only a coarse check.
        let (handles, transfers) = (TransportCounters.handles.load(ordering: .relaxed), TransportCounters.transfers.load(ordering: .relaxed))
        let before = residentMemoryBytes()
        for _ in 0..<10_000 { _ = try await transport.send(request).checkSuccess() }
        let grown = residentMemoryBytes() - before
        // Transfers of tests running beside this one come and go: the smallest count over a few seconds
        // is this test's (a leak never comes back down).
        var leakedHandles = Int.max, leakedTransfers = Int.max
        for _ in 0..<50 {
            leakedHandles = min(leakedHandles, TransportCounters.handles.load(ordering: .relaxed) - handles)
            leakedTransfers = min(leakedTransfers, TransportCounters.transfers.load(ordering: .relaxed) - transfers)
            if leakedHandles <= 0 && leakedTransfers <= 0 { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        print("memory: grew \(grown >> 10) KiB over 10,000 requests; handles \(leakedHandles), transfers \(leakedTransfers) more alive")
        // A leak per request would leave thousands.
        #expect(leakedHandles < 100, "\(leakedHandles) more curl handles alive after 10,000 requests")
        #expect(leakedTransfers < 100, "\(leakedTransfers) more transfers alive after 10,000 requests")
        // A leaked response or header list per request (a few kilobytes) would add tens of MiB.
        #expect(grown < 24 << 20, "memory grew by \(grown >> 10) KiB over 10,000 requests")
    }
}
