import Foundation
import KubeModel
import PodDiagnosis

/// One folder of `Tests/Fixtures/scenarios`: the objects and logs of a failure case, and what the
/// engine must conclude about it (`expected.json`).
struct Scenario: CustomStringConvertible, Sendable {
    struct Expected: Decodable, Sendable {
        struct PodName: Decodable, Sendable { var namespace: String; var name: String }
        struct First: Decodable, Sendable {
            var cause: String
            var container: String?
            var evidence_contains: [String]?
            var fix_contains: [String]?
            var fix_not_contains: [String]?
            var severity: String?
        }
        struct Workload: Decodable, Sendable { var kind: String; var name: String; var pods: Int }
        var now: String
        var pod: PodName
        var status: String?
        var restarts: Int?
        var healthy: Bool?
        var findings0: First?
        var also_causes: [String]?
        var not_causes: [String]?
        var workload: Workload?
        /// The verdict (`critical`, `warning`, `healthy`) at the capture time and later: `+0s`, `+5m`, `+2h`, `+3d`.
        var sweep: [String: String]?
        var notes: String?
    }

    let folder: String
    let objects: ObjectSet
    let expected: Expected

    var description: String { (folder as NSString).lastPathComponent }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/scenarios").path

    /// Every scenario folder, sorted by name.
    static func all() -> [Scenario] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).sorted()
        return names.compactMap { name in
            let folder = (root as NSString).appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: folder + "/expected.json") else { return nil }
            return try? Scenario(folder: folder)
        }
    }

    /// The folder names, so a broken folder still shows up as a failing test.
    static func names() -> [String] {
        (((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).filter {
            FileManager.default.fileExists(atPath: (root as NSString).appendingPathComponent($0) + "/expected.json")
        }).sorted()
    }

    init(folder: String) throws {
        self.folder = folder
        var objects = try ObjectSet.decode(json: Data(contentsOf: URL(fileURLWithPath: folder + "/objects.json")))
        let logs = folder + "/logs"
        if let files = FileManager.default.enumerator(atPath: logs)?.compactMap({ $0 as? String }) {
            for file in files where file.hasSuffix(".log") {
                let parts = file.split(separator: "/").map(String.init)
                guard parts.count == 3 else { continue }
                let previous = parts[2].hasSuffix(".previous.log")
                let container = String(parts[2].dropLast(previous ? ".previous.log".count : ".log".count))
                let text = (try? String(contentsOfFile: (logs as NSString).appendingPathComponent(file), encoding: .utf8)) ?? ""
                objects.logs[ObjectSet.LogKey(namespace: parts[0], pod: parts[1], container: container, previous: previous)] = text
            }
        }
        self.objects = objects
        expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/expected.json")))
    }

    var now: Date { Time(rfc3339: expected.now)?.date ?? Date() }

    var pod: Pod? {
        objects.pods.first { $0.metadata.namespace == expected.pod.namespace && $0.metadata.name == expected.pod.name }
    }

    func diagnose(after offset: TimeInterval = 0) -> PodReport? {
        guard let pod else { return nil }
        return DiagnosisEngine.diagnose(objects.evidence(for: pod, now: now.addingTimeInterval(offset)))
    }

    /// The offsets of a time sweep, by their names in `expected.json`.
    static let sweepOffsets: [(name: String, seconds: TimeInterval)] = [("+0s", 0), ("+5m", 300), ("+2h", 7200), ("+3d", 259_200)]
}
