import Foundation

/// Removes credentials from text PodDoctor quotes or saves (log lines, env values, messages):
/// passwords in URLs (`postgres://app:pw@db`), `Authorization:` headers and bearer tokens, AWS
/// access keys, JWTs, private-key blocks, and `password=…`-style pairs.
public enum Redact {
    /// What replaces a credential.
    public static let marker = "<redacted>"

    private static let patterns: [(NSRegularExpression, String)] = [
        // A private key, whole block (it may span lines).
        (#"-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\s\S]*?(-----END \1PRIVATE KEY-----|$)"#, "-----BEGIN $1PRIVATE KEY----- <redacted> -----END $1PRIVATE KEY-----"),
        // user:password@ in URLs.
        (#"(://[^/\s:@]+):[^@\s/]+@"#, "$1:<redacted>@"),
        // Authorization headers (any scheme) and bearer tokens anywhere.
        (#"(?i)\b(authorization|proxy-authorization)(["']?[ \t]*[=:][ \t]*["']?)(basic|bearer|token|digest|negotiate)?[ \t]*[^\s"',;]+"#, "$1$2$3 <redacted>"),
        (#"(?i)\bbearer\s+[A-Za-z0-9._~+/=-]{8,}"#, "Bearer <redacted>"),
        // JSON Web Tokens (header.payload.signature, base64url).
        (#"\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*"#, "<redacted-jwt>"),
        // AWS access key ids and secret keys.
        (#"\b(AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b"#, "<redacted-aws-key>"),
        (#"(?i)(aws_secret_access_key|aws_session_token)(["']?[ \t]*[=:][ \t]*["']?)[^\s"',;&]+"#, "$1$2<redacted>"),
        // password=..., secret: ..., token=..., api_key=..., also as the end of a longer name
        // (DB_PASSWORD=, PGPASSWORD=, GITHUB_TOKEN=, dbPassword:), never across a line break.
        (#"(?i)(?<![A-Za-z0-9])([A-Za-z0-9_.-]*?(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key))(["']?[ \t]*[=:][ \t]*["']?)[^\s"',;&]+"#, "$1$2<redacted>"),
        // --password hunter2, --token abc (a flag and its value).
        (#"(?i)(--?(?:[a-z0-9-]*-)?(?:password|passwd|token|secret|api-key))([ \t]+)(?!-)[^\s"',;&]+"#, "$1$2<redacted>"),
    ].compactMap { pattern, template in (try? NSRegularExpression(pattern: pattern)).map { ($0, template) } }

    /// `text` with credentials replaced by `<redacted>`.
    public static func line(_ text: String) -> String {
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
