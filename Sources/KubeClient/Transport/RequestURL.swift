/// The parts of an absolute `http`/`https` URL the transport needs: scheme, host, port, and the
/// URL with any user information removed (safe to print).
struct RequestURL: Sendable, Equatable {
    /// `http` or `https`, lowercased.
    let scheme: String
    /// The host without IPv6 brackets, lowercased.
    let host: String
    /// The explicit port, or the scheme's default.
    let port: Int
    /// Everything after the authority: path, query (and fragment), possibly empty.
    let pathAndQuery: String

    /// Parses `url`; returns `nil` when it is not an absolute http(s) URL with a host.
    init?(_ url: String) {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        let rest = url[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") {
            authority = authority[authority.index(after: at)...]
        }
        var host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty { return nil }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = authority
        }
        guard !host.isEmpty else { return nil }
        let defaultPort = scheme == "https" ? 443 : 80
        var port = defaultPort
        if let portText, !portText.isEmpty {
            guard let parsed = Int(portText), (1...65535).contains(parsed) else { return nil }
            port = parsed
        }
        self.scheme = scheme
        self.host = host.lowercased()
        self.port = port
        self.pathAndQuery = String(rest[authorityEnd...])
    }

    /// The host as it appears in a URL: IPv6 addresses in brackets.
    var hostForURL: String { host.contains(":") ? "[\(host)]" : host }

    /// The URL without user information, fit for messages and traces.
    var redacted: String { "\(scheme)://\(hostForURL):\(port)\(pathAndQuery)" }

    /// The same URL with another host (used with `CURLOPT_CONNECT_TO` for `tls-server-name`).
    func replacingHost(_ newHost: String) -> String {
        let bracketed = newHost.contains(":") ? "[\(newHost)]" : newHost
        return "\(scheme)://\(bracketed):\(port)\(pathAndQuery)"
    }
}

extension RequestURL {
    /// Removes `user:password@` from a URL string for messages, even when it does not parse.
    static func redact(_ url: String) -> String {
        if let parsed = RequestURL(url) { return parsed.redacted }
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@") else { return url }
        return String(url[..<schemeEnd.upperBound]) + "<redacted>@" + rest[rest.index(after: at)...]
    }
}
