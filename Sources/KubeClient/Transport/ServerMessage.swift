import Foundation

/// Pulls a readable message out of an error body: a Kubernetes `Status`, plain text, or the HTML
/// page of a proxy or load balancer.
enum ServerMessage {
    /// At most this many characters of a body are quoted in an error.
    static let maxLength = 300

    /// The message to show for `body`, or `nil` when it is empty.
    static func extract(from body: Data, contentType: String?) -> String? {
        guard !body.isEmpty else { return nil }
        if let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] {
            if let message = object["message"] as? String, !message.isEmpty {
                if let reason = object["reason"] as? String, !reason.isEmpty {
                    return "\(reason): \(shorten(message))"
                }
                return shorten(message)
            }
        }
        let text = String(decoding: body.prefix(64 * 1024), as: UTF8.self)
        let isHTML = (contentType ?? "").lowercased().contains("html") || text.lowercased().contains("<html")
        if isHTML {
            let title = firstElementText(named: "title", in: text) ?? firstElementText(named: "h1", in: text)
            return "an HTML page\(title.map { " (\"\($0)\")" } ?? ""), not a Kubernetes API response: a proxy or load balancer answered"
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : shorten(trimmed)
    }

    /// What to check for an HTTP status.
    static func hint(forStatus status: Int) -> String? {
        switch status {
        case 401: return "The credentials were rejected: log in again or refresh your token"
        case 403: return "Your user is not allowed to do this: ask for read access (get/list/watch) to this resource"
        case 404: return "It does not exist, or the server does not serve this API"
        case 407: return "The proxy wants credentials: put them in the proxy URL"
        case 410: return "The list or watch position expired: start again from a fresh list"
        case 429: return "The API server is rate-limiting: retry after a pause"
        case 500...599: return "The API server or a proxy in front of it failed: retry later"
        default: return nil
        }
    }

    private static func shorten(_ text: String) -> String {
        text.count <= maxLength ? text : String(text.prefix(maxLength)) + "…"
    }

    private static func firstElementText(named name: String, in html: String) -> String? {
        guard let open = html.range(of: "<\(name)", options: .caseInsensitive),
              let openEnd = html[open.upperBound...].firstIndex(of: ">"),
              let close = html.range(of: "</\(name)>", options: .caseInsensitive, range: openEnd..<html.endIndex)
        else { return nil }
        let text = html[html.index(after: openEnd)..<close.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : shorten(text)
    }
}
