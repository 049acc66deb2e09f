import Foundation
import TestAPIServerHarness
import Testing

/// The corpus of broken and hostile input under `Tests/Fixtures/hostile/` (and large or looping
/// files made at test time), each with the error it must give: no crash, no hang (each run is
/// bounded), a clear line naming the file, field or URL, and the documented exit code.
@Suite("Hostile input corpus", .serialized, .enabled(if: CLI.binary != nil, "the poddoctor binary is not built: run `swift build` first"))
struct HostileInputTests {
    struct Case: CustomStringConvertible, Sendable {
        var file: String
        var exit: Int32
        var says: [String]
        var never: [String] = []
        var description: String { file }
    }

    static let root = TestAPIServer.repositoryPath("Tests/Fixtures/hostile")

    static let kubeconfigs: [Case] = [
        Case(file: "empty.yaml", exit: 2, says: ["empty.yaml", "current-context is not set"]),
        Case(file: "binary.yaml", exit: 2, says: ["binary.yaml", "invalid YAML"]),
        Case(file: "alias-bomb.yaml", exit: 0, says: []),
        Case(file: "wrong-types.yaml", exit: 2, says: ["wrong-types.yaml:3", "current-context must be a string"]),
        Case(file: "missing-user.yaml", exit: 2, says: ["user \"ghost\" was not found"]),
        Case(file: "context-missing-cluster.yaml", exit: 2, says: ["cluster \"nowhere\" was not found"]),
        Case(file: "relative-missing-ca.yaml", exit: 2, says: ["certs/missing-ca.pem"]),
        Case(file: "garbage-ca.yaml", exit: 2, says: ["garbage-ca.yaml:4", "certificate-authority-data is not a PEM certificate"]),
        Case(file: "garbage-key.yaml", exit: 2, says: ["could not be loaded"], never: ["rejected for"]),
        Case(file: "unknown-auth-provider.yaml", exit: 2, says: ["auth-provider \"vault-magic\" is not supported"]),
        Case(file: "exec-missing.yaml", exit: 2, says: ["/nonexistent/kubelogin", "was not found"]),
        Case(file: "exec-garbage.yaml", exit: 2, says: ["not an ExecCredential"]),
        Case(file: "syntax.yaml", exit: 2, says: ["syntax.yaml:9", "column"], never: ["SECRET-IN-LINE"]),
    ]

    static let files: [Case] = [
        Case(file: "alias-bomb.yaml", exit: 2, says: ["alias-bomb.yaml", "YAML bomb"]),
        Case(file: "multi-document-broken.yaml", exit: 2, says: ["document 2 at line 8"]),
        Case(file: "truncated.json", exit: 2, says: ["truncated.json", "not valid JSON"]),
        Case(file: "deeply-nested.json", exit: 2, says: ["deeply-nested.json"]),
        Case(file: "non-utf8.json", exit: 2, says: ["non-utf8.json"]),
        Case(file: "wrong-kind.json", exit: 2, says: ["$.metadata"]),
        Case(file: "odd-dates.json", exit: 2, says: ["$.status.containerStatuses[0].lastState.terminated.startedAt", "not an RFC 3339 time"]),
        Case(file: "absurd-numbers.json", exit: 0, says: ["1 failing"]),
    ]

    static func check(_ result: CLI.Result, _ expected: Case) {
        #expect(!result.killed, "\(expected.file): hung, killed at the test's limit")
        #expect(result.status == expected.exit, "\(expected.file): exit \(result.status), expected \(expected.exit): \(result.stderr)")
        let all = result.stdout + result.stderr
        for text in expected.says { #expect(all.contains(text), "\(expected.file): output lacks \"\(text)\": \(result.stderr)") }
        for text in expected.never { #expect(!all.contains(text), "\(expected.file): output has \"\(text)\"") }
        if expected.exit != 0 {
            #expect(result.stderr.split(separator: "\n").count == 1, "\(expected.file): one line: \(result.stderr)")
            #expect(!result.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "\(expected.file): raw control bytes in the error")
        }
    }

    @Test func kubeconfigs() async throws {
        let server = try await TestAPIServer(["--fixtures", TestAPIServer.repositoryPath("Tests/Fixtures/apiserver-basic"), "--token", "t"])
        let work = NSTemporaryDirectory() + "poddoctor-hostile-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let ca = TestAPIServer.repositoryPath("Tests/Fixtures/certs/ca.pem")
        for expected in Self.kubeconfigs {
            // Pointed at the test server, so what fails is the file, never a missing cluster.
            let data = try Data(contentsOf: URL(fileURLWithPath: "\(Self.root)/kubeconfig/\(expected.file)"))
            var text = String(decoding: data, as: UTF8.self)
            if text.contains("https://127.0.0.1:9\"") && !text.contains("certificate-authority") {
                text = text.replacingOccurrences(of: "\"https://127.0.0.1:9\"", with: "\"\(server.baseURL)\", certificate-authority: \(ca)")
            } else {
                text = text.replacingOccurrences(of: "\"https://127.0.0.1:9\"", with: "\"\(server.baseURL)\"")
            }
            let path = "\(work)/\(expected.file)"
            if text.utf8.elementsEqual(String(decoding: data, as: UTF8.self).utf8) { try data.write(to: URL(fileURLWithPath: path)) }
            else { try text.write(toFile: path, atomically: true, encoding: .utf8) }
            let result = try await CLI.run(["diagnose", "--kubeconfig", path, "-n", "rec", "--request-timeout", "10s", "--exec-timeout", "10s"], limit: 60)
            Self.check(result, expected)
        }
    }

    @Test func fromFiles() async throws {
        for expected in Self.files {
            let result = try await CLI.run(["diagnose", "--from", "\(Self.root)/from/\(expected.file)", "-A"], limit: 60)
            Self.check(result, expected)
        }
    }

    /// Large, binary, looping input made at test time (not committed): read within bounds.
    @Test func largeBinaryAndLoopingInput() async throws {
        let work = NSTemporaryDirectory() + "poddoctor-hostile-" + UUID().uuidString
        let folder = work + "/snapshot"
        try FileManager.default.createDirectory(atPath: folder + "/logs/x/big/app", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        // A pod whose log is 64 MB of binary with an error at its end, and a 20 MB status message.
        let pod: [String: Any] = [
            "apiVersion": "v1", "kind": "Pod", "metadata": ["name": "big", "namespace": "x", "creationTimestamp": "2026-11-25T13:00:00Z"],
            "spec": ["containers": [["name": "app", "image": "a:1"]]],
            "status": ["phase": "Running", "message": String(repeating: "m", count: 20 << 20), "containerStatuses": [[
                "name": "app", "ready": false, "restartCount": 3,
                "state": ["waiting": ["reason": "CrashLoopBackOff"]],
                "lastState": ["terminated": ["exitCode": 1, "reason": "Error", "startedAt": "2026-11-25T13:50:00Z", "finishedAt": "2026-11-25T13:50:05Z"]],
            ]]],
        ]
        try JSONSerialization.data(withJSONObject: pod).write(to: URL(fileURLWithPath: folder + "/pod.json"))
        FileManager.default.createFile(atPath: folder + "/logs/x/big/app.previous.log", contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: folder + "/logs/x/big/app.previous.log"))
        let chunk = Data((0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 7919) })
        for _ in 0..<64 { log.write(chunk) }
        log.write(Data("\npanic: runtime error: index out of range [3] with length 2\n".utf8))
        try log.close()
        // A symbolic link loop inside the folder.
        try FileManager.default.createSymbolicLink(atPath: folder + "/loop", withDestinationPath: folder)
        let result = try await CLI.run(["diagnose", "--from", folder, "-A", "-o", "json"], limit: 120)
        #expect(!result.killed, "hung on large or looping input")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("index out of range"), "the log's tail was read")
    }

    /// API answers a real server may give under trouble: each ends the run with exit 3 and a line naming the URL.
    @Test func brokenAnswersFromTheServer() async throws {
        let faults: [(String, [String: any Sendable], [String])] = [
            ("HTML error page", ["status": 502, "body": "<html><body><h1>502 Bad Gateway</h1>\u{1B}[2J</body></html>", "content_type": "text/html"], ["502"]),
            ("truncated body", ["truncate": true], ["/api/v1/namespaces/rec/pods"]),
            ("dropped connection", ["drop": true], ["/api/v1/namespaces/rec/pods"]),
            ("empty 200", ["status": 200, "body": "", "content_type": "application/json"], ["/api/v1/namespaces/rec/pods"]),
            ("429 storm", ["status": 429, "retry_after": 1], ["429"]),
            ("Status with unknown fields", ["status": 403, "body": #"{"kind":"Status","apiVersion":"v1","status":"Failure","message":"pods is forbidden","reason":"Forbidden","code":403,"newField":{"x":[1,2]},"details":{"kind":"pods","future":true}}"#, "content_type": "application/json"], ["forbidden"]),
        ]
        // Each against a server of its own, all at once: most of the time is the client's bounded retries.
        try await withThrowingTaskGroup(of: (String, [String], CLI.Result).self) { group in
            for (name, fault, says) in faults {
                group.addTask {
                    let server = try await TestAPIServer(["--fixtures", TestAPIServer.repositoryPath("Tests/Fixtures/apiserver-basic"), "--token", "t"])
                    var withPath: [String: Any] = fault
                    withPath["path_prefix"] = "/api/v1/namespaces/rec/pods"
                    try await server.addFault(withPath)
                    let config = try BoundedWaitTests.kubeconfig(server: server.baseURL)
                    defer { try? FileManager.default.removeItem(atPath: config) }
                    let result = try await CLI.run(["diagnose", "--kubeconfig", config, "--request-timeout", "10s"], limit: 90)
                    return (name, says, result)
                }
            }
            for try await (name, says, result) in group { Self.check(result, Case(file: name, exit: 3, says: says)) }
        }
    }

    /// A watch that receives an object it cannot read ends with exit 3 and a line naming the watch,
    /// rather than hanging or going on blind. (JSON: a label map that is a string has no protobuf
    /// encoding; broken protobuf frames are ProtobufRecordingTests' and StreamTests' business.)
    @Test func aWatchThatSendsGarbageEndsClearly() async throws {
        let server = try await TestAPIServer(["--fixtures", TestAPIServer.repositoryPath("Tests/Fixtures/apiserver-basic"), "--token", "t"])
        let config = try BoundedWaitTests.kubeconfig(server: server.baseURL)
        defer { try? FileManager.default.removeItem(atPath: config) }
        async let run = CLI.run(["watch", "--kubeconfig", config, "-n", "rec", "--wire-format", "json"], limit: 60)
        var watching = false
        for _ in 0..<200 where !watching {
            watching = try await server.requests().contains { $0.path.hasSuffix("/pods") && $0.query.contains("watch=") }
            if !watching { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(watching)
        try await server.controlPost("/_control/objects", [
            "apiVersion": "v1", "kind": "Pod", "metadata": ["name": "garbled", "namespace": "rec", "labels": "not a map"],
        ] as [String: Any])
        let result = try await run
        Self.check(result, Case(file: "garbage in a watch", exit: 3, says: ["watch", "labels"]))
    }
}
