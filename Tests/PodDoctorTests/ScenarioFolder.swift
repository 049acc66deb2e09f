import Foundation
import KubeModel
import TestAPIServerHarness

/// A scenario folder of `Tests/Fixtures/scenarios` as the end-to-end tests use it.
struct ScenarioFolder: Sendable, CustomStringConvertible {
    struct Expected: Decodable, Sendable {
        struct PodName: Decodable, Sendable { var namespace: String; var name: String }
        struct First: Decodable, Sendable { var cause: String; var container: String? }
        var now: String
        var pod: PodName
        var status: String?
        var healthy: Bool?
        var findings0: First?
        var sweep: [String: String]?
    }

    let name: String
    let path: String
    let expected: Expected

    var description: String { name }

    static let root = TestAPIServer.repositoryPath("Tests/Fixtures/scenarios")

    static func names() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .filter { FileManager.default.fileExists(atPath: "\(root)/\($0)/expected.json") }.sorted()
    }

    init(_ name: String) throws {
        self.name = name
        path = "\(Self.root)/\(name)"
        expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: URL(fileURLWithPath: "\(path)/expected.json")))
    }

    var now: Date { Time(rfc3339: expected.now)?.date ?? Date() }

    /// A copy holding only what the test API server serves (objects.json and logs/).
    func servableCopy() throws -> String {
        let copy = NSTemporaryDirectory() + "poddoctor-scenario-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: "\(path)/objects.json", toPath: "\(copy)/objects.json")
        if FileManager.default.fileExists(atPath: "\(path)/logs") {
            try FileManager.default.copyItem(atPath: "\(path)/logs", toPath: "\(copy)/logs")
        }
        return copy
    }
}
