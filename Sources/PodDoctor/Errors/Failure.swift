import Foundation
import KubeClient
import KubeModel

/// How a command ends when something goes wrong: one exit code and one line, the same for every
/// command. Every error PodDoctor throws maps here; the exit codes are a contract (CI gates read them):
///
/// | code | meaning | errors |
/// |---|---|---|
/// | 1 | failing pods found with `--fail-on` | (not an error) |
/// | 2 | usage or configuration: fix the command line, the kubeconfig or the input files | `UsageError`, `SelectorError`, `SnapshotError`, `ConfigurationError` (a broken or incomplete kubeconfig, a missing exec plugin, a CA or key that is not PEM), `TransportError.invalidRequest` and a client certificate that cannot be loaded, an API 400/404/422 (a bad selector, a pod or workload that does not exist), `ReadOnlyViolation` |
/// | 3 | the cluster: unreachable, timed out, refused the credentials (401) or the access (403), answered an error (429, 5xx) or something unreadable | `TransportError` (connection, TLS, timeouts, proxies), `ConfigurationError.unauthorized` and a failed or timed-out exec login, `APIError` 401/403/409/410/429/5xx, `DecodingFailure` |
public struct Failure: Sendable, CustomStringConvertible {
    /// Usage or configuration.
    public static let usage: Int32 = 2
    /// The cluster.
    public static let cluster: Int32 = 3

    /// The exit code.
    public let exitCode: Int32
    /// One line: what failed and what to do (control characters from the input shown escaped).
    public let message: String

    /// The exit code and message of `error`.
    public init(_ error: any Error) {
        let code: Int32
        switch error {
        case let error as ConfigurationError:
            code = [ConfigurationError.Kind.unauthorized, .execPluginFailed].contains(error.kind) ? Self.cluster : Self.usage
        case let error as TransportError:
            // A client certificate or CA that cannot even be loaded is the kubeconfig's fault, not the cluster's.
            let local = error.kind == .invalidRequest || error.kind == .unreadableClientCertificate
            code = local ? Self.usage : Self.cluster
        case let error as APIError:
            code = [400, 404, 422].contains(error.code) ? Self.usage : Self.cluster
        case is DecodingFailure:
            code = Self.cluster
        default:
            code = Self.usage
        }
        exitCode = code
        let text = (error as? CustomStringConvertible)?.description ?? "\(error)"
        message = TerminalText.escaped(text).replacingOccurrences(of: "\n", with: " ")
    }

    /// `poddoctor: message`.
    public var description: String { "poddoctor: \(message)" }

    /// Writes the line on standard error and exits with the code.
    public func exit() -> Never {
        FileHandle.standardError.write(Data((description + "\n").utf8))
        Foundation.exit(exitCode)
    }
}
