import Foundation
import KubeClient
import PodDoctor
import Testing

/// One error path: every error maps to the documented exit code and a one-line message.
@Suite("Exit codes and messages")
struct FailureTests {
    static func api(_ code: Int) -> APIError {
        let metrics = TransferMetrics(method: .get, url: "https://10.0.0.1:6443/api/v1/pods", status: code, httpVersion: "HTTP/2",
                                      duration: .zero, newConnections: 0, bytesReceived: 0)
        let body = Data(#"{"kind":"Status","apiVersion":"v1","status":"Failure","message":"nope\nsecond line","reason":"X","code":\#(code)}"#.utf8)
        return APIError(response: HTTPResponse(status: code, headers: ["Content-Type": "application/json"], body: body, metrics: metrics))
    }

    @Test func everyErrorHasItsDocumentedExitCode() {
        let selector: Error? = { do { _ = try SelectorMatcher("a in ("); return nil } catch { return error } }()
        let cases: [(any Error, Int32)] = [
            (UsageError("bad"), 2), (SnapshotError(file: "/x", message: "bad"), 2), (selector ?? UsageError(""), 2),
            (ConfigurationError(kind: .syntax, message: "bad"), 2), (ConfigurationError(kind: .execPluginNotFound, message: "x"), 2),
            (ConfigurationError(kind: .invalidCertificateAuthority, message: "x"), 2),
            (ConfigurationError(kind: .unauthorized, message: "x"), 3), (ConfigurationError(kind: .execPluginFailed, message: "x"), 3),
            (TransportError(kind: .connectionRefused, url: "https://x", detail: nil, hint: nil), 3),
            (TransportError(kind: .timeout, url: "https://x", detail: nil, hint: nil), 3),
            (TransportError(kind: .tlsVerification, url: "https://x", detail: nil, hint: nil), 3),
            (TransportError(kind: .invalidRequest, url: "x", detail: nil, hint: nil), 2),
            (TransportError(kind: .unreadableClientCertificate, url: "x", detail: nil, hint: nil), 2),
            (TransportError(kind: .clientCertificate, url: "x", detail: nil, hint: nil), 3),
            (Self.api(400), 2), (Self.api(404), 2), (Self.api(422), 2),
            (Self.api(401), 3), (Self.api(403), 3), (Self.api(410), 3), (Self.api(429), 3), (Self.api(500), 3), (Self.api(503), 3),
            (ReadOnlyViolation(method: "DELETE", url: "https://x"), 2),
        ]
        for (error, code) in cases {
            let failure = Failure(error)
            #expect(failure.exitCode == code, "\(error): \(failure.exitCode), expected \(code)")
            #expect(!failure.message.contains("\n"), "one line: \(failure.message)")
            #expect(!failure.message.isEmpty)
        }
    }

    @Test func messagesShowControlCharactersEscaped() {
        let failure = Failure(SnapshotError(file: "/tmp/\u{1B}[31mevil.json", message: "is not valid"))
        #expect(!failure.message.contains("\u{1B}"))
        #expect(failure.message.contains(#"\x1b[31m"#))
    }
}
