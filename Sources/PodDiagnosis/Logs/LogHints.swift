/// Quick questions about a log that let a gatherer skip reads a diagnosis will not need.
public enum LogHints {
    /// Whether the log names a network dependency (a refused connection, an unknown host, a refused
    /// login): then the Services and Endpoints behind it are worth reading.
    public static func mentionsNetworkDependency(_ log: String) -> Bool {
        LogAnalysis(log).matches.contains { $0.cause == .dependencyUnreachable || $0.cause == .dependencyAuthFailed }
    }
}
