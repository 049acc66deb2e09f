import Foundation

/// What a log says: the most specific recognised line, and the decisive line of a crash.
struct LogAnalysis {
    /// A recognised line.
    struct Match {
        let cause: Cause
        let weight: Int
        /// 1-based line number.
        let line: Int
        let text: String
        let values: [String: String]
    }

    /// All lines (without empty trailing ones).
    let lines: [String]
    /// The most specific recognised line, if any (ties go to the last one: closest to the crash).
    let best: Match?
    /// Every recognised line.
    let matches: [Match]

    /// Whether the log has any non-blank line.
    var isEmpty: Bool { lines.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }

    init(_ text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var line = String(line)
            if line.hasSuffix("\r") { line.removeLast() }
            return Self.stripTimestamp(line)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        self.lines = lines
        var matches: [Match] = []
        for (index, fullLine) in lines.enumerated() where !fullLine.isEmpty {
            // Very long lines (a JSON blob) are matched on their first 4 KB: patterns stay linear.
            let line = fullLine.count > 4096 ? String(fullLine.prefix(4096)) : fullLine
            let range = NSRange(line.startIndex..., in: line)
            for pattern in LogPatterns.all {
                guard let result = pattern.regex.firstMatch(in: line, range: range) else { continue }
                var values: [String: String] = [:]
                for (offset, name) in pattern.names.enumerated() where offset + 1 < result.numberOfRanges {
                    if let captured = Range(result.range(at: offset + 1), in: line) { values[name] = String(line[captured]) }
                }
                matches.append(Match(cause: pattern.cause, weight: pattern.weight, line: index + 1,
                                     text: line.trimmingCharacters(in: .whitespaces), values: values))
                break
            }
        }
        self.matches = matches
        best = matches.max { left, right in left.weight == right.weight ? left.line < right.line : left.weight < right.weight }
    }

    /// The line that best says why the process died: the deepest cause of an exception, a panic,
    /// else the last failure-looking line, else the last line.
    var decisiveLine: (number: Int, text: String)? {
        var candidate: (Int, String)?
        var causedBy: (Int, String)?
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            let range = NSRange(trimmed.startIndex..., in: trimmed)
            if trimmed.hasPrefix("panic: ") { return (index + 1, trimmed) }
            if trimmed.hasPrefix("Caused by: ") { causedBy = (index + 1, trimmed) }
            if LogPatterns.failureMarkers.contains(where: { $0.firstMatch(in: trimmed, range: range) != nil }) {
                candidate = (index + 1, trimmed)
            }
        }
        if let causedBy { return causedBy }
        if let candidate { return candidate }
        guard let last = lines.lastIndex(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else { return nil }
        return (last + 1, lines[last].trimmingCharacters(in: .whitespaces))
    }

    /// The first line of the log that is a recognised match of `cause`.
    func first(_ cause: Cause) -> Match? { matches.first { $0.cause == cause } }

    /// Drops a kubelet timestamp prefix (`2026-11-25T13:34:26.118000000Z `).
    static func stripTimestamp(_ line: String) -> String {
        guard line.count > 31, line.utf8.first.map({ $0 >= 48 && $0 <= 57 }) == true,
              let space = line.firstIndex(of: " "), line.distance(from: line.startIndex, to: space) >= 20,
              line[line.index(line.startIndex, offsetBy: 10)] == "T", line[line.index(before: space)] == "Z"
        else { return line }
        return String(line[line.index(after: space)...])
    }

    /// The start-up reports apps print, compiled once.
    private static let startupPatterns: [(String, NSRegularExpression)] = [
        #"Started \w+ in ([\d.]+) seconds"#, #"(?:startup|start-up|started|ready) (?:took|in|after) ([\d.]+) ?s(?:ec(?:onds)?)?\b"#,
        #"Server startup in \[?([\d.]+)\]? ?ms"#,
    ].compactMap { pattern in (try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive])).map { (pattern, $0) } }

    /// How long start-up took, when the app reports it ("Started Application in 44.8 seconds").
    var reportedStartupSeconds: Double? { reportedStartup?.seconds }

    /// The start-up time the app reports, with the line that says it.
    var reportedStartup: (seconds: Double, line: Int, text: String)? {
        for (pattern, regex) in Self.startupPatterns {
            for (index, line) in lines.enumerated().reversed() {
                let range = NSRange(line.startIndex..., in: line)
                if let match = regex.firstMatch(in: line, range: range), let value = Range(match.range(at: 1), in: line),
                   let number = Double(line[value]), number.isFinite, number < 1e6 {
                    return (pattern.contains("ms") ? number / 1000 : number, index + 1, line.trimmingCharacters(in: .whitespaces))
                }
            }
        }
        return nil
    }
}
