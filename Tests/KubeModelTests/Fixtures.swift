import Foundation
import Testing
import KubeModel

/// Recorded API server bodies under `Tests/Fixtures/recordings` (see the README of the recordings).
enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The bytes of a fixture, e.g. `recordings/08-pod-get.json`.
    static func data(_ path: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(path))
    }

    /// Decodes a recorded body.
    static func decode<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        try JSONDecoder().decode(type, from: data("recordings/\(name)"))
    }

    /// The lines of a de-chunked watch stream: one JSON event per line.
    static func watchLines(_ name: String) throws -> [Data] {
        try data("recordings/\(name)").split(separator: UInt8(ascii: "\n")).map { Data($0) }
    }

    /// Decodes JSON text.
    static func decode<T: Decodable>(_ type: T.Type, json: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(json.utf8))
    }

    /// Encodes with sorted keys.
    static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(value)
    }

    /// A time from RFC 3339 text (test helper).
    static func time(_ text: String) -> Date {
        Time(rfc3339: text)!.date
    }
}

/// One line of a watch stream.
struct WatchLine<Object: Decodable>: Decodable {
    var type: String
    var object: Object
}

/// Just the type of a watch line.
struct WatchType: Decodable {
    var type: String
}
