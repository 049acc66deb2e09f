import Foundation
import Yams

/// Turns YAML documents (`kubectl get -o yaml`, manifests with `---`) into JSON the models decode.
enum YAMLDocuments {
    /// Each document of `text` as JSON data; empty documents are skipped.
    static func jsonDocuments(_ text: String, file: String) throws -> [Data] {
        let nodes: [Node]
        do {
            nodes = Array(try Yams.compose_all(yaml: text))
        } catch {
            throw SnapshotError(file: file, message: "is not valid YAML: \(error)")
        }
        // Empty documents (a trailing `---`, a comment-only document from `helm template`) are skipped.
        return try nodes.filter { $0.null == nil }.map { node in
            try JSONSerialization.data(withJSONObject: jsonValue(node), options: [.fragmentsAllowed])
        }
    }

    /// A YAML node as a JSON-compatible value; timestamps stay strings, as the API sends them.
    static func jsonValue(_ node: Node) -> Any {
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain {
                if node.null != nil { return NSNull() }
                if let value = node.bool, ["true", "false", "True", "False", "TRUE", "FALSE"].contains(scalar.string) { return value }
                if let value = Int(scalar.string) { return value }
                if let value = Double(scalar.string), scalar.string.contains("."), !scalar.string.hasSuffix(".") { return value }
            }
            return scalar.string
        case .mapping(let mapping):
            var object: [String: Any] = [:]
            for (key, value) in mapping { object[key.string ?? ""] = jsonValue(value) }
            return object
        case .sequence(let sequence):
            return sequence.map(jsonValue)
        case .alias:
            return NSNull()
        }
    }
}

/// A file given to `--from` could not be read.
public struct SnapshotError: Error, CustomStringConvertible, Sendable {
    /// The file.
    public let file: String
    /// What is wrong with it.
    public let message: String
    /// `file: message`.
    public var description: String { "\(file): \(message)" }
}
