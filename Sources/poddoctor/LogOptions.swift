import ArgumentParser
import Foundation
import KubeModel
import Logging
import PodDoctor

/// `--log-level`: diagnostic messages (swift-log) on stderr, one line each, text from the cluster escaped.
struct LogOptions: ParsableArguments {
    @Option(name: .long, help: "Diagnostic messages on stderr at this level and above: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    /// Sends every logger to stderr at the chosen level (once per process).
    func bootstrap() throws {
        guard let level = Logger.Level(rawValue: logLevel.lowercased()) else {
            throw UsageError("--log-level \(logLevel) is not one of trace, debug, info, notice, warning, error, critical")
        }
        LoggingSystem.bootstrap { label in
            var handler = StderrLineHandler(label: label)
            handler.logLevel = level
            return handler
        }
    }
}

/// `poddoctor: warning: diagnosis failed; trying again later (error=…, pod=…)`: one line per message.
struct StderrLineHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        let details = all.isEmpty ? "" : " (" + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") + ")"
        let line = TerminalText.escaped("poddoctor: \(event.level): \(event.message)\(details)").replacingOccurrences(of: "\n", with: " ")
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
