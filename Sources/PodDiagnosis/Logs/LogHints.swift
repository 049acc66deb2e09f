import Foundation

/// Quick questions about a log that let a gatherer skip reads a diagnosis will not need.
public enum LogHints {
    /// Whether the log names a network dependency (a refused connection, an unknown host, a refused
    /// login): then the Services and Endpoints behind it are worth reading.
    public static func mentionsNetworkDependency(_ log: String) -> Bool {
        LogAnalysis(log).matches.contains { $0.cause == .dependencyUnreachable || $0.cause == .dependencyAuthFailed }
    }

    /// The hosts a log fails to reach (`postgres`, `redis.cache`, `10.96.0.12`), for the Services worth looking up.
    public static func dependencyHosts(_ log: String) -> [String] {
        let hosts = LogAnalysis(log).matches.filter { $0.cause == .dependencyUnreachable }.compactMap { $0.values["host"] }
        return Array(Set(hosts.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "[]")) }.filter { !$0.isEmpty })).sorted()
    }
}
