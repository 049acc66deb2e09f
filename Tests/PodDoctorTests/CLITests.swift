import Foundation
import TestAPIServerHarness
import Testing

/// The `poddoctor` binary as a user runs it (built by `swift build`, which `.ci/run` runs first).
@Suite("poddoctor command line", .enabled(if: CLI.binary != nil, "the poddoctor binary is not built: run `swift build` first"))
struct CLITests {
    @Test func demoSnapshotShowsFailingPods() async throws {
        let result = try await CLI.run(["diagnose", "--from", TestAPIServer.repositoryPath("Examples/demo"), "-A"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("is crash-looping"))
        #expect(result.stdout.contains("pods: 15 failing"))
        #expect(!result.stdout.contains("\u{1B}["), "no colour when piped")
    }

    @Test func jsonFollowsTheContract() async throws {
        let result = try await CLI.run(["diagnose", "--from", TestAPIServer.repositoryPath("Examples/demo"), "-A", "-o", "json"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["apiVersion"] as? String == "poddoctor/v1")
        let pods = try #require(object["pods"] as? [[String: Any]])
        let first = try #require((pods.first?["findings"] as? [[String: Any]])?.first)
        for key in ["cause", "severity", "confidence", "title", "explanation", "evidence", "fix"] { #expect(first[key] != nil, "\(key)") }
    }

    @Test func exitCodes() async throws {
        let demo = TestAPIServer.repositoryPath("Examples/demo")
        #expect(try await CLI.run(["diagnose", "--from", demo, "-A", "--fail-on", "critical"]).status == 1)
        let healthyOnly = try await CLI.run(["diagnose", "--from", demo, "-n", "default", "--fail-on", "critical"])
        #expect(healthyOnly.status == 0)
        let usage = try await CLI.run(["diagnose", "--from", "/nonexistent/snapshot"])
        #expect(usage.status == 2)
        #expect(usage.stderr.contains("/nonexistent/snapshot"))
        let badConfig = try await CLI.run(["diagnose", "--kubeconfig", "/nonexistent/kubeconfig"])
        #expect(badConfig.status == 2)
        let listener = try FileManager.default.temporaryDirectory.appendingPathComponent("poddoctor-kc-\(UUID().uuidString)")
        try """
        apiVersion: v1
        kind: Config
        current-context: c
        clusters: [{name: c, cluster: {server: "https://127.0.0.1:9"}}]
        contexts: [{name: c, context: {cluster: c, user: u}}]
        users: [{name: u, user: {token: t}}]
        """.write(to: listener, atomically: true, encoding: .utf8)
        let unreachable = try await CLI.run(["diagnose", "--kubeconfig", listener.path])
        #expect(unreachable.status == 3)
        #expect(unreachable.stderr.split(separator: "\n").count == 1, "one line: \(unreachable.stderr)")
    }

    /// The report says which moment it judged and where that came from; a snapshot is judged as of
    /// when it was taken (the same output on any date), plain files as of their newest timestamp.
    @Test func reportsStateTheirMoment() async throws {
        let demo = try await CLI.run(["diagnose", "--from", TestAPIServer.repositoryPath("Examples/demo"), "-A", "-o", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(demo.stdout.utf8)) as? [String: Any])
        let moment = try #require(object["moment"] as? [String: Any])
        #expect(moment["source"] as? String == "snapshot")
        #expect(moment["time"] as? String == "2026-11-25T14:00:00Z")
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary["failing"] == 15 && summary["warning"] == 2 && summary["pods"] == 26, "\(summary)")
        let text = try await CLI.run(["diagnose", "--from", TestAPIServer.repositoryPath("Examples/demo"), "-A"])
        #expect(text.stdout.contains("Judged as of 2026-11-25T14:00:00Z, when the snapshot was taken."))

        // A `kubectl get -o json` file alone: the newest timestamp it holds.
        let plain = TestAPIServer.repositoryPath("Tests/Fixtures/scenarios/62-back-off-5m/objects.json")
        let files = try await CLI.run(["diagnose", "--from", plain, "-A", "-o", "json"])
        let fileMoment = try #require((try JSONSerialization.jsonObject(with: Data(files.stdout.utf8)) as? [String: Any])?["moment"] as? [String: Any])
        #expect(fileMoment["source"] as? String == "newest-timestamp")

        // --at is visible in --help and decides the moment.
        let help = try await CLI.run(["diagnose", "--help"])
        #expect(help.stdout.contains("--at"))
        let later = try await CLI.run(["diagnose", "--from", TestAPIServer.repositoryPath("Examples/demo"), "-A", "-o", "json", "--at", "2027-11-25T14:00:00Z"])
        let laterMoment = try #require((try JSONSerialization.jsonObject(with: Data(later.stdout.utf8)) as? [String: Any])?["moment"] as? [String: Any])
        #expect(laterMoment["source"] as? String == "given")
        let bad = try await CLI.run(["diagnose", "--from", TestAPIServer.repositoryPath("Examples/demo"), "--at", "yesterday"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--at yesterday"))
    }

    /// Text wraps to 80 columns when not a terminal, and plurals are right.
    @Test func textWrapsAndCounts() async throws {
        let result = try await CLI.run(["diagnose", "--from", TestAPIServer.repositoryPath("Examples/demo"), "-A"])
        let prose = result.stdout.split(separator: "\n").filter { !$0.contains("$ ") && !$0.contains("Evidence") && !$0.hasPrefix("      ") }
        // A single word longer than a line (a kubelet message's pod=... token) is the one exception.
        let long = prose.filter { $0.count > 80 && $0.trimmingCharacters(in: .whitespaces).contains(" ") }
        #expect(long.isEmpty, "\(long)")
        #expect(!result.stdout.contains("1 restarts"))
        #expect(!result.stdout.contains("1 pods"))
    }

    /// The same input gives the same bytes in two separate processes (no hash-order or clock leaks).
    @Test func sameBytesAcrossProcesses() async throws {
        let arguments = ["diagnose", "--from", TestAPIServer.repositoryPath("Examples/demo"), "-A", "-o", "json", "--all"]
        let first = try await CLI.run(arguments)
        let second = try await CLI.run(arguments)
        #expect(first.status == 0 && !first.stdout.isEmpty)
        #expect(first.stdout == second.stdout)
    }

    @Test func markdownForTickets() async throws {
        let result = try await CLI.run(["diagnose", "--from", TestAPIServer.repositoryPath("Examples/demo"), "-A", "-o", "markdown"])
        #expect(result.stdout.hasPrefix("# PodDoctor report"))
        #expect(result.stdout.contains("**Fix:**"))
    }
}

enum CLI {
    /// `.build/debug/poddoctor` (or release) next to this test bundle.
    static let binary: String? = {
        let candidates = [
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("poddoctor").path,
            TestAPIServer.repositoryPath(".build/debug/poddoctor"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    struct Result { var status: Int32; var stdout: String; var stderr: String; var killed = false }

    /// Runs the binary on a thread of its own, so the shared concurrency pool never blocks on it;
    /// after `limit` seconds it is killed (`killed`), so a hang fails a test instead of stalling it.
    static func run(_ arguments: [String], limit: TimeInterval = 120) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Swift.Result { try runBlocking(arguments, limit: limit) }) }.start()
        }
    }

    static func runBlocking(_ arguments: [String], limit: TimeInterval = 120) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(binary))
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = NSTemporaryDirectory()
        environment.removeValue(forKey: "KUBECONFIG")
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let killer = DispatchWorkItem { if process.isRunning { process.terminate(); kill(process.processIdentifier, SIGKILL) } }
        DispatchQueue.global().asyncAfter(deadline: .now() + limit, execute: killer)
        // Both pipes read at once: a process that fills one while we wait on the other never blocks.
        final class Box: @unchecked Sendable { var data = Data() }
        let stderrBox = Box()
        let stderrDone = DispatchSemaphore(value: 0)
        let errHandle = err.fileHandleForReading
        Thread { stderrBox.data = errHandle.readDataToEndOfFile(); stderrDone.signal() }.start()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        stderrDone.wait()
        process.waitUntilExit()
        let stderr = stderrBox.data
        let killed = process.terminationReason == .uncaughtSignal && !killer.isCancelled
        killer.cancel()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self), killed: killed)
    }
}
