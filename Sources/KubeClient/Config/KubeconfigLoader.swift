import Foundation

/// Finds and merges kubeconfig files exactly as kubectl does.
///
/// `--kubeconfig PATH` wins and must exist. Otherwise `KUBECONFIG` is split on `:` (duplicates
/// dropped, order kept, missing files skipped); otherwise `~/.kube/config`. Across files the first
/// file wins, for whole entries and for `current-context`.
public struct KubeconfigLoader: Sendable {
    /// An explicit file (`--kubeconfig`), if given.
    public var explicitPath: String?
    /// The environment to read `KUBECONFIG` and `HOME` from.
    public var environment: [String: String]

    /// Creates a loader; `environment` defaults to the process environment.
    public init(explicitPath: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.explicitPath = explicitPath
        self.environment = environment
    }

    /// The files that would be read, in precedence order (before checking they exist).
    public var candidateFiles: [String] {
        if let explicitPath, !explicitPath.isEmpty { return [explicitPath] }
        if let list = environment["KUBECONFIG"], !list.isEmpty {
            var seen = Set<String>()
            return list.split(separator: ":").map(String.init).filter { !$0.isEmpty && seen.insert($0).inserted }
        }
        guard let home = environment["HOME"] ?? (NSHomeDirectory().isEmpty ? nil : NSHomeDirectory()) else { return [] }
        return [(home as NSString).appendingPathComponent(".kube/config")]
    }

    /// Loads and merges the files; `nil` when none exists (the caller may then try in-cluster).
    ///
    /// Throws for an explicit file that is missing, and for any file that exists but is broken.
    public func load() throws(ConfigurationError) -> Kubeconfig? {
        let cwd = FileManager.default.currentDirectoryPath
        if let explicitPath, !explicitPath.isEmpty {
            return try Kubeconfig.load(file: NodeReader.absolute(explicitPath, relativeTo: cwd))
        }
        var merged: Kubeconfig?
        for candidate in candidateFiles {
            let path = NodeReader.absolute(candidate, relativeTo: cwd)
            guard FileManager.default.fileExists(atPath: path) else { continue }
            let file = try Kubeconfig.load(file: path)
            merged = merged.map { $0.merging(file) } ?? file
        }
        return merged
    }
}

extension Kubeconfig {
    /// Merges `later` into this configuration: entries and `current-context` already here win.
    public func merging(_ later: Kubeconfig) -> Kubeconfig {
        var result = self
        result.clusters.merge(later.clusters) { first, _ in first }
        result.users.merge(later.users) { first, _ in first }
        result.contexts.merge(later.contexts) { first, _ in first }
        if result.currentContext == nil { result.currentContext = later.currentContext }
        result.files += later.files
        return result
    }
}
