import Foundation
import Yams

/// Turns YAML documents (`kubectl get -o yaml`, manifests with `---`) into JSON the models decode.
///
/// Bounded: aliases are expanded up to ``maximumNodes`` nodes in all (a "billion laughs" file of a
/// few hundred bytes fails at once instead of filling memory), and a document that does not parse
/// is an error naming its line and column, never a silent end of the file.
enum YAMLDocuments {
    /// The most nodes the documents of one file may expand to (aliases included; a scalar counts one
    /// node per 64 bytes as well, so the expansion is bounded in bytes too: about 128 MB).
    static let maximumNodes = 2_000_000

    /// Each document of `text` as JSON data; empty documents are skipped.
    static func jsonDocuments(_ text: String, file: String) throws -> [Data] {
        let parser: Parser
        do {
            parser = try Parser(yaml: text)
        } catch {
            throw SnapshotError(file: file, message: "is not valid YAML\(position(error))")
        }
        var documents: [Data] = []
        var budget = maximumNodes
        while true {
            let node: Node?
            do {
                node = try parser.nextRoot()
            } catch {
                throw SnapshotError(file: file, message: "is not valid YAML in document \(documents.count + 1)\(position(error))")
            }
            guard let node else { break }
            // Empty documents (a trailing `---`, a comment-only document from `helm template`) are skipped.
            if node.null != nil { continue }
            guard let value = jsonValue(node, budget: &budget) else {
                throw SnapshotError(file: file, message: "expands to more than \(maximumNodes) YAML nodes (nested aliases, a \"YAML bomb\"?): not read")
            }
            documents.append(try JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed]))
        }
        return documents
    }

    /// `: line 7, column 3: mapping values are not allowed here` from a Yams error, never the text of
    /// the line (it may hold a credential).
    static func position(_ error: Error) -> String {
        guard let yaml = error as? YamlError else { return "" }
        switch yaml {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return " at line \(mark.line), column \(mark.column): \(problem)"
        default:
            return ""
        }
    }

    /// A YAML node as a JSON-compatible value; timestamps stay strings, as the API sends them.
    /// `nil` when the node expands beyond the remaining `budget` of nodes.
    static func jsonValue(_ node: Node, budget: inout Int) -> Any? {
        budget -= 1
        guard budget >= 0 else { return nil }
        switch node {
        case .scalar(let scalar):
            // Long strings count by size too (one node per 64 bytes): an alias of a 100 KB scalar,
            // repeated, is as much of a bomb as many small nodes.
            budget -= scalar.string.utf8.count / 64
            guard budget >= 0 else { return nil }
            if scalar.style == .plain {
                if node.null != nil { return NSNull() }
                if let value = node.bool, ["true", "false", "True", "False", "TRUE", "FALSE"].contains(scalar.string) { return value }
                if let value = Int(scalar.string) { return value }
                if let value = Double(scalar.string), scalar.string.contains("."), !scalar.string.hasSuffix(".") { return value }
            }
            return scalar.string
        case .mapping(let mapping):
            var object: [String: Any] = [:]
            for (key, value) in mapping {
                guard let converted = jsonValue(value, budget: &budget) else { return nil }
                object[key.string ?? ""] = converted
            }
            return object
        case .sequence(let sequence):
            var array: [Any] = []
            array.reserveCapacity(sequence.count)
            for item in sequence {
                guard let converted = jsonValue(item, budget: &budget) else { return nil }
                array.append(converted)
            }
            return array
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
    /// Creates the error.
    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }
    /// `file: message`.
    public var description: String { "\(file): \(message)" }
}
