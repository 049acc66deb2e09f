import Foundation

/// Removes credentials from text PodDoctor quotes (log lines, env values): passwords in URLs
/// (`postgres://app:pw@db`) and `password=…`-style pairs.
enum Redact {
    private static let patterns: [(NSRegularExpression, String)] = [
        (#"(://[^/\s:@]+):[^@\s/]+@"#, "$1:<redacted>@"),
        (#"(?i)\b(password|passwd|pwd|secret|token|api[_-]?key)(["']?\s*[=:]\s*["']?)[^\s"',;&]+"#, "$1$2<redacted>"),
    ].compactMap { pattern, template in (try? NSRegularExpression(pattern: pattern)).map { ($0, template) } }

    /// `text` with credentials replaced by `<redacted>`.
    static func line(_ text: String) -> String {
        var result = text
        for (regex, template) in patterns {
            result = regex.stringByReplacingMatches(in: result, range: NSRange(result.startIndex..., in: result), withTemplate: template)
        }
        return result
    }

    /// Whether an environment variable's name says it holds a secret.
    static func isSecretName(_ name: String) -> Bool {
        let upper = name.uppercased()
        return ["PASS", "TOKEN", "SECRET", "KEY", "CREDENTIAL", "PWD"].contains(where: upper.contains)
    }
}
