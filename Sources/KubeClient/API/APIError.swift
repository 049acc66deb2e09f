import Foundation
import KubeModel

/// The API server refused a request: a decoded Kubernetes `Status` (code, reason, message,
/// details), or, when a proxy answered instead, what it said. Says which verb and resource were
/// denied for a 403.
public struct APIError: Error, Sendable, CustomStringConvertible {
    /// The HTTP status.
    public let code: Int
    /// The Status reason (`NotFound`, `Forbidden`, `Expired`...), when the server sent a Status.
    public let reason: String?
    /// The server's message, or a description of a non-Kubernetes answer.
    public let message: String
    /// The decoded Status, when the body was one.
    public let status: Status?
    /// The request URL (no credentials).
    public let url: String
    /// The HTTP method.
    public let verb: String
    /// Seconds the server asked to wait (`Retry-After`), if any.
    public let retryAfter: Int?

    /// Creates an error from a non-2xx response.
    public init(response: HTTPResponse) {
        code = response.status
        url = response.metrics.url
        verb = response.metrics.method.rawValue
        retryAfter = response.headers["Retry-After"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        if let decoded = Status(body: response.body, contentType: response.headers["Content-Type"]),
           decoded.message != nil || decoded.reason != nil {
            status = decoded
            reason = decoded.reason
            message = decoded.message ?? decoded.reason ?? "HTTP \(response.status)"
        } else {
            status = nil
            reason = nil
            message = ServerMessage.extract(from: response.body, contentType: response.headers["Content-Type"])
                ?? "HTTP \(response.status) with an empty body"
        }
    }

    /// The object is not there (404).
    public var isNotFound: Bool { code == 404 }
    /// The user may not do this (403).
    public var isForbidden: Bool { code == 403 }
    /// A list position or watch resource version is too old (410 `Expired`/`Gone`).
    public var isExpired: Bool { code == 410 }

    /// The replacement continue token a 410 on a paged list carries, if any.
    public var replacementContinueToken: String? { status?.metadata?.continue }

    /// What was refused and why, then what to do.
    public var description: String {
        var text = "\(verb) \(url): \(code)"
        if let reason { text += " \(reason)" }
        text += ": \(message)"
        if let hint = hint { text += ". \(hint)" }
        return text
    }

    private var hint: String? {
        switch code {
        case 403:
            let resource = status?.details?.kind ?? "this resource"
            return "PodDoctor needs read access (get, list, watch) to \(resource); ask for it, or expect findings that need it to be missing"
        default:
            return ServerMessage.hint(forStatus: code)
        }
    }
}

/// A response that could not be decoded as the object asked for.
public struct DecodingFailure: Error, Sendable, CustomStringConvertible {
    /// The request URL.
    public let url: String
    /// What did not fit, with the JSON path.
    public let detail: String

    /// `could not read <url>: detail`.
    public var description: String {
        "could not read the answer of \(url): \(detail). The server may be newer or a proxy may have answered; please report it"
    }

    init(url: String, error: any Error) {
        self.url = url
        detail = DecodingErrorText.describe(error)
    }
}
