import Foundation
import KubeModel
import PodDiagnosis

/// Reads what `diagnose --from` is given: a snapshot folder, or any files and folders of Kubernetes
/// objects in JSON or YAML (single objects, `List`s, `kubectl get -o json/yaml` output), plus logs
/// laid out as `logs/NAMESPACE/POD/CONTAINER.log` and `CONTAINER.previous.log`.
public struct SnapshotReader: Sendable {
    /// What was read.
    public struct Result: Sendable {
        /// The objects and logs.
        public var objects: ObjectSet
        /// When the snapshot was taken (from `snapshot.json`), if known.
        public var takenAt: Date?
        /// Files skipped, with the reason.
        public var skipped: [String]
    }

    /// Creates a reader.
    public init() {}

    /// Reads `paths` (files or folders).
    public func read(_ paths: [String]) throws -> Result {
        var result = Result(objects: ObjectSet(), takenAt: nil, skipped: [])
        var seenPaths = Set<String>()
        for path in paths {
            // The same file or folder given twice (or through a link) is read once.
            guard seenPaths.insert(URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path).inserted else { continue }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw SnapshotError(file: path, message: "does not exist")
            }
            if isDirectory.boolValue {
                try readFolder(path, into: &result)
            } else {
                try readFile(path, into: &result)
            }
        }
        result.objects.removeDuplicatePods()
        let objects = result.objects
        if objects.pods.isEmpty && objects.events.isEmpty && objects.nodes.isEmpty && objects.configMaps.isEmpty && objects.replicaSets.isEmpty {
            throw SnapshotError(file: paths.joined(separator: ", "), message: "holds no Kubernetes objects PodDoctor reads (pods, events, owners...)" +
                (result.skipped.isEmpty ? "" : "; skipped: \(result.skipped.joined(separator: "; "))"))
        }
        return result
    }

    private func readFolder(_ folder: String, into result: inout Result) throws {
        let files = (FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []).sorted()
        let root = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
        for relative in files {
            let path = (folder as NSString).appendingPathComponent(relative)
            // Never out of the folder given: a symbolic link that leads elsewhere is skipped, and said.
            let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            guard real == root || real.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
                result.skipped.append("\(path): a symbolic link out of \(folder) (not followed)")
                continue
            }
            // Regular files only: a FIFO or a device would block or never end.
            var info = stat()
            guard stat(real, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG || (info.st_mode & S_IFMT) == S_IFDIR else {
                result.skipped.append("\(path): not a regular file")
                continue
            }
            if (info.st_mode & S_IFMT) == S_IFDIR { continue }
            let parts = relative.split(separator: "/").map { SnapshotWriter.pathComponentName(String($0)) }
            if let logIndex = parts.firstIndex(of: "logs"), parts.count - logIndex == 4, relative.hasSuffix(".log") {
                let previous = parts[logIndex + 3].hasSuffix(".previous.log")
                let container = String(parts[logIndex + 3].dropLast(previous ? ".previous.log".count : ".log".count))
                guard let text = Self.logTail(path) else {
                    result.skipped.append("\(path): the log cannot be read")
                    continue
                }
                result.objects.logs[ObjectSet.LogKey(namespace: parts[logIndex + 1], pod: parts[logIndex + 2], container: container, previous: previous)] = text
                continue
            }
            let name = (relative as NSString).lastPathComponent
            if name == "snapshot.json" {
                result.takenAt = Self.takenAt(path)
                if let meta = FileManager.default.contents(atPath: path).flatMap({ try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }) {
                    result.objects.checkedKinds.formUnion((meta["checkedKinds"] as? [String]) ?? [])
                    result.objects.unreadable.merge((meta["unreadable"] as? [String: String]) ?? [:]) { first, _ in first }
                    if let namespaces = meta["serviceNamespaces"] as? [String] { result.objects.serviceNamespaces = Set(namespaces) }
                }
                continue
            }
            if name == "expected.json" { continue }
            guard [".json", ".yaml", ".yml"].contains(where: name.hasSuffix) else { continue }
            do {
                try readFile(path, into: &result)
            } catch {
                result.skipped.append("\(path): \(error)")
            }
        }
    }

    private func readFile(_ path: String, into result: inout Result) throws {
        guard let data = FileManager.default.contents(atPath: path) else { throw SnapshotError(file: path, message: "cannot be read") }
        let documents: [Data]
        if path.hasSuffix(".yaml") || path.hasSuffix(".yml") {
            documents = try YAMLDocuments.jsonDocuments(String(decoding: data, as: UTF8.self), file: path)
        } else {
            documents = [data]
        }
        for document in documents {
            do {
                result.objects.merge(try ObjectSet.decode(json: document))
            } catch {
                throw SnapshotError(file: path, message: "is not a Kubernetes object or list: \(DecodingErrorText.describe(error))")
            }
        }
    }

    /// The most of a log file read, as live mode reads (`limitBytes`): its tail.
    static let logTailBytes = 256 << 10

    /// The tail of a log file, decoded leniently (an invalid UTF-8 byte becomes U+FFFD, never an empty
    /// log); a huge file is not read whole.
    static func logTail(_ path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let size = try? handle.seekToEnd() else { return nil }
        let start = size > UInt64(logTailBytes) ? size - UInt64(logTailBytes) : 0
        guard (try? handle.seek(toOffset: start)) != nil, let data = try? handle.readToEnd() else { return start == size ? "" : nil }
        var text = String(decoding: data, as: UTF8.self)
        // A tail that starts mid-line drops that partial line.
        if start > 0, let newline = text.firstIndex(of: "\n") { text = String(text[text.index(after: newline)...]) }
        return text
    }

    static func takenAt(_ path: String) -> Date? {
        guard let data = FileManager.default.contents(atPath: path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let text = object["takenAt"] as? String else { return nil }
        return Time(rfc3339: text)?.date
    }
}
