/// The analyses of one pod's logs, each made once: half a dozen rules read the same crash log, and its
/// patterns are the engine's most expensive step. One per ``DiagnosisContext`` (one pod, one thread).
final class LogAnalysisMemo {
    private var analyses: [String: LogAnalysis] = [:]

    /// The analysis of `text`.
    func callAsFunction(_ text: String) -> LogAnalysis {
        if let known = analyses[text] { return known }
        let made = LogAnalysis(text)
        analyses[text] = made
        return made
    }
}
